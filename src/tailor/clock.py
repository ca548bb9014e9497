"""The run's date, which letters carry.

Today's date, unless `SOURCE_DATE_EPOCH` is set: the reproducible-builds convention
(https://reproducible-builds.org/specs/source-date-epoch/) for output that must not
change from one day to the next — golden files, archived runs, a batch dated for the
day it will be sent.
"""

from __future__ import annotations

import datetime as dt
import os


def run_date() -> dt.date:
    """`SOURCE_DATE_EPOCH` (seconds since 1970, UTC) as a date when it is a valid
    number, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            pass
    return dt.date.today()
