-- LSOAs of each vintage with exactly one best fit in the other vintage.
SELECT '2011' AS lsoa_vintage, count(*) AS lsoas
FROM (
    SELECT lsoa11_code
    FROM conformed.lsoa_bridge_2011_2021
    GROUP BY lsoa11_code
    HAVING count(*) FILTER (WHERE is_best_fit_2011_to_2021) = 1
)
UNION ALL
SELECT '2021' AS lsoa_vintage, count(*) AS lsoas
FROM (
    SELECT lsoa21_code
    FROM conformed.lsoa_bridge_2011_2021
    GROUP BY lsoa21_code
    HAVING count(*) FILTER (WHERE is_best_fit_2021_to_2011) = 1
);
