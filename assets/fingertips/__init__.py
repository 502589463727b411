"""Assets that bring the Fingertips API into the warehouse: reference data, metadata, values."""
