"""Reference data: a versioned bundle (bundle.py) of LSOA deprivation, geography, population, the
2011 → 2021 LSOA bridge and council lookups, built from the publishers' files (builder.py), and
the assets that load its LSOA tables into the warehouse's raw schema; the dbt models in
sql/models/conformed/reference/ build the conformed tables from them."""
