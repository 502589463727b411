-- Every English LSOA of each vintage has exactly one best fit in the other vintage, so counts
-- carried across vintages are neither lost nor doubled.
WITH fitted_once AS (
    SELECT '2011' AS lsoa_group, lsoa11_code AS lsoa_code
    FROM {{ ref('lsoa_bridge_2011_2021') }}
    GROUP BY lsoa11_code
    HAVING count(*) FILTER (WHERE is_best_fit_2011_to_2021) = 1
    UNION ALL
    SELECT '2021' AS lsoa_group, lsoa21_code AS lsoa_code
    FROM {{ ref('lsoa_bridge_2011_2021') }}
    GROUP BY lsoa21_code
    HAVING count(*) FILTER (WHERE is_best_fit_2021_to_2011) = 1
),

counted AS (
    SELECT lsoa_group, count(*) AS lsoas
    FROM fitted_once
    GROUP BY lsoa_group
)
{{ lsoa_counts_not_englands('counted', {'2011': '2011', '2021': '2021'}) }}
