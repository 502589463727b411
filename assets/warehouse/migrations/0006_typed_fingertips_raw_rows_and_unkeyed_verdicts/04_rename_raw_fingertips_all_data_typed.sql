ALTER TABLE raw.fingertips_all_data_typed RENAME TO fingertips_all_data;
