"""Review outputs as their readers get them: the HTML report, the workbook, CSV and Parquet.

One synthetic review (tests/review_fixtures.py) is rendered once per module; each test reads
what a reader relies on in the written files, and one opens the page in headless Chromium.
"""

from __future__ import annotations

import html
import os
import re
import struct
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import pytest
from matplotlib.figure import Figure
from openpyxl import load_workbook
from polars.testing import assert_frame_equal

from assets.reviews.reports import ReviewFiles, ReviewOutputs, chart_pool, render_review
from assets.reviews.reports.charts import _honest_limits, _thousands, series_chart
from assets.reviews.reports.exports import LIST_SEPARATOR
from tests.browser_check import ChromiumNotFoundError, chromium_path, screenshot
from tests.print_check import print_to_pdf
from tests.review_fixtures import (
    PLACE_ID,
    REVIEW_ID,
    ReviewFrames,
    build_review_frames,
    outcome_summary,
)

GENERATED_ON = date(2026, 10, 15)


@pytest.fixture(scope="module")
def frames() -> ReviewFrames:
    return build_review_frames()


def _render(frames: ReviewFrames, output_dir: Path) -> ReviewOutputs:
    """Every frame of the fixture review rendered, dated GENERATED_ON."""
    return render_review(
        frames.measures,
        frames.series,
        frames.outcomes,
        output_dir,
        trajectories=frames.trajectories,
        generated_on=GENERATED_ON,
    )


@pytest.fixture(scope="module")
def review(frames: ReviewFrames, tmp_path_factory: pytest.TempPathFactory) -> ReviewFiles:
    return _render(frames, tmp_path_factory.mktemp("reviews")).for_review(PLACE_ID, REVIEW_ID)


@pytest.fixture(scope="module")
def page(review: ReviewFiles) -> str:
    return review.report_html.read_text(encoding="utf-8")


def _text(markup: str) -> str:
    """The page's visible words: tags dropped, entities decoded, whitespace collapsed."""
    without_svg = re.sub(r"<svg.*?</svg>", " ", markup, flags=re.DOTALL)
    without_style = re.sub(r"<style>.*?</style>", " ", without_svg, flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", without_style)).split())


def _measure_card(page: str, measure_id: str) -> str:
    """The visible text of one measure's card up to its chart."""
    start = page.index(f'<article class="measure" id="measure-{measure_id}"')
    return _text(page[start : page.index("</dl>", start)])


def test_every_file_is_written_in_the_place_and_review_folder(review: ReviewFiles):
    assert review.directory.parts[-2:] == (PLACE_ID, REVIEW_ID)
    assert {path.name for path in review.directory.iterdir()} == {
        "report.html",
        "workbook.xlsx",
        "measures.csv",
        "series.csv",
        "measures.parquet",
        "series.parquet",
    }
    for path in review.paths:
        assert path.is_file() and path.stat().st_size > 0, path


def test_header_names_place_review_and_publication(page: str):
    text = _text(page)
    assert "<title>Croydon: October 2026 review (synthetic data)</title>" in page
    assert (
        "Croydon: October 2026 review Published 14 October 2026 Generated 15 October 2026" in text
    )
    assert "Synthetic data: the values in this report are made up" in text


def test_outcome_summary_counts(page: str):
    start = page.index('<section id="summary"')
    summary = _text(page[start : page.index("</section>", start)])
    assert (
        "Outcome Measures Improving Worsening No significant change Cannot be calculated" in summary
    )
    assert "People in Croydon live healthier lives 3 1 1 0 1" in summary
    assert "Older people live independently at home 2 0 0 1 1" in summary
    assert "All outcomes 5 1 1 1 2" in summary
    assert 'aria-label="3 measures: 1 improving, 1 worsening, 1 cannot be calculated"' in page
    assert "3 measures: 1 improving, 1 worsening, 1 cannot be calculated." in _text(page)


def test_each_measure_shows_its_latest_value_and_change(page: str):
    assert "Latest value (2024/25) 60.5% 95% CI 57.9 to 63.1" in _measure_card(page, "PP1")
    assert "Change since previous review \u22120.6 percentage points Previous review: 61.1%" in (
        _measure_card(page, "PP1")
    )
    assert "Latest value (2025/26) 72.8%" in _measure_card(page, "PP8")
    assert "Latest value (2025) 69.5% 95% CI 66.6 to 72.4" in _measure_card(page, "L3")
    assert "Latest value (2023/24) 84.5%" in _measure_card(page, "L6")


def test_direction_is_a_word_and_symbol_not_only_a_colour(page: str):
    assert "Direction \u2714 Improving Recent trend: Decreasing and getting better" in (
        _measure_card(page, "PP1")
    )
    assert "Direction \u2716 Worsening" in _measure_card(page, "PP8")
    assert (
        "England (84.4%): \u2716 Worse Region (66.0%): \u2714 Better "
        "Neighbours (71.6%): \u2716 Worse"
    ) in _measure_card(page, "PP8")


def test_revised_value_sits_beside_the_published_one(page: str):
    card = _measure_card(page, "PP8")
    assert "72.8% 95% CI 71.9 to 73.7 Revised after publication: 73.4%" in card
    assert "73.4%" not in _measure_card(page, "PP1")


def test_measure_new_at_this_review_has_no_change(page: str):
    assert "Change since previous review New Not reported at the previous review" in (
        _measure_card(page, "L3")
    )


def test_suppressed_measure_says_so_and_its_chart_marks_the_gap(page: str):
    card = _measure_card(page, "PP4")
    assert "Latest value (2025/26) Suppressed" in card
    assert "No latest value to compare. Previous review: 53.9%" in card
    assert "Not compared" in card
    assert "Suppressed" in card.split("Freshness and flags")[1]
    assert "no value for 2025/26" in page


def test_discontinued_measure_shows_its_flags_and_staleness(page: str):
    freshness = _measure_card(page, "L6").split("Freshness and flags")[1]
    assert freshness.startswith(" Stale Last published for 2023/24")
    assert freshness.endswith("Discontinued Series break")


def test_core20_gap_and_its_change(page: str):
    card = _measure_card(page, "PP1")
    assert "Core20 gap +8.0 percentage points Core20 66.5%, rest of place 58.5%" in card
    assert "Gap narrowed by 0.4 percentage points since the previous review" in card
    assert 'id="gap-PP1"' in page
    assert 'id="gap-PP8"' not in page
    assert "No Core20 breakdown for this measure" in _measure_card(page, "PP8")


def test_charts_are_accessible_inline_svg_with_unique_ids(page: str):
    svgs = re.findall(r"<svg\b[^>]*>", page)
    # A trend chart for every measure with a value, and one Core20 gap chart.
    assert len(svgs) == 6
    for opening in svgs:
        assert 'role="img"' in opening and "aria-labelledby=" in opening
    assert '<title id="trend-PP1-title">' in page
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert "<script" not in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)


