SELECT lsoa_vintage, count(*) AS lsoas
FROM conformed.lsoa_geography
GROUP BY ALL;
