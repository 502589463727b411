SELECT lsoa_vintage, count(*) AS lsoas
FROM conformed.lsoa_population_latest
GROUP BY ALL;
