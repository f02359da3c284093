"""Publication dates as ISO 8601 partial strings ("2018", "2018-04", "2018-04-21")."""
from __future__ import annotations

import re
from email.utils import parsedate_to_datetime

MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for name in names}
MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?P<year>\d{4})"
WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
ISO = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?")
WRITTEN = [re.compile(WEEKDAY + pattern, re.IGNORECASE) for pattern in (
    rf"{DAY}\s+{MONTH},?\s+{YEAR}",  # 21 April 2018
    rf"{MONTH}\s+{DAY},?\s+{YEAR}",  # April 21, 2018
    rf"{MONTH},?\s+{YEAR}",  # April 2018
)]


def iso_date(text: str | None) -> str | None:
    """The date a string states, as precise as it states it; None if it states none.
    Times and time zones are dropped: the day is the one written, not converted to UTC."""
    if not text:
        return None
    text = text.strip()
    if match := ISO.fullmatch(text):
        return partial_date(match["year"], match["month"], match["day"])
    for pattern in WRITTEN:
        if match := pattern.fullmatch(text):
            month = MONTHS.get(match["month"].lower())
            if month is None:
                return None
            return partial_date(match["year"], f"{month:02d}", match.groupdict().get("day"))
    try:
        return parsedate_to_datetime(text).date().isoformat()  # RFC 822, as in RSS pubDate
    except (TypeError, ValueError, IndexError):
        return None


def partial_date(year: str, month: str | None, day: str | None) -> str | None:
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return None
    if day is None:
        return f"{year}-{month}"
    if not 1 <= int(day) <= 31:
        return None
    return f"{year}-{month}-{int(day):02d}"
