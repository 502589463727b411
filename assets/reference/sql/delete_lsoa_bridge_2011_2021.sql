DELETE FROM conformed.lsoa_bridge_2011_2021;
