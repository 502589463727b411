"""Place reviews: frozen publication, revisions beside published values, cadence edge cases, and
the trend table's verdicts against Fingertips' own on real data."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date
from pathlib import Path

import dagster as dg
import pytest

from assets.reviews.cadence import Review
from assets.reviews.guard import PublicationFlags, PublicationRefused
from assets.reviews.partitions import reviews_partitions
from assets.reviews.publication import (
    previous_review,
    publication,
    publish,
    published_frames,
    withdraw,
)
from assets.reviews.published import place_reviews
from assets.reviews.trend_table import build_review
from assets.warehouse.sql_files import statement
from assets.warehouse.store import Warehouse
from pipelines.resources import ReviewOutputsResource, WarehouseResource
from pipelines.runner import RunRequest, run_pipeline
from pipelines.settings import PROJECT_ROOT
from tests.pipeline_harness import build_place_models, serve, settings_for

DEMENTIA_DIAGNOSIS = 92949  # Croydon's L3, in the synthetic demo snapshot
# Whatever the demo snapshot holds between two reviews, these tests are about something else.
TODAY_FLAGS = PublicationFlags(no_new_data=True)
TODAY = date(2026, 12, 7)


@pytest.fixture(scope="module")
def demo_warehouse(demo_snapshot, tmp_path_factory) -> Warehouse:
    """Croydon built from the synthetic demo snapshot (no reviews published yet)."""
    from assets.fingertips.snapshot import snapshot_indicator_ids

    settings = settings_for("http://127.0.0.1:9/api/", tmp_path_factory.mktemp("reviews"))
    settings = dataclasses.replace(
        settings,
        fingertips=dataclasses.replace(settings.fingertips, snapshot_dir=demo_snapshot),
    )
    result = run_pipeline(
        settings,
        RunRequest(snapshot_indicator_ids(demo_snapshot)),
        place_ids=["croydon"],
        dagster_instance=dg.DagsterInstance.ephemeral(),
    )
    assert result.success
    return Warehouse(settings.warehouse)


@pytest.fixture
def warehouse(demo_warehouse, tmp_path) -> Warehouse:
    """A private copy per test: publication is permanent."""
    copy = tmp_path / "outcomes.duckdb"
    shutil.copyfile(demo_warehouse.work_path, tmp_path / "work.duckdb")
    warehouse = Warehouse(copy)
    warehouse.work_path = tmp_path / "work.duckdb"
    return warehouse


def _l3(frames) -> dict:
    (row,) = frames.measures.filter(base_measure_id="L3").to_dicts()
    return row


def test_publishing_freezes_and_republishing_changes_nothing(warehouse):
    review = Review("croydon", date(2026, 10, 1))
    with warehouse.transaction() as connection:
        assert publish(connection, review) is True
        first = published_frames(connection, review.review_id)
    with warehouse.transaction() as connection:
        assert publish(connection, review) is False
        second = published_frames(connection, review.review_id)
        counts = connection.execute(
            "SELECT (SELECT count(*) FROM marts.review_publications), "
            "(SELECT count(*) FROM marts.review_measures)"
        ).fetchall()
    assert second.measures.equals(first.measures)
    assert counts == [(1, first.measures.height)]
    assert first.measures.height == 14  # Croydon's 14 measures, one series each


def test_a_revision_shows_beside_the_published_value(warehouse):
    review = Review("croydon", date(2026, 10, 1))
    with warehouse.transaction() as connection:
        publish(connection, review)
        published = _l3(published_frames(connection, review.review_id))
        # Fingertips revises Croydon's latest value after the board has seen it.
        connection.execute(
            "UPDATE conformed.fact_indicator_value SET value = value + 1.5 "
            "WHERE indicator_id = ? AND area_code = 'E09000008' AND time_period = ?",
            [DEMENTIA_DIAGNOSIS, published["latest_period"]],
        )
    # The place's values are built again, as its place_refresh run would.
    build_place_models(warehouse.work_path, ["croydon"], "place_measure_values")
    with warehouse.transaction() as connection:
        revised = _l3(published_frames(connection, review.review_id))
    assert revised["latest_value"] == published["latest_value"]
    assert revised["published_at"] == published["published_at"]
    assert revised["revised_value"] == pytest.approx(published["latest_value"] + 1.5, abs=1e-9)
    assert published["revised_value"] is None


def test_a_review_with_no_new_data_shows_no_change(warehouse):
    with warehouse.transaction() as connection:
        publish(connection, Review("croydon", date(2025, 10, 1)))
        april = Review("croydon", date(2026, 4, 1))
        later = build_review(connection, april, previous_review(connection, april))
        earlier = _l3(published_frames(connection, "croydon-2025-10"))
    row = _l3(later)
    assert row["latest_period"] == earlier["latest_period"]
    assert row["previous_review_value"] == earlier["latest_value"]
    assert row["change_since_previous"] == 0.0


def test_switching_cadence_keeps_the_last_published_review_as_previous(warehouse):
    with warehouse.transaction() as connection:
        publish(connection, Review("croydon", date(2025, 10, 1)))  # annual, October
        # The board moves to 6-monthly reviews in April and October.
        connection.execute(
            "UPDATE conformed.places SET review_cadence = '6-monthly', review_month = 4 "
            "WHERE place_id = 'croydon'"
        )
        publish(connection, Review("croydon", date(2026, 4, 1)), TODAY_FLAGS)
        publish(connection, Review("croydon", date(2026, 10, 1)), TODAY_FLAGS)
        april = _l3(published_frames(connection, "croydon-2026-04"))
        october = _l3(published_frames(connection, "croydon-2026-10"))
        october_2025 = _l3(published_frames(connection, "croydon-2025-10"))
    assert april["previous_review_value"] == october_2025["latest_value"]
    assert october["previous_review_value"] == april["latest_value"]


def test_a_measure_older_than_its_frequency_promises_is_flagged_stale(warehouse):
    with warehouse.transaction() as connection:
        row = _l3(build_review(connection, Review("croydon", date(2027, 10, 1))))
    assert row["latest_period"] == "2024"
    assert row["is_fresh"] is False
    assert "stale" in row["flags"]
    assert row["freshness_note"] == (
        "latest period ended 34 months before the review; a annual indicator should be no more "
        "than 30 months old"
    )


def test_the_outcome_roll_up_counts_its_measures(warehouse):
    with warehouse.transaction() as connection:
        frames = build_review(connection, Review("croydon", date(2026, 10, 1)))
    for outcome in frames.outcomes.to_dicts():
        of_outcome = frames.measures.filter(outcome_id=outcome["outcome_id"])
        assert outcome["measures"] == of_outcome.height
        assert outcome["worsening"] == (of_outcome["direction"] == "worsening").sum()
        assert outcome["improving"] == (of_outcome["direction"] == "improving").sum()
    assert frames.outcomes.height == frames.measures["outcome_id"].n_unique()


HARTLEPOOL = """
id: hartlepool
name: Hartlepool
areas: [{code: E06000001, fingertips_area_type: 502}]
icb: {code: E54000050, name: NHS North East and North Cumbria Integrated Care Board}
region: {code: E12000001, name: North East}
comparators: {england: true, region: true}
review: {cadence: annual, month: 10, trajectory_years: 3}
imd_version: imd2019
shared_outcomes:
  - id: recovery
    name: People recover from drug dependence
    priorities:
      - id: treatment
        name: Get people into treatment
        measures:
          - id: OCU
            indicator: test-opiates-not-in-treatment
            role: outcome
