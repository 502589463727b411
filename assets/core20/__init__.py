"""Core20: each place's LSOA-level counts summed by each LSOA's national deprivation (the dbt
model conformed.core20_breakdown, sql/models/conformed/core20/) and their inequality statistics."""
