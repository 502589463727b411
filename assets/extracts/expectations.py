"""Each declared source's expectation suite: generated from its declaration, plus any expectations
the declaration adds (extra_expectations), run by Great Expectations over the source's current
values, with the result kept as Data Docs HTML and JSON under OUTCOMES_DROP_DIR/reports/.

great_expectations takes seconds to import, so it is imported inside `validate`, which only the
asset check calls. Validation runs on a pandas frame read from DuckDB: the great-expectations SQL
path cannot validate DuckDB tables (results come back empty through duckdb-engine).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from assets.extracts.declared_sources import DeclaredSource
from assets.extracts.measures import Target
from assets.geography import level_codes

Expectation = dict[str, Any]
# One current value per key: the same key as the fact table's, less the revision.
VALUE_KEY = [
    "catalogue_indicator_id",
    "area_code",
    "area_level",
    "sex",
    "age",
    "breakdown",
    "period_label",
]
# Columns that identify a failing row in the results: the file and its row number.
ROW_IDENTITY = ["file_name", "source_row"]
EXAMPLES = 5


def _expect(type_: str, **kwargs: Any) -> Expectation:
    return {"type": type_, "kwargs": kwargs}


def _targets(source: DeclaredSource) -> list[Target]:
    resolver = source.measures
    if resolver.fixed is not None:
        return [resolver.fixed]
    return list({**resolver.by_text, **resolver.current_codes, **resolver.former_codes}.values())


def generated_expectations(source: DeclaredSource) -> list[Expectation]:
    """The suite the declaration implies, as plain expectation configurations (type, kwargs)."""
    declaration = source.declaration
    roles = declaration.roles()
    number_columns = sorted(roles | {"value"})
    suite = [
        _expect("expect_column_to_exist", column=column) for column in [*VALUE_KEY, *number_columns]
    ]
    suite += [
        _expect(
            "expect_column_values_to_be_in_type_list",
            column=column,
            type_list=["float64", "Float64"],
        )
        for column in number_columns
    ]
    suite += [
        _expect("expect_column_values_to_not_be_null", column=column)
        for column in ["catalogue_indicator_id", "area_code", "period_start", "period_end"]
    ]
    levels, _ = level_codes(declaration.geography)
    suite.append(
        _expect(
            "expect_column_values_to_be_in_set",
            column="area_level",
            value_set=sorted({level.level.value for level in levels}),
        )
    )
    suite += [
        _expect(
            "expect_column_values_to_match_regex",
            column="area_code",
            regex=f"^{level.pattern}$",
            row_condition=f'area_level=="{level.level.value}"',
            condition_parser="pandas",
        )
        for level in levels
    ]
    targets = _targets(source)
    suite.append(
        _expect(
            "expect_column_values_to_be_in_set",
            column="catalogue_indicator_id",
            value_set=sorted({target.indicator for target in targets}),
        )
    )
    suite += [
        _expect("expect_column_values_to_be_between", column=count, min_value=0)
        for count in ("numerator", "denominator")
        if count in roles
    ]
    if declaration.numerator_within_denominator and {"numerator", "denominator"} <= roles:
        suite.append(
            _expect(
                "expect_column_pair_values_a_to_be_greater_than_b",
                column_A="denominator",
                column_B="numerator",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
            )
        )
    for target in sorted(
        {t for t in targets if t.value_min is not None or t.value_max is not None},
        key=lambda t: t.indicator,
    ):
        suite.append(
            _expect(
                "expect_column_values_to_be_between",
                column="value",
                min_value=target.value_min,
                max_value=target.value_max,
                row_condition=f'catalogue_indicator_id=="{target.indicator}"',
                condition_parser="pandas",
            )
        )
    suite.append(_expect("expect_compound_columns_to_be_unique", column_list=VALUE_KEY))
    return suite


def suite_expectations(source: DeclaredSource) -> list[Expectation]:
    """The generated suite and the declaration's own extra expectations."""
    extra = [_expect(item.type, **item.kwargs) for item in source.declaration.extra_expectations]
    return generated_expectations(source) + extra


