"""An ArcGIS feature layer's rows written to a CSV file page by page (the ONS Open Geography Portal
publishes its lookups as such layers).

A layer answers at most its `maxRecordCount` rows (1,000 or 2,000) to one query, so the rows are
asked for as ArcGIS's REST reference describes: `resultOffset` + `resultRecordCount`, ordered by the
object ID field so that pages neither overlap nor skip a row, continuing while the answer says
`exceededTransferLimit: true` (top level with `f=json`; GeoJSON would put it under `properties`).
Only attributes are asked for (`returnGeometry=false`). Each page is written out before the next is
asked for, so a whole lookup is never held in memory.

A service that does not page as documented is caught, not looped on: every object ID is read
once (a repeat means resultOffset was ignored), an empty page that says there is more is refused,
and the rows read must be the layer's own count (`returnCountOnly`).

HTTP is the caller's (`GetJson`), so TLS, proxies and network errors are handled in one place.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

# Rows asked for per page, lowered to the layer's maxRecordCount when that is smaller.
PAGE_SIZE = 2_000

# https://<host>/<org>/arcgis/rest/services/<service>/FeatureServer/<layer>
_LAYER = re.compile(r"/rest/services/(?P<service>[^/]+)/FeatureServer/\d+/?$")

# (url, query parameters, what is being asked for, e.g. "the page at offset 2000") -> parsed JSON.
GetJson = Callable[[str, dict[str, str], str], Any]


class ArcGISError(RuntimeError):
    """The layer answered, but not as ArcGIS documents paging; the message says what went wrong."""


def is_layer(url: str) -> bool:
    """Whether `url` is an ArcGIS feature layer (…/FeatureServer/0) rather than a file."""
    parts = urlparse(url)
    return not parts.query and _LAYER.search(parts.path) is not None


def csv_name(url: str) -> str:
    """The file a layer's rows are written to: its service name, e.g. LSOA21_WD24_LAD24_EW_LU.csv."""
    match = _LAYER.search(urlparse(url).path)
    assert match is not None, url
    return f"{match['service']}.csv"


def write_layer(url: str, get_json: GetJson, destination: Path) -> int:
    """Write every row of the layer at `url` to `destination` (CSV, one header row); return the
    number of rows."""
    layer = url.rstrip("/")
    order_by, page_size = _paging(get_json(layer, {"f": "json"}, "the layer's description"))
    query = f"{layer}/query"
    expected = _count(get_json(query, _count_parameters(), "the row count"))
    seen: dict[Any, int] = {}  # object ID -> the offset of the page it came in
    with destination.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        header: list[str] | None = None
        for offset, page in _pages(query, get_json, order_by, page_size, expected):
            what = f"the page at offset {offset}"
            if header is None:
                header = [field["name"] for field in page.get("fields") or []]
                writer.writerow(header)
            for feature in page["features"]:
                attributes = feature.get("attributes") or {}
                key = attributes.get(order_by)
                if key is None:
                    raise ArcGISError(f"{what} has a row without {order_by}")
                if key in seen:
                    raise ArcGISError(
                        f"{what} repeats {order_by} {key}, already read at offset {seen[key]}: the "
                        "service ignores resultOffset, so its rows cannot be paged"
                    )
                seen[key] = offset
                writer.writerow([_cell(attributes.get(name)) for name in header])
    if len(seen) != expected:
        raise ArcGISError(f"the pages held {len(seen):,} rows, but the layer counts {expected:,}")
    return expected


def _pages(
    query: str, get_json: GetJson, order_by: str, page_size: int, expected: int
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(offset, page) in turn while the page before said exceededTransferLimit. Each page must
    move on, and not past the layer's own count, so this ends whatever the service says."""
    offset = 0
    while True:
        what = f"the page at offset {offset}"
        parameters = _page_parameters(order_by, offset, page_size)
        page = _answer(get_json(query, parameters, what), what)
        features = page.get("features")
        if not isinstance(features, list):
            raise ArcGISError(f"{what} has no 'features' ({str(page)[:200]})")
        yield offset, page
        offset += len(features)
        if page.get("exceededTransferLimit") is not True:
            return
        if not features:
            raise ArcGISError(f"{what} is empty but says exceededTransferLimit")
        if offset >= expected:
            raise ArcGISError(
                f"{what} says exceededTransferLimit after {offset:,} rows, but the layer counts "
                f"{expected:,}"
            )


def _count(answer: Any) -> int:
    count = _answer(answer, "the row count").get("count")
    if not isinstance(count, int):
        raise ArcGISError(f"the row count has no 'count' ({str(answer)[:200]})")
    return count


def _paging(description: Any) -> tuple[str, int]:
    """The field to order pages by (the object ID) and the page size, from the layer's JSON."""
    description = _answer(description, "the layer's description")
    capabilities = description.get("advancedQueryCapabilities") or {}
    if capabilities.get("supportsPagination") is False:
        raise ArcGISError("the layer does not support paging (supportsPagination is false)")
    order_by = description.get("objectIdField") or next(
        (
            field.get("name")
            for field in description.get("fields") or []
            if field.get("type") == "esriFieldTypeOID"
        ),
        None,
    )
    if not order_by:
        raise ArcGISError("the layer's description names no object ID field to order pages by")
    most = description.get("maxRecordCount")
    page_size = min(PAGE_SIZE, most) if isinstance(most, int) and most > 0 else PAGE_SIZE
    return order_by, page_size


def _count_parameters() -> dict[str, str]:
    return {"where": "1=1", "returnCountOnly": "true", "f": "json"}


def _page_parameters(order_by: str, offset: int, page_size: int) -> dict[str, str]:
    return {
        "where": "1=1",
        "outFields": "*",
        "returnGeometry": "false",
        "orderByFields": order_by,
        "resultOffset": str(offset),
        "resultRecordCount": str(page_size),
        "f": "json",
    }


def _answer(data: Any, what: str) -> dict[str, Any]:
    """The JSON object, unless it is ArcGIS's error answer (sent with HTTP 200)."""
    if not isinstance(data, dict):
        raise ArcGISError(f"{what} is not a JSON object")
    error = data.get("error")
    if isinstance(error, dict):
        details = "; ".join(str(detail) for detail in error.get("details") or [])
        raise ArcGISError(
            f"{what}: the service answered error {error.get('code')}: {error.get('message')}"
            + (f" ({details})" if details else "")
        )
    return data


def _cell(value: Any) -> Any:
    # ArcGIS sends whole numbers of double fields as 1.0; the CSV says 1, as the file would.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value
