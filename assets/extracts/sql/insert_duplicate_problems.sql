-- Values of the file that share a key (indicator, area, sex, age, breakdown, period): the file
-- contradicts itself (or repeats itself), so every one of them is rejected. Keys are counted
-- first, so only the few repeated ones are gathered into lists.
INSERT INTO extract_row_problems (source_row, fact_row, field, reason)
WITH checked AS (
    SELECT source_row, catalogue_indicator_id, area_code, sex, age, breakdown, period_label
    FROM extract_typed_rows
    WHERE ignored_reason IS NULL
      AND catalogue_indicator_id IS NOT NULL AND period_label IS NOT NULL AND area_code IS NOT NULL
),
repeated AS (
    SELECT catalogue_indicator_id, area_code, sex, age, breakdown, period_label
    FROM checked
    GROUP BY ALL
    HAVING count(*) > 1
),
sharing AS (
    SELECT list(checked.source_row ORDER BY checked.source_row) AS rows_with_key
    FROM checked
    JOIN repeated USING (catalogue_indicator_id, area_code, sex, age, breakdown, period_label)
    GROUP BY ALL
)
SELECT member, member, NULL,
    'has the same indicator, area, sex, age, breakdown and period as row '
    || array_to_string(list_filter(rows_with_key, lambda other: other != member), ', ')
FROM sharing, unnest(rows_with_key) AS rows(member);
