"""Core20 breakdowns: LSOA-level counts summed by each LSOA's national deprivation."""
