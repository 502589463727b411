-- Every English LSOA of both vintages has a council, region, sub-ICB and ICB (each row has all of
-- them): one row per LSOA of each vintage, 32,844 in 2011 and 33,755 in 2021.
WITH counted AS (
    SELECT lsoa_vintage AS lsoa_group, count(*) AS lsoas
    FROM {{ ref('lsoa_geography') }}
    GROUP BY lsoa_vintage
)
{{ lsoa_counts_not_englands('counted', {'2011': '2011', '2021': '2021'}) }}
