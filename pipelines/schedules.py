"""Schedules: the nightly refresh, in UK time so it follows the clocks.

A night whose Fingertips uploads and code are as at the last good refresh launches no run: the
tick is skipped with the reason (pipelines.night_plan), so nothing downstream (the eager places,
the publication) is woken either.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from assets.fingertips.selection import FingertipsSelection
from pipelines.jobs import fingertips_refresh_job
from pipelines.night_plan import (
    SOURCES_TAG,
    code_version,
    fingertips_changes,
    pull_up_to_date,
    sources_tag,
)
from pipelines.resources import CatalogueResource, FingertipsResource

NOTHING_NEW_UPLOADED = (
    "Fingertips has uploaded nothing new since the last good refresh, and the code is the same: "
    "nothing to pull, rebuild or publish."
)


@dg.schedule(
    name="nightly_fingertips_refresh",
    job=fingertips_refresh_job,
    cron_schedule="30 2 * * *",
    execution_timezone="Europe/London",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="02:30 UK time: incremental Fingertips refresh (only indicators whose "
    "LastUploadedAt moved are downloaded), then publication; skipped when nothing moved.",
)
def nightly_fingertips_refresh(
    context: dg.ScheduleEvaluationContext,
    fingertips: FingertipsResource,
    catalogue: CatalogueResource,
) -> dg.RunRequest | dg.SkipReason:
    sources = fingertips_changes(
        FingertipsSelection().model_dump(), {"fingertips": fingertips, "catalogue": catalogue}
    )
    tag = sources_tag(code_version(Path(catalogue.folder)), sources)
    if sources is not None and pull_up_to_date(context.instance, fingertips_refresh_job.name, tag):
        return dg.SkipReason(NOTHING_NEW_UPLOADED)
    return dg.RunRequest(tags={SOURCES_TAG: tag})
