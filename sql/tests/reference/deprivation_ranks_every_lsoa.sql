-- Each IMD version ranks every English LSOA of its vintage (32,844 in 2011; 33,755 in 2021). A
-- reference table missing LSOAs would silently shrink every place's Core20, so this fails the
-- build (and what reads the table) rather than warn.
WITH counted AS (
    SELECT imd_version AS lsoa_group, count(*) AS lsoas
    FROM {{ ref('lsoa_deprivation') }}
    GROUP BY imd_version
)
{{ lsoa_counts_not_englands('counted', {'imd2019': '2011', 'imd2025': '2021'}) }}