"""
OPIATES_ENTRY = """
framework: OTHER
indicators:
  - id: test-opiates-not-in-treatment
    fingertips_id: 93517
    name: Proportion of opiates and/or crack cocaine users not in treatment
    unit: "%"
    value_type: proportion
    polarity: lower_is_better
    frequency: annual
    status: live
    sources: [fingertips]
"""


def test_verdicts_agree_with_fingertips_on_real_data(httpserver, shared_data, tmp_path):
    """Hartlepool's real opiates-treatment series: our comparison with England and our recent
    trend are Fingertips' own published verdicts for its latest period (2020/21)."""
    catalogue = tmp_path / "catalogue"
    shutil.copytree(PROJECT_ROOT / "indicator_catalogue" / "indicators", catalogue / "indicators")
    (catalogue / "indicators" / "test.yaml").write_text(OPIATES_ENTRY, encoding="utf-8")
    (catalogue / "places").mkdir()
    (catalogue / "places" / "hartlepool.yaml").write_text(HARTLEPOOL, encoding="utf-8")
    settings = dataclasses.replace(
        settings_for(serve(httpserver, shared_data), tmp_path / "warehouse"),
        catalogue_dir=catalogue,
    )
    review = Review("hartlepool", date(2021, 10, 1))
    result = run_pipeline(
        settings,
        RunRequest([93517], "502:15"),
        place_ids=["hartlepool"],
        reviews=[review],
        dagster_instance=dg.DagsterInstance.ephemeral(),
    )
    assert result.success
    with Warehouse(settings.warehouse).transaction() as connection:
        (row,) = published_frames(connection, review.review_id).measures.to_dicts()
    assert (row["latest_period"], row["latest_value"]) == ("2020/21", 45.37743851)
    assert row["compared_to_england"] == "Similar"  # Fingertips: "Similar"
    assert row["trend_marker"] == "Cannot be calculated"  # Fingertips: "Cannot be calculated"
    assert row["england_value"] == 52.10317309  # England's 2020/21 row in the same download
    assert row["compared_to_region"] == "Not compared"  # the download has no region rows
    report = settings.output_dir / "hartlepool" / "hartlepool-2021-10" / "report.html"
    assert report.is_file() and "45.4%" in report.read_text(encoding="utf-8")


