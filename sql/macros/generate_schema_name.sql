-- Models land in the schema their layer names (staging, conformed, marts), as the warehouse and
-- its BI readers have always had them, not dbt's default "<target schema>_<custom schema>".
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ custom_schema_name | trim if custom_schema_name else target.schema }}
{%- endmacro %}
