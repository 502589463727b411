-- Every extract LSOA found its decile (unknown codes are kept, as 'unmatched' rows): a warning,
-- listing the breakdowns holding LSOAs that matched no decile (an unknown code, or one missing
-- from the bridge), whose counts sit outside every deprivation group.
{{ config(severity='warn') }}

SELECT DISTINCT place_id, source_id, indicator, period_label, unmatched_lsoas
FROM {{ ref('core20_breakdown') }}
WHERE unmatched_lsoas > 0
