-- One latest population per vintage and LSOA (the bridge and Core20 join on it).
{{ key_repeats(ref('lsoa_population_latest'), ['lsoa_vintage', 'lsoa_code']) }}
