-- LSOA deprivation rows of the reference bundle loaded into this warehouse (0: none loaded yet).
SELECT count(*) FROM raw.reference_lsoa_deprivation;
