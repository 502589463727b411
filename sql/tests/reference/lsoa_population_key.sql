-- One row per vintage, LSOA, mid-year, sex and age band.
{{ key_repeats(ref('lsoa_population'), ['lsoa_vintage', 'lsoa_code', 'year', 'sex', 'age_band']) }}
