"""Article dates, parsed by one function: :func:`day_of` reads the date an input gives (ISO, with or without a
time, or US style "1/3/19"); an :class:`~contradict.types.Article` keeps the text as given (``date``, shown in
reports and hashed) and its day (``day``), which every comparison uses: stories, updates, the news cycle of
a slot, the report's --since / --until.
"""

from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")

FUTURE_SLACK_DAYS = 2  # a date this far past today (time zones, embargoes) is still believed


def day_of(text: str | None) -> dt.date | None:
    """The day a date text names: ISO ("2019-01-03", with or without a time) or US style ("1/3/19",
    "1/3/2019"); None when empty or not understood."""
    text = (text or "").strip()
    m = _ISO.match(text)
    try:
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _US.match(text)
        if m:
            year = int(m.group(3))
            return dt.date(year + 2000 if year < 100 else year, int(m.group(1)), int(m.group(2)))
    except ValueError:
        return None
    return None


def believed(day: dt.date | None, text: str, today: dt.date | None = None) -> tuple[dt.date | None, str]:
    """(the day, "") or (None, why it is not used): empty, not understood, or in the future."""
    text = (text or "").strip()
    if not text:
        return None, ""
    if day is None:
        return None, f"date {text[:40]!r} is not understood"
    today = today or dt.date.today()
    if day > today + dt.timedelta(days=FUTURE_SLACK_DAYS):
        return None, f"date {text[:10]} is in the future"
    return day, ""
