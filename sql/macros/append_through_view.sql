{#- An incremental model configured with append_through_view=true appends its new rows straight
    from its query. dbt-duckdb otherwise first copies them into a temporary table and appends
    that: for a large download the rows were written twice, and the temporary table held them
    all in memory (past the memory limit, on disk). -#}
{% macro duckdb__create_table_as(temporary, relation, compiled_code, language='sql', partitioned_by=none, sorted_by=none) -%}
  {%- if temporary and language == 'sql' and config.get('append_through_view') -%}
    create temporary view {{ relation.include(database=False, schema=False) }} as (
      {{ compiled_code }}
    );
  {%- else -%}
    {{ dbt.duckdb__create_table_as(temporary, relation, compiled_code, language, partitioned_by, sorted_by) }}
  {%- endif -%}
{%- endmacro %}
