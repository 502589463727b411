-- ONS mid-year estimates by LSOA 2011: one column per single year of age (0 … 89, "90+") beside
-- the total, persons only. England only, as the IMD is.
INSERT INTO conformed.lsoa_population BY NAME
SELECT
    lsoa11_code AS lsoa_code,
    '2011' AS lsoa_vintage,
    $year AS year,
    'persons' AS sex,
    CASE age_column WHEN 'total_population' THEN 'all ages' ELSE age_column END AS age_band,
    CASE age_column
        WHEN 'total_population' THEN 0
        ELSE rtrim(age_column, '+')::INTEGER
    END AS age_lower,
    CASE
        WHEN age_column = 'total_population' OR age_column LIKE '%+' THEN NULL
        ELSE age_column::INTEGER
    END AS age_upper,
    replace(population, ',', '')::INTEGER AS population,
    $source_location AS source_location,
    now() AS loaded_at
FROM (
    UNPIVOT (
        SELECT * EXCLUDE (lsoa11_name)
        FROM read_csv($path, all_varchar = true)
        WHERE lsoa11_code LIKE 'E%'
    )
    ON COLUMNS(* EXCLUDE (lsoa11_code))
    INTO NAME age_column VALUE population
);
