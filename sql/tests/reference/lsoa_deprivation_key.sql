-- One row per IMD version and LSOA.
{{ key_repeats(ref('lsoa_deprivation'), ['imd_version', 'lsoa_code']) }}
