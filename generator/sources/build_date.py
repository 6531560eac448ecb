"""The date a build is for: the one review status is judged against, never a clock read deep in the code."""

from __future__ import annotations

import datetime as dt
import os


def build_date(explicit: str | None = None) -> dt.date:
    """The build date: given, else POLICY_SITE_DATE, else SOURCE_DATE_EPOCH, else today."""
    value = explicit or os.environ.get("POLICY_SITE_DATE")
    if value:
        return dt.date.fromisoformat(value)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def epoch_of(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())
