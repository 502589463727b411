-- A large download's rows are inserted in whatever order the CSV reader's threads finish them
-- (each keeps its source_row): keeping the file's order held them back in memory and cost time.
SET preserve_insertion_order = false;
