CREATE TABLE IF NOT EXISTS raw.fingertips_indicator_metadata_csv (
    response_id BIGINT NOT NULL,
    source_row BIGINT NOT NULL,
    indicator_id VARCHAR, indicator VARCHAR, indicator_number VARCHAR, rationale VARCHAR,
    specific_rationale VARCHAR, definition VARCHAR, data_source VARCHAR, indicator_source VARCHAR,
    definition_of_numerator VARCHAR, source_of_numerator VARCHAR, definition_of_denominator VARCHAR,
    source_of_denominator VARCHAR, methodology VARCHAR, standard_population_values VARCHAR,
    frequency VARCHAR, confidence_interval_details VARCHAR, disclosure_control VARCHAR,
    rounding VARCHAR, caveats VARCHAR, notes VARCHAR, impact_of_covid_19 VARCHAR, copyright VARCHAR,
    data_re_use VARCHAR, links VARCHAR, indicator_content VARCHAR, simple_name VARCHAR,
    simple_definition VARCHAR, unit VARCHAR, value_type VARCHAR, year_type VARCHAR,
    polarity VARCHAR, date_updated VARCHAR,
    PRIMARY KEY (response_id, source_row)
);
