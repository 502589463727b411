"""One Dagster partition per place file: added by the place-file sensor or `outcomes run --place`,
so a new place needs no code change."""

import dagster as dg

places_partitions = dg.DynamicPartitionsDefinition(name="places")
