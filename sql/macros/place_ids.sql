{% macro place_ids() -%}
    {#- The places a per-place model is built for (the var place_ids: a list, the run's
        partitions), as a SQL list for `IN`. Place ids are file stems checked by the Place model;
        checked again here because the values are written into the SQL. -#}
    {%- set places = var('place_ids', none) -%}
    {%- if execute -%}
        {%- if places is none or places is string or places | length == 0 -%}
            {{ exceptions.raise_compiler_error(
                "var place_ids must be a list of place ids, got " ~ places) }}
        {%- endif -%}
        {%- for place in places if not modules.re.fullmatch('[a-z0-9][a-z0-9-]*', place) -%}
            {{ exceptions.raise_compiler_error(
                "var place_ids must hold place ids (^[a-z0-9][a-z0-9-]*$), got " ~ place) }}
        {%- endfor -%}
    {%- endif -%}
    ({%- for place in places or [] -%}'{{ place }}'{{ ', ' if not loop.last }}{%- endfor -%})
{%- endmacro %}


{% macro delete_place_rows() -%}
    {#- A per-place model's pre-hook. delete+insert replaces a place's rows only when the new
        build has some; a place left with no rows (its last measure removed) must lose its old
        ones too. -#}
    {%- if is_incremental() -%}
        DELETE FROM {{ this }} WHERE place_id IN {{ place_ids() }}
    {%- endif -%}
{%- endmacro %}
