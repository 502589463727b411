SELECT imd_version, lsoa_code, imd_decile, imd_quintile
FROM conformed.lsoa_deprivation;
