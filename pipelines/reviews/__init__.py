"""Place reviews: when they fall due, what each shows, and the frozen record of what was published."""
