-- A number the request of a raw Fingertips response asked for (e.g. the area type of an area
-- listing): raw.fingertips_responses.query keeps each request as its endpoint and its parameters,
-- sorted and URL-encoded ("areas/by_area_type?area_type_id=502"), and the ids are plain digits.
{% macro fingertips_request_id(query, parameter) -%}
    CAST(regexp_extract({{ query }}, '[?&]{{ parameter }}=([0-9]+)', 1) AS INTEGER)
{%- endmacro %}
