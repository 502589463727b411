-- The mean of the place's nearest neighbours' values for each measure, sex, age and period:
-- the benchmark its neighbour comparison is made against.
SELECT measures.measure_id, facts.sex, facts.age, facts.time_period,
       avg(facts.value) AS neighbour_mean, count(facts.value) AS neighbours
FROM conformed.place_measures AS measures
JOIN conformed.places AS places USING (place_id)
JOIN conformed.fact_indicator_value AS facts
    ON facts.indicator_id = measures.fingertips_indicator_id
   AND facts.category_type = ''
   AND list_contains(places.nearest_neighbours, facts.area_code)
WHERE measures.place_id = $place_id AND facts.value IS NOT NULL
GROUP BY ALL;
