-- The IMD version and national deciles a place's Core20 uses (from its place file).
SELECT imd_version, core20_deciles FROM conformed.places WHERE place_id = $place_id;
