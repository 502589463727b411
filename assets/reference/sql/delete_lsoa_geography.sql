DELETE FROM conformed.lsoa_geography;
