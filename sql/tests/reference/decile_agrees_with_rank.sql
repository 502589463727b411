-- LSOAs whose decile disagrees with their rank: ranks run 1 … n within a version (IMD2019 gives
-- tied scores one rank), and decile d holds ranks above (d − 1)·n/10 up to d·n/10.
SELECT imd_version, lsoa_code, imd_rank, imd_decile, lsoas
FROM (
    SELECT *, count(*) OVER (PARTITION BY imd_version) AS lsoas
    FROM {{ ref('lsoa_deprivation') }}
)
WHERE imd_rank NOT BETWEEN 1 AND lsoas
    OR imd_decile <> ceil(imd_rank * 10 / lsoas)
