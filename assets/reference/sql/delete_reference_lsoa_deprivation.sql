DELETE FROM raw.reference_lsoa_deprivation;
