SELECT lsoa_code, lsoa_vintage, population
FROM conformed.lsoa_population_latest;
