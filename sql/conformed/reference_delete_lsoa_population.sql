DELETE FROM conformed.lsoa_population
WHERE lsoa_vintage = $lsoa_vintage AND year = $year;
