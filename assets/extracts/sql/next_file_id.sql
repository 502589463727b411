SELECT nextval('raw.extract_file_id_sequence');
