"""`make bench`: every figure of issue 14, each as a ratio against its anchor measured in the same
run, with peak memory. Sizes are options, so a quick run is possible:

    make bench                                  # the default sizes (about 15 min on 2 cores)
    make bench BENCH="--quick"                  # small sizes, a few minutes
    make bench BENCH="--megabytes 1000 --places 15,153"   # the issue's own sizes
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from benchmarks import cli_startup, demo_runs, ingest_load

QUICK = {"megabytes": 20.0, "places": "3,4", "reference_rows": 2_000, "rows": 100_000}
DEFAULT = {"megabytes": 100.0, "places": "3,6", "reference_rows": 5_000, "rows": 200_000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a few minutes")
    parser.add_argument("--megabytes", type=float, help="the download the ingest figures load")
    parser.add_argument("--places", help="the small and the larger number of places, e.g. 15,153")
    parser.add_argument("--skip", default="", help="figures to leave out: cli,ingest,demo,stats")
    arguments = parser.parse_args()
    sizes = dict(QUICK if arguments.quick else DEFAULT)
    sizes.update({k: v for k in ("megabytes", "places") if (v := getattr(arguments, k))})
    skip = set(filter(None, arguments.skip.split(",")))
    if "cli" not in skip:
        cli_startup.report(repeats=3)
    if "ingest" not in skip:
        ingest_load.report(sizes["megabytes"], "2GB")
        ingest_load.report(sizes["megabytes"], "500MB")
    if "demo" not in skip:
        demo_runs.report([int(part) for part in sizes["places"].split(",")])
    if "stats" not in skip:
        sys.stdout.flush()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.statistics_benchmark",
                f"--reference-rows={sizes['reference_rows']}",
                f"--rows={sizes['rows']}",
            ],
            check=True,
        )


if __name__ == "__main__":
    main()
