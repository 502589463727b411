-- Each indicator's polarity as Fingertips' metadata gives it (text, e.g. "RAG - Low is good").
SELECT indicator_id, polarity FROM conformed.dim_indicator WHERE polarity IS NOT NULL;
