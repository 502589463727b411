{% macro place_id() -%}
    {#- The place a per-place model is built for (the var place_id, the partition), quoted for
        SQL. Place ids are file stems checked by the Place model; checked again here because the
        value is written into the SQL. -#}
    {%- set place = var('place_id', none) -%}
    {%- if execute and (place is none or not modules.re.fullmatch('[a-z0-9][a-z0-9-]*', place)) -%}
        {{ exceptions.raise_compiler_error(
            "var place_id must be a place id (^[a-z0-9][a-z0-9-]*$), got " ~ place) }}
    {%- endif -%}
    '{{ place }}'
{%- endmacro %}


{% macro delete_place_rows() -%}
    {#- A per-place model's pre-hook. delete+insert replaces the place's rows only when the new
        build has some; a place left with no rows (its last measure removed) must lose its old
        ones too. -#}
    {%- if is_incremental() -%}
        DELETE FROM {{ this }} WHERE place_id = {{ place_id() }}
    {%- endif -%}
{%- endmacro %}
