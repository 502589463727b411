"""A place's review: its trend table frozen at publication, and the report, workbook and files."""

from pathlib import Path

import dagster as dg

from assets.core20.inequality_assets import place_inequalities
from assets.places.frameworks import PLACE_MEASURE_VALUES
from assets.reviews.cadence import Review
from assets.reviews.guard import PublicationFlags
from assets.reviews.partitions import reviews_partitions
from assets.reviews.publication import publish, published_frames
from assets.reviews.rendered import RENDERED_FROM, already_rendered, fingerprint
from assets.reviews.reports import render_review
from assets.warehouse.pool import KINDS, WAREHOUSE_POOL
from pipelines.resources import ReviewOutputsResource, WarehouseResource

GROUP = "reviews"


class PublicationConfig(dg.Config):
    """What the publisher explicitly allows (outcomes review publish --off-cadence/--no-new-data)."""

    off_cadence: bool = False
    no_new_data: bool = False


@dg.asset(
    group_name=GROUP,
    kinds=KINDS | {"html", "excel"},
    pool=WAREHOUSE_POOL,
    partitions_def=reviews_partitions,
    deps=[PLACE_MEASURE_VALUES, place_inequalities],
)
def place_reviews(
    context: dg.AssetExecutionContext,
    config: PublicationConfig,
    warehouse: WarehouseResource,
    review_outputs: ReviewOutputsResource,
) -> dg.MaterializeResult:
    """One row per measure of a place's review as published; re-publishing changes nothing (a
    withdrawn review's report is written again, marked withdrawn). Files already drawn from the
    same rows by the same renderer are not drawn again (rendered.py)."""
    review = Review.from_partition_key(context.partition_key)
    flags = PublicationFlags(off_cadence=config.off_cadence, no_new_data=config.no_new_data)
    with warehouse.store().transaction() as connection:
        newly_published = publish(connection, review, flags)
        frames = published_frames(connection, review.review_id)
    rendered_from = fingerprint(frames, Path(review_outputs.folder))
    outputs = already_rendered(context, rendered_from, review.place_id, review.review_id)
    rendered = outputs is None
    if outputs is None:
        outputs = render_review(
            frames.measures,
            frames.series,
            frames.outcomes,
            Path(review_outputs.folder),
            trajectories=frames.trajectories,
        ).for_review(review.place_id, review.review_id)
    context.log.info(
        f"{review.review_id}: {'published' if newly_published else 'already published'}; "
        f"report {outputs.report_html}"
        + ("" if rendered else " (unchanged since it was last drawn from the same rows)")
    )
    revised = frames.measures["revised_value"].drop_nulls().len()
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": dg.MetadataValue.int(frames.measures.height),
            "newly_published": dg.MetadataValue.bool(newly_published),
            "published_at": dg.MetadataValue.text(str(frames.measures["published_at"][0])),
            "revised_since_publication": dg.MetadataValue.int(revised),
            "report": dg.MetadataValue.path(str(outputs.report_html)),
            "workbook": dg.MetadataValue.path(str(outputs.workbook)),
            "outcomes": dg.MetadataValue.text(str(frames.outcomes.drop("place_id", "review_id"))),
            "rendered": dg.MetadataValue.bool(rendered),
            RENDERED_FROM: dg.MetadataValue.text(rendered_from),
        }
    )