def test_headings_and_table_captions(page: str):
    assert page.count("<h1>") == 1
    assert re.search(r"<h2 [^>]*>People in Croydon live healthier lives</h2>", page)
    assert "<h3>Priority: Prevention and early detection</h3>" in page
    assert (
        "<caption>Measures by direction at this review, for each shared outcome</caption>" in page
    )
    # The overview, the summary, and each measure's data.
    assert page.count("<caption>") == 2 + 5


def test_workbook_sheets_headers_and_cells(review: ReviewFiles):
    workbook = load_workbook(review.workbook)
    assert workbook.sheetnames == ["Summary", "Measures", "Series", "Definitions"]
    summary = workbook["Summary"]
    assert summary["A1"].value == "Croydon: October 2026 review"
    assert summary["A2"].value == "Published 14 October 2026"
    assert summary["A3"].value.startswith("Synthetic data")
    assert [cell.value for cell in summary[5]][:7] == [
        "Outcome",
        "Measures",
        "Improving",
        "Worsening",
        "No significant change",
        "Cannot be calculated",
        "Not applicable",
    ]
    assert [cell.value for cell in summary[6]][:7] == [
        "People in Croydon live healthier lives",
        3,
        1,
        1,
        0,
        1,
        0,
    ]
    assert summary.freeze_panes == "A6"

    measures = workbook["Measures"]
    headers = [cell.value for cell in measures[1]]
    assert measures["A1"].font.bold and measures.freeze_panes == "A2"
    pp8 = {header: cell for header, cell in zip(headers, measures[3], strict=True)}
    assert pp8["Measure id"].value == "PP8"
    assert pp8["Latest value"].value == 72.8
    assert pp8["Latest value"].number_format == "#,##0.0##"
    assert pp8["Revised after publication"].value == 73.4
    assert pp8["Change since previous review"].number_format.startswith("+")
    l6 = {header: cell.value for header, cell in zip(headers, measures[6], strict=True)}
    assert l6["Flags"] == "discontinued; series break; stale"
    assert l6["Published (UTC)"].isoformat() == "2026-10-14T09:30:00"
    assert measures.column_dimensions["K"].width > 20

    series = workbook["Series"]
    assert series.max_row == 1 + 44
    series_headers = [cell.value for cell in series[1]]
    assert series_headers[:3] == ["Measure id", "Measure", "Unit"]
    first = {header: cell for header, cell in zip(series_headers, series[2], strict=True)}
    assert (first["Measure id"].value, first["Period"].value) == ("PP1", "2016/17")
    assert first["Measure"].value == "Adults (18+) classified as overweight or obese"
    assert first["Period end"].number_format == "d mmm yyyy"
    # In the place's order: PP1's 9 periods, then PP8.
    assert series.cell(row=11, column=1).value == "PP8"

    definitions = workbook["Definitions"]
    labels = [cell.value for cell in definitions[1]]
    pp1 = {label: cell.value for label, cell in zip(labels, definitions[2], strict=True)}
    assert pp1["Code"] == "PP1"
    assert pp1["Polarity"] == "Lower is better"
    assert pp1["Source"] == "Fingertips (OHID)"
    assert pp1["Target"] == "60 by 2025/26"
    assert pp1["Trajectory"] == "61.0% by 2024/25, 60.0% by 2025/26"
    assert pp1["Core20 definition"].startswith("Residents of Croydon's neighbourhoods (LSOAs)")
    assert pp1["Method"].startswith("Proportion. Compared with England, the region")
    assert definitions.max_row == 1 + 5


