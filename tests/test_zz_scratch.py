from tests.test_fingertips_end_to_end import REAL_RUNS
from tests.pipeline_harness import run, serve, settings_for


def test_scratch(shared_data, tmp_path, make_httpserver):
    make_httpserver.clear()
    settings = settings_for(serve(make_httpserver, shared_data), tmp_path)
    for _, request in REAL_RUNS:
        result = run(settings, request)
        for r in result.runs:
            for e in r.all_events:
                if e.is_step_failure:
                    print(e.step_key, e.event_specific_data.error.to_string()[-2500:])
        assert result.success
    print("WAREHOUSE", settings.warehouse)
