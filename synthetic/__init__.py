"""Synthetic data for the demo: Fingertips snapshots and LSOA extracts."""
