-- Every indicator with values has a metadata row (name, unit, polarity): a warning, as the asset
-- check it replaces was. dim_indicator is named through the fact's relation, not ref(): a test
-- with two parents would also run in the step that builds dim_indicator, before any fact exists.
{{ config(severity='warn') }}
SELECT DISTINCT facts.indicator_id
FROM {{ ref('fact_indicator_value') }} AS facts
ANTI JOIN {{ ref('fact_indicator_value').incorporate(path={'identifier': 'dim_indicator'}) }} AS indicators
    USING (indicator_id)
