"""LSOA boundary vintages, and which vintage each IMD version ranks."""

# England's LSOAs in each boundary vintage: every reference table is checked against these.
ENGLAND_LSOAS = {"2011": 32_844, "2021": 33_755}

# Each IMD version ranks the LSOAs of one vintage; never join one to the other's codes directly.
IMD_VINTAGES = {"imd2019": "2011", "imd2025": "2021"}