def _read_csv_like(path: Path, like: pl.DataFrame) -> pl.DataFrame:
    """A CSV written by the reports read back into the types of `like`, lists split again."""
    lists = [name for name, dtype in like.schema.items() if isinstance(dtype, pl.List)]
    frame = pl.read_csv(path, schema={**like.schema, **dict.fromkeys(lists, pl.String)})
    return frame.with_columns(
        pl.col(name).str.split(LIST_SEPARATOR).list.eval(pl.element().filter(pl.element() != ""))
        for name in lists
    )


def test_csv_and_parquet_round_trip_the_frames(frames: ReviewFrames, review: ReviewFiles):
    assert_frame_equal(pl.read_parquet(review.measures_parquet), frames.measures)
    assert_frame_equal(pl.read_parquet(review.series_parquet), frames.series)
    assert_frame_equal(_read_csv_like(review.measures_csv, frames.measures), frames.measures)
    assert_frame_equal(_read_csv_like(review.series_csv, frames.series), frames.series)


def test_draft_without_synthetic_flag(tmp_path: Path):
    frames = build_review_frames(published=False, synthetic=False)
    outputs = render_review(
        frames.measures, frames.series, frames.outcomes, tmp_path, generated_on=GENERATED_ON
    )
    text = _text(outputs.for_review(PLACE_ID, REVIEW_ID).report_html.read_text(encoding="utf-8"))
    assert "Croydon: October 2026 review Draft: not yet published Generated" in text
    assert "Synthetic" not in text
    assert load_workbook(outputs.reviews[0].workbook)["Summary"]["A3"].value is None


def test_each_place_review_gets_its_own_folder(frames: ReviewFrames, tmp_path: Path):
    sutton = {"place_id": pl.lit("sutton"), "review_id": pl.lit("sutton-2026-10")}
    # At Sutton, L3 is a no-judgement measure, which the outcome summary does not count.
    sutton_measures = frames.measures.with_columns(
        place_name=pl.lit("Sutton"),
        **sutton,
        polarity=pl.when(pl.col("measure_id") == "L3")
        .then(pl.lit("no_judgement"))
        .otherwise("polarity"),
        direction=pl.when(pl.col("measure_id") == "L3")
        .then(pl.lit("not applicable"))
        .otherwise("direction"),
    )
    outputs = render_review(
        pl.concat([frames.measures, sutton_measures]),
        pl.concat([frames.series, frames.series.with_columns(**sutton)]),
        pl.concat([frames.outcomes, outcome_summary(sutton_measures).with_columns(synthetic=True)]),
        tmp_path,
        generated_on=GENERATED_ON,
    )
    assert [(review.place_id, review.review_id) for review in outputs.reviews] == [
        (PLACE_ID, REVIEW_ID),
        ("sutton", "sutton-2026-10"),
    ]
    assert len(outputs.paths) == 12
    sutton_page = _text(outputs.for_review("sutton", "sutton-2026-10").report_html.read_text())
    assert "Sutton: October 2026 review" in sutton_page
    assert "Older people live independently at home 2 0 0 0 1 1" in sutton_page
    assert "Not applicable" in sutton_page
    croydon_page = _text(outputs.for_review(PLACE_ID, REVIEW_ID).report_html.read_text())
    assert "Sutton" not in croydon_page and "Not applicable" not in croydon_page
    assert pl.read_parquet(outputs.reviews[1].measures_parquet)["place_id"].unique().to_list() == [
        "sutton"
    ]


