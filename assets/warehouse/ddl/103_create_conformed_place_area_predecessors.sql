-- Older codes of a place's areas (boundary changes): continuous ones extend its series; the
-- others (e.g. a county split in two) mark a break instead.
CREATE TABLE IF NOT EXISTS conformed.place_area_predecessors (
    place_id                 VARCHAR NOT NULL,
    area_code                VARCHAR NOT NULL,
    predecessor_code         VARCHAR NOT NULL,
    predecessor_area_type_id INTEGER NOT NULL,
    continuous               BOOLEAN NOT NULL,
    PRIMARY KEY (place_id, area_code, predecessor_code)
);
