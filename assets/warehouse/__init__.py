"""Assets about the warehouse as a whole: publication of the read-only copy BI tools open."""
