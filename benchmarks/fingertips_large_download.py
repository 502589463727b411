"""How long a large all_data download takes through the real client and loader, and how much
memory it needs: a generated file in the current 27-column layout, served on 127.0.0.1.

    .venv/bin/python benchmarks/fingertips_large_download.py [--rows 2000000]

Prints the file size, download and load times, rows per second and the peak resident memory.
The values are made up (this measures the pipeline, not data).
"""

from __future__ import annotations

import argparse
import csv
import functools
import http.server
import resource
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from assets.fingertips import api
from assets.fingertips.csv_layouts import ALL_DATA_COLUMNS, PARENT_COMPARISON_POSITION
from assets.fingertips.factory import open_source
from assets.fingertips.raw_loading import load_all_data
from assets.warehouse.store import Warehouse
from pipelines.settings import FingertipsSettings

INDICATOR = 90366


def write_download(path: Path, rows: int) -> None:
    header = [text for _, text in ALL_DATA_COLUMNS]
    header[PARENT_COMPARISON_POSITION] = "Compared to Region value or percentiles"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in range(rows):
            area = f"E{row // 40:08d}"
            period = 2000 + row % 40
            writer.writerow(
                [
                    INDICATOR,
                    "Life expectancy at birth",
                    "E12000007",
                    "London region",
                    area,
                    f"Area {area}",
                    "UA",
                    "Persons",
                    "All ages",
                    "",
                    "",
                    str(period),
                    f"{80 + row % 7 / 10:.6f}",
                    "79.1",
                    "81.2",
                    "78.5",
                    "81.8",
                    "1200",
                    "150000",
                    "",
                    "",
                    "Similar",
                    "Similar",
                    f"{period}0000",
                    "",
                    "",
                    "1y",
                ]
            )


class _Files(http.server.SimpleHTTPRequestHandler):
    def do_GET(self) -> None:
        self.path = "/download.csv"
        super().do_GET()

    def log_message(self, *_: object) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--memory-limit", default="2GB", help="DuckDB's memory for the load")
    arguments = parser.parse_args()
    rows = arguments.rows
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_download(root / "download.csv", rows)
        size = (root / "download.csv").stat().st_size
        handler = functools.partial(_Files, directory=str(root))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        settings = FingertipsSettings(api_url=f"http://127.0.0.1:{server.server_port}/api/")
        started = time.perf_counter()
        fetched = api.all_data_by_indicator_ids(
            open_source(settings), [INDICATOR], 502, 6, root / "fetched.csv"
        )
        downloaded = time.perf_counter()
        warehouse = Warehouse(root / "outcomes.duckdb", arguments.memory_limit)
        with warehouse.transaction() as connection:
            _, counts = load_all_data(
                connection, fetched, {INDICATOR: datetime.now(UTC)}, 502, 6, "benchmark"
            )
        loaded = time.perf_counter()
        server.shutdown()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"rows                {counts[INDICATOR]:>12,}")
    print(f"file                {size / 1e6:>12,.1f} MB")
    print(f"download            {downloaded - started:>12.1f} s")
    print(f"load and check      {loaded - downloaded:>12.1f} s")
    print(f"rows per second     {counts[INDICATOR] / (loaded - started):>12,.0f}")
    print(f"peak memory (RSS)   {peak_mb:>12,.0f} MB")


if __name__ == "__main__":
    main()