@dataclass(frozen=True)
class FailedExpectation:
    type: str
    kwargs: dict[str, Any]
    unexpected_count: int | None
    # Where the failing values are: "file row N: value".
    examples: list[str]
    error: str | None


@dataclass(frozen=True)
class SuiteOutcome:
    success: bool
    evaluated: int
    failed: list[FailedExpectation]
    html_path: Path
    json_path: Path


def validate(source: DeclaredSource, values: pd.DataFrame, reports_dir: Path) -> SuiteOutcome:
    """Run the suite over `values` (the source's current values, with file_name) and keep the
    result in `reports_dir` as <time>.expectations.{html,json} and latest.expectations.{…}."""
    import great_expectations as gx
    from great_expectations.core.expectation_validation_result import (
        ExpectationSuiteValidationResultSchema,
    )
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )
    from great_expectations.exceptions import InvalidExpectationConfigurationError
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration
    from great_expectations.render.renderer import ValidationResultsPageRenderer
    from great_expectations.render.view import DefaultJinjaPageView

    context = gx.get_context(
        mode="ephemeral",
        project_config=DataContextConfig(
            store_backend_defaults=InMemoryStoreBackendDefaults(),
            analytics_enabled=False,
            progress_bars=ProgressBarsConfig(globally=False),
        ),
    )
    batch = (
        context.data_sources.add_pandas("extracts")
        .add_dataframe_asset(source.id)
        .add_batch_definition_whole_dataframe("current_values")
        .get_batch(batch_parameters={"dataframe": values})
    )
    suite = context.suites.add(gx.ExpectationSuite(name=f"extract_{source.id}"))
    rejected: list[FailedExpectation] = []
    for expectation in suite_expectations(source):
        try:
            suite.add_expectation_configuration(ExpectationConfiguration(**expectation))
        except InvalidExpectationConfigurationError as error:
            rejected.append(
                FailedExpectation(
                    expectation["type"],
                    expectation["kwargs"],
                    None,
                    [],
                    f"not a valid expectation (see {source.yaml_path.name}): {error}",
                )
            )
    result = batch.validate(
        suite,
        result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ROW_IDENTITY},
    )
    failed = rejected + [_failure(item) for item in result.results if not item.success]

    reports_dir.mkdir(parents=True, exist_ok=True)
    stamp = f"{datetime.now(UTC):%Y%m%dT%H%M%S%f}"
    json_path = reports_dir / f"{stamp}.expectations.json"
    html_path = reports_dir / f"{stamp}.expectations.html"
    result_json = json.dumps(result.to_json_dict(), indent=2, default=str)
    json_path.write_text(result_json + "\n", encoding="utf-8")
    # Rendered from the JSON: the 1.24 renderer reads numbers through repr(), which for NumPy 2
    # floats is 'np.float64(…)', and would leave those cells out of the page.
    plain = ExpectationSuiteValidationResultSchema().load(json.loads(result_json))
    page = DefaultJinjaPageView().render(ValidationResultsPageRenderer().render(plain))
    html_path.write_text(page, encoding="utf-8")
    for path in (json_path, html_path):
        shutil.copyfile(path, reports_dir / path.name.replace(stamp, "latest"))
    return SuiteOutcome(
        success=not failed,
        evaluated=len(result.results) + len(rejected),
        failed=failed,
        html_path=html_path,
        json_path=json_path,
    )


def _failure(item: Any) -> FailedExpectation:
    config = item.expectation_config
    kwargs = {key: value for key, value in config.kwargs.items() if key != "batch_id"}
    details = item.result or {}
    examples = [
        f"{row.get('file_name')} row {row.get('source_row')}: "
        + ", ".join(f"{key}={value}" for key, value in row.items() if key not in ROW_IDENTITY)
        for row in (details.get("unexpected_index_list") or [])[:EXAMPLES]
        if isinstance(row, dict)
    ]
    error = item.exception_info.get("exception_message") if item.exception_info else None
    return FailedExpectation(config.type, kwargs, details.get("unexpected_count"), examples, error)
