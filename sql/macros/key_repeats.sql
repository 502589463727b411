{#- For a data test: the values of a composite key that more than one row of `relation` has. -#}
{% macro key_repeats(relation, columns) %}
SELECT {{ columns | join(', ') }}, count(*) AS rows
FROM {{ relation }}
GROUP BY {{ columns | join(', ') }}
HAVING count(*) > 1
{% endmacro %}
