-- Reading an extract of any size within a bounded amount of memory: past the limit DuckDB spills
-- to its temporary folder beside the warehouse instead of growing (its default is 80% of RAM).
SET memory_limit = $memory_limit;