def test_an_off_cadence_month_needs_the_flag_and_is_recorded(warehouse):
    march = Review("croydon", date(2026, 3, 1))
    with warehouse.transaction() as connection:
        with pytest.raises(PublicationRefused) as refused:
            publish(connection, march, today=TODAY)
        assert publication(connection, march.review_id) is None
        assert publish(connection, march, PublicationFlags(off_cadence=True), TODAY) is True
        record = publication(connection, march.review_id)
    assert str(refused.value) == (
        "croydon reviews once a year, in October; March 2026 is not a review month, and a review "
        "published for it would become the previous review of the next one. To publish it "
        "anyway, add --off-cadence (config off_cadence: true)"
    )
    assert (record.off_cadence, record.no_new_data, record.withdrawn_at) == (True, False, None)


def test_a_month_in_the_future_or_before_the_first_review_is_refused(warehouse):
    with warehouse.transaction() as connection:
        with pytest.raises(PublicationRefused) as future:
            publish(connection, Review("croydon", date(2027, 1, 1)), today=TODAY)
        publish(connection, Review("croydon", date(2025, 10, 1)), today=TODAY)
        with pytest.raises(PublicationRefused) as earlier:
            publish(connection, Review("croydon", date(2019, 10, 1)), today=TODAY)
    assert str(future.value) == (
        "croydon's January 2027 review is in the future (today is 07 December 2026): a review "
        "shows the data available on the first day of its month, so it can be published from "
        "1 January 2027"
    )
    assert str(earlier.value) == (
        "croydon's October 2019 review would come before its first published review (October "
        "2025): published now it would show today's data under an earlier date. Publish reviews "
        "from October 2025 on"
    )


def test_a_review_with_no_new_data_needs_the_flag(warehouse):
    november = Review("croydon", date(2025, 11, 1))
    off_cadence = PublicationFlags(off_cadence=True)
    with warehouse.transaction() as connection:
        publish(connection, Review("croydon", date(2025, 10, 1)), today=TODAY)
        with pytest.raises(PublicationRefused) as refused:
            publish(connection, november, off_cadence, TODAY)
        both = PublicationFlags(off_cadence=True, no_new_data=True)
        assert publish(connection, november, both, TODAY) is True
        record = publication(connection, november.review_id)
    assert str(refused.value) == (
        "croydon's November 2025 review would have no new data since its October 2025 review: "
        "every measure's latest period is the one that review showed. To publish it anyway, add "
        "--no-new-data (config no_new_data: true)"
    )
    assert (record.off_cadence, record.no_new_data) == (True, True)


def test_a_withdrawn_review_is_kept_marked_and_never_a_previous_review(warehouse):
    october_2025 = Review("croydon", date(2025, 10, 1))
    october_2026 = Review("croydon", date(2026, 10, 1))
    with warehouse.transaction() as connection:
        publish(connection, october_2025, today=TODAY)
        kept = published_frames(connection, october_2025.review_id).measures
        withdraw(connection, october_2025, "A. Analyst", "published with the wrong extract")
        with pytest.raises(ValueError) as again:
            withdraw(connection, october_2025, "B. Analyst", "twice")
        with pytest.raises(ValueError) as never:
            withdraw(connection, Review("croydon", date(2024, 10, 1)), "A. Analyst", "why")
        record = publication(connection, october_2025.review_id)
        after = published_frames(connection, october_2025.review_id).measures
        assert previous_review(connection, october_2026) is None
        publish(connection, october_2026, today=TODAY)
        later = published_frames(connection, october_2026.review_id).measures
    assert (record.withdrawn_by, record.withdrawal_reason) == (
        "A. Analyst",
        "published with the wrong extract",
    )
    assert record.withdrawn_at is not None
    assert str(again.value).startswith("croydon's October 2025 review was already withdrawn on ")
    assert str(again.value).endswith("by A. Analyst: published with the wrong extract")
    assert str(never.value) == "croydon's October 2024 review was never published"
    assert after.drop("is_withdrawn", "withdrawn_at", "withdrawn_by", "withdrawal_reason").equals(
        kept.drop("is_withdrawn", "withdrawn_at", "withdrawn_by", "withdrawal_reason")
    )
    assert after["is_withdrawn"].to_list() == [True] * kept.height
    assert later["previous_review_value"].null_count() == later.height


