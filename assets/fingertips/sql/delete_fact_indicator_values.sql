DELETE FROM conformed.fact_indicator_value WHERE list_contains($indicator_ids, indicator_id);
