"""Review outputs people read: a static HTML report, an Excel workbook, CSV and Parquet files."""

from assets.reviews.reports.review import ReviewFiles, ReviewOutputs, render_review

__all__ = ["ReviewFiles", "ReviewOutputs", "render_review"]
