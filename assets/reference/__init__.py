"""Reference data as assets: LSOA deprivation, geography, population, 2011 → 2021 bridge."""
