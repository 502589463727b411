DELETE FROM conformed.core20_breakdown;
