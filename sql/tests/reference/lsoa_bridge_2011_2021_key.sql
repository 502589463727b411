-- One row per LSOA 2011 and LSOA 2021 pair.
{{ key_repeats(ref('lsoa_bridge_2011_2021'), ['lsoa11_code', 'lsoa21_code']) }}
