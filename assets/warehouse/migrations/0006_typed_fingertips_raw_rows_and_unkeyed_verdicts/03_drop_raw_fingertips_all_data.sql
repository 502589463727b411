DROP TABLE raw.fingertips_all_data;
