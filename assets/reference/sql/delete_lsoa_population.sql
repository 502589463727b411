DELETE FROM conformed.lsoa_population;
