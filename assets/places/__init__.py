"""Assets per place: its shared outcomes framework and its measures' values (partitioned by place)."""
