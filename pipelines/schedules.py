"""Schedules: the nightly refresh, in UK time so it follows the clocks."""

from __future__ import annotations

import dagster as dg

from pipelines.jobs import fingertips_refresh_job

nightly_fingertips_refresh = dg.ScheduleDefinition(
    name="nightly_fingertips_refresh",
    job=fingertips_refresh_job,
    cron_schedule="30 2 * * *",
    execution_timezone="Europe/London",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="02:30 UK time: incremental Fingertips refresh (only indicators whose "
    "LastUploadedAt moved are downloaded), then publication.",
)
