"""One partition per place review, "<place>|YYYY-MM", added when the review falls due."""

import dagster as dg

reviews_partitions = dg.DynamicPartitionsDefinition(name="place_reviews")
