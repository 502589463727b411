"""Fingertips: the API client, CSV layouts and snapshots, the raw loading, and the assets that bring
its reference data, metadata and values into the warehouse, with verdicts computed from them."""