def test_rerender_replaces_the_review_folder_with_the_same_page(
    frames: ReviewFrames, review: ReviewFiles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    first = _render(frames, tmp_path)
    leftover = first.reviews[0].directory / "old-board-pack.pdf"
    leftover.write_bytes(b"%PDF")
    # Drawn again by the chart workers (as a large review's charts are): the same bytes.
    monkeypatch.setattr(chart_pool, "MIN_CHARTS_FOR_WORKERS", 1)
    again = _render(frames, tmp_path)
    assert not leftover.exists()
    assert [path.name for path in (tmp_path / PLACE_ID).iterdir()] == [REVIEW_ID]
    assert again.reviews[0].report_html.read_bytes() == review.report_html.read_bytes()


def test_contract_breaks_are_named(frames: ReviewFrames, tmp_path: Path):
    with pytest.raises(ValueError, match="lacks column.*core20_gap"):
        render_review(frames.measures.drop("core20_gap"), frames.series, frames.outcomes, tmp_path)
    unknown = frames.measures.with_columns(direction=pl.lit("better"))
    with pytest.raises(ValueError, match=r"measures.direction has unknown value\(s\) \['better'\]"):
        render_review(unknown, frames.series, frames.outcomes, tmp_path)
    traversal = frames.measures.with_columns(place_id=pl.lit("../elsewhere"))
    with pytest.raises(ValueError, match="cannot name a folder"):
        render_review(traversal, frames.series, frames.outcomes, tmp_path)


def _png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_report_renders_in_headless_chromium(review: ReviewFiles, tmp_path: Path):
    try:
        chromium_path()
    except ChromiumNotFoundError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(str(error))
        pytest.skip(str(error))
    png = tmp_path / "report.png"
    screenshot(review.report_html, png)
    assert _png_size(png) == (1280, 2000)
    # A blank or unstyled page compresses to a few kilobytes; charts and colour do not.
    assert png.stat().st_size > 50_000
    # The budget: the overview page, then at most 2 pages per 8 measures (5 here).
    assert print_to_pdf(review.report_html, tmp_path / "report.pdf") <= 1 + 2


def test_the_report_opens_with_an_overview_of_every_measure_in_place_order(page: str):
    main = page[page.index("<main>") :]
    assert main.index('<section id="overview"') < main.index('<section id="summary"')
    overview = page[page.index('<section id="overview"') : page.index('<section id="summary"')]
    rows = [_text(row) for row in re.findall(r"<tr\b.*?</tr>", overview, flags=re.DOTALL)]
    assert rows[:4] == [
        "Measure Latest value Direction vs England vs Region vs Neighbours Core20 gap Freshness",
        "People in Croydon live healthier lives",
        "Healthy weight",
        (
            "PP1 Adults (18+) classified as overweight or obese 60.5% 2024/25 \u2714 Improving "
            "\u2714 Better \u2716 Worse = Similar +8.0 Up to date"
        ),
    ]
    assert rows[-1] == (
        "L6 Older people (65+) still at home 91 days after discharge into reablement 84.5% "
        "2023/24 ? Not calculable = Similar = Similar = Similar \u2013 Stale Discontinued "
        "Series break"
    )
    # Every cell of a measure's row links to its card.
    pp4_row = next(row for row in re.findall(r"<tr>.*?</tr>", overview, re.DOTALL) if "PP4" in row)
    assert pp4_row.count('href="#measure-PP4"') == 8


def test_neighbours_value_target_and_trajectory_are_shown(page: str):
    card = _measure_card(page, "PP1")
    assert "Neighbours (59.3%): = Similar" in card
    assert "Target: 60.0% by 2025/26 · Trajectory: 61.0% by 2024/25, 60.0% by 2025/26" in card
    assert (
        "; target 60.0% by 2025/26; trajectory 61.0% by 2024/25, 60.0% by 2025/26. The shaded band"
    ) in page
    # The trajectory's line is drawn in its own colour on PP1's chart only.
    trend_charts = re.findall(r"<svg\b.*?</svg>", page, flags=re.DOTALL)
    assert [chart.count("#912b88") > 0 for chart in trend_charts].count(True) == 1


def test_readers_words_first_review_and_withdrawal(frames: ReviewFrames, tmp_path: Path):
    """A catalogue-slug id split by sex, a place's first review, and a withdrawn publication."""
    slug = "phof-a01a-healthy-life-expectancy-birth"
    measures = frames.measures.with_columns(
        measure_id=pl.when(pl.col("measure_id") == "L3")
        .then(pl.lit(f"{slug} (Female)"))
        .otherwise("measure_id"),
        base_measure_id=pl.when(pl.col("measure_id") == "L3")
        .then(pl.lit(slug))
        .otherwise("base_measure_id"),
        series_sex=pl.when(pl.col("measure_id") == "L3")
        .then(pl.lit("Female"))
        .otherwise("series_sex"),
        previous_review_value=pl.lit(None, pl.Float64),
        change_since_previous=pl.lit(None, pl.Float64),
        withdrawn_at=pl.lit(datetime(2026, 11, 2, 10, tzinfo=UTC)),
        withdrawn_by=pl.lit("A. Analyst"),
        withdrawal_reason=pl.lit("published for the wrong month"),
        off_cadence=pl.lit(True),
        no_new_data=pl.lit(False),
    )
    series = frames.series.with_columns(
        measure_id=pl.when(pl.col("measure_id") == "L3")
        .then(pl.lit(f"{slug} (Female)"))
        .otherwise("measure_id")
    )
    outputs = render_review(measures, series, frames.outcomes, tmp_path, generated_on=GENERATED_ON)
    page = outputs.reviews[0].report_html.read_text(encoding="utf-8")
    text = _text(page)
    assert slug not in text
    assert "Estimated dementia diagnosis rate (aged 65 and older) (Female)" in text
    for internal_id in ("O1", "O2", "P1", "P2", "P3", "P4"):
        assert not re.search(rf"\b{internal_id}\b", text), internal_id
    card = _measure_card(page, "PP1")
    assert "Change since previous review \u2013 First review: nothing to compare with yet" in card
    assert "Gap narrowed by 0.4 percentage points since the previous period" in card
    assert (
        "WITHDRAWN. Withdrawn on 2 November 2026 by A. Analyst: published for the wrong month. "
        "It is kept as it was published, for the record, and later reviews are not compared with it."
    ) in text
    assert "Published outside the place's review cycle" in text


def test_glossary_stale_matches_the_rule_the_cards_apply(page: str):
    reading = _text(page[page.index('<section id="how-to-read"') :])
    assert "annual 30 months; biennial 42 months" in reading
    assert "not updated since the previous review" not in reading


def test_axes_start_at_zero_unless_that_flattens_and_ticks_have_separators():
    figure = Figure()
    axes = figure.add_subplot()
    assert _honest_limits(axes, [59.6, 60.4, 60.0], "proportion") is False
    bottom, top = axes.get_ylim()
    # A flat series is drawn on an axis spanning a quarter of its size, so it looks flat.
    assert top - bottom >= 0.25 * 60.4
    assert _honest_limits(axes, [120.0, 260.0], "directly standardised rate") is True
    assert axes.get_ylim()[0] == 0
    assert _honest_limits(axes, [78.1, 79.0], "life expectancy") is False
    axes.set_ylim(0, 6000)
    _thousands(axes)
    labels = axes.yaxis.get_major_formatter().format_ticks(axes.get_yticks())
    assert labels == ["0", "1,000", "2,000", "3,000", "4,000", "5,000", "6,000"]


def test_a_flat_series_chart_says_its_axis_does_not_start_at_zero():
    points = pl.DataFrame(
        {
            "period_label": ["2021", "2022", "2023"],
            "period_end": [date(2021, 12, 31), date(2022, 12, 31), date(2023, 12, 31)],
            "value": [59.6, 60.4, 60.0],
            "lower_ci_95": [58.0, 58.8, 58.4],
            "upper_ci_95": [61.2, 62.0, 61.6],
            "england_value": [None, None, None],
        },
        schema_overrides={"england_value": pl.Float64},
    )
    chart = series_chart(
        points,
        chart_id="flat",
        place_name="Croydon",
        measure_name="Flat",
        unit="%",
        value_type="proportion",
    )
    assert chart.description.endswith("The vertical axis does not start at zero.")
