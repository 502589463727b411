DELETE FROM marts.fingertips_inequalities;
