{#- England's LSOAs in each boundary vintage: ENGLAND_LSOAS in assets/reference/vintages.py, which
    the reference bundle's builder checks the publishers' files against. -#}
{% macro england_lsoas() %}
    {{ return({'2011': 32844, '2021': 33755}) }}
{% endmacro %}

{#- For a data test: the groups of `counted` (a relation of lsoa_group, lsoas) whose LSOA count is
    not England's for the group's vintage (`vintages` maps a group to its vintage), or that are
    missing or unexpected. An empty `counted` passes: the reference assets always load a whole
    bundle, so the tables are empty only where none was ever loaded, e.g. a new warehouse whose
    place runs build them from the empty raw tables (its LSOA data is then all unmatched). -#}
{% macro lsoa_counts_not_englands(counted, vintages) %}
SELECT
    lsoa_group,
    expected.lsoas AS expected_lsoas,
    counted.lsoas AS actual_lsoas
FROM (
    VALUES
    {%- for group, vintage in vintages.items() %}
        ('{{ group }}', {{ england_lsoas()[vintage] }}){{ "," if not loop.last }}
    {%- endfor %}
) AS expected (lsoa_group, lsoas)
FULL JOIN {{ counted }} AS counted USING (lsoa_group)
WHERE expected.lsoas IS DISTINCT FROM counted.lsoas
    AND EXISTS (SELECT 1 FROM {{ counted }})
{% endmacro %}
