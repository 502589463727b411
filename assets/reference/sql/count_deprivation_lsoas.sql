SELECT imd_version, count(*) AS lsoas
FROM conformed.lsoa_deprivation
GROUP BY ALL;
