-- One row per place, source, indicator, sex, age, extract breakdown, period, IMD version and
-- deprivation group: each breakdown type's rows add up to the place's totals only if none repeats.
SELECT
    place_id, source_id, indicator, sex, age, extract_breakdown, period_label, imd_version,
    breakdown_type, breakdown_value, count(*) AS rows
FROM {{ ref('core20_breakdown') }}
GROUP BY ALL
HAVING count(*) > 1
