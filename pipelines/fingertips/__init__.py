"""The Fingertips source: client, CSV layouts, snapshots."""
