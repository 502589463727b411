DELETE FROM conformed.lsoa_deprivation
WHERE imd_version = $imd_version;
