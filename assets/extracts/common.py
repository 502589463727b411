"""What every extract asset shares: its group, kinds, and how its key is named."""

import dagster as dg

GROUP = "extracts"
KINDS = {"duckdb"}
# The reference asset loading each LSOA vintage's code list (raw.reference_lsoa_geography), which
# LSOA-level sources check their codes against (assets/reference/geography.py).
LSOA_GEOGRAPHY = dg.AssetKey("reference_lsoa_geography")


def extract_asset_key(source_id: str) -> dg.AssetKey:
    return dg.AssetKey(f"extract_{source_id}")
