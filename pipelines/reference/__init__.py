"""Reference data: LSOA deprivation, geography, population and the 2011 → 2021 LSOA bridge."""
