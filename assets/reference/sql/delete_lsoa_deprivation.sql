DELETE FROM conformed.lsoa_deprivation;