def test_a_review_freezes_the_places_trajectory(warehouse):
    """A milestone the place file sets is drawn from the review as published, even after the
    place changes its trajectory."""
    milestone = {
        "place_id": "croydon",
        "measure_id": "PP1",
        "milestone_order": 1,
        "trajectory_by": "2025/26",
        "trajectory_period_end": date(2026, 3, 31),
        "trajectory_value": 62.0,
    }
    review = Review("croydon", date(2026, 10, 1))
    with warehouse.transaction() as connection:
        connection.execute(statement("places/insert_place_measure_trajectory"), milestone)
        publish(connection, review, today=TODAY)
        connection.execute(
            "UPDATE conformed.place_measure_trajectories SET trajectory_value = 58.0"
        )
        frozen = published_frames(connection, review.review_id).trajectories
    assert frozen.rows() == [
        ("croydon", "croydon-2026-10", "PP1", 1, "2025/26", date(2026, 3, 31), 62.0)
    ]


def test_every_table_and_view_bi_tools_see_has_a_comment(demo_warehouse):
    import duckdb

    with duckdb.connect(str(demo_warehouse.published_path), read_only=True) as connection:
        relations = connection.execute(
            "SELECT schema_name, table_name, comment FROM duckdb_tables() "
            "UNION ALL SELECT schema_name, view_name, comment FROM duckdb_views() "
            "WHERE NOT internal"
        ).fetchall()
        trend_columns = dict(
            connection.execute(
                "SELECT column_name, data_type FROM duckdb_columns() "
                "WHERE schema_name = 'marts' AND table_name = 'review_trend'"
            ).fetchall()
        )
    assert len(relations) >= 29
    assert [(schema, name) for schema, name, comment in relations if not comment] == []
    assert trend_columns["latest_period_start"] == "DATE"
    assert trend_columns["latest_period_end"] == "DATE"
    assert trend_columns["flags_text"] == "VARCHAR"
    assert trend_columns["is_stale"] == "BOOLEAN"


def test_a_review_drawn_from_the_same_rows_is_not_drawn_again(demo_warehouse, tmp_path):
    """A nightly review run whose rows have not changed leaves its files as they were; a
    withdrawal (which the page shows) or a missing file draws them again."""
    (tmp_path / ".work").mkdir()
    shutil.copyfile(demo_warehouse.work_path, tmp_path / ".work" / "outcomes.duckdb")
    published = tmp_path / "outcomes.duckdb"
    review = Review("croydon", date(2026, 10, 1))
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions(reviews_partitions.name, [review.partition_key])
    resources = {
        "warehouse": WarehouseResource(path=str(published)),
        "review_outputs": ReviewOutputsResource(folder=str(tmp_path / "outputs")),
    }

    def materialise() -> dict:
        result = dg.materialize(
            [place_reviews],
            instance=instance,
            partition_key=review.partition_key,
            resources=resources,
            run_config={"ops": {"place_reviews": {"config": {"no_new_data": True}}}},
        )
        (event,) = result.asset_materializations_for_node("place_reviews")
        return {key: value.value for key, value in event.metadata.items()}

    first = materialise()
    report = Path(first["report"])
    drawn = report.stat().st_mtime_ns
    second = materialise()
    assert (first["rendered"], second["rendered"]) == (True, False)
    assert second["rendered_from"] == first["rendered_from"]
    assert (second["report"], report.stat().st_mtime_ns) == (first["report"], drawn)

    with Warehouse(published).transaction() as connection:
        withdraw(connection, review, "A. Analyst", "published with the wrong extract")
    withdrawn = materialise()
    assert withdrawn["rendered"] is True
    assert withdrawn["rendered_from"] != first["rendered_from"]
    assert "published with the wrong extract" in report.read_text(encoding="utf-8")

    (report.parent / "series.csv").unlink()
    assert materialise()["rendered"] is True
    assert (report.parent / "series.csv").is_file()
