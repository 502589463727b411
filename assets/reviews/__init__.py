"""Place reviews: when they fall due, what each shows, the frozen record of what was published,
and the files a board reads (reports/)."""
