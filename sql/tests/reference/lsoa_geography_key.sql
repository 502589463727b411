-- One row per vintage and LSOA.
{{ key_repeats(ref('lsoa_geography'), ['lsoa_vintage', 'lsoa_code']) }}
