"""Dates said against the publication date ("three years ago", "last weekend", "on Sunday"),
written as precisely as the days they can mean agree: a day, a month or a year."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from kg.extract import patterns


@dataclass(frozen=True)
class RelativeDate:
    """`unit` is day, week, month, year, weekend or a weekday ("weekday:6"); `fewest` and
    `most` how many units back (a range for "a few days ago"); `by_calendar` for the previous
    calendar week, month or year ("last week") rather than a count of units back."""

    unit: str
    fewest: int = 0
    most: int = 0
    by_calendar: bool = False

    def as_data(self) -> list:
        return [self.unit, self.fewest, self.most, self.by_calendar]

    def iso(self, *, published: str | None) -> str | None:
        bounds = publication_bounds(published)
        if bounds is None:
            return None
        days = [d for p in bounds for d in self.days_meant(p)]
        return iso_of_range(min(days), max(days))

    def days_meant(self, p: date) -> tuple[date, date]:
        """The first and last day this date can mean for a publication on day p."""
        if self.unit == "day":
            return p - timedelta(days=self.most), p - timedelta(days=self.fewest)
        if self.unit == "week" and self.by_calendar:  # up to publication for "this week"
            monday = p - timedelta(days=p.weekday() + 7 * self.most)
            return monday, min(monday + timedelta(days=6), p)
        if self.unit == "week":
            return p - timedelta(days=7 * self.most + 3), p - timedelta(days=max(7 * self.fewest - 3, 0))
        if self.unit == "weekend":
            sunday = p - timedelta(days=(p.weekday() - 6) % 7 or 7)
            return sunday - timedelta(days=1), sunday
        if self.unit.startswith("weekday:"):
            back = (p.weekday() - int(self.unit.split(":")[1])) % 7
            back = back or (7 if self.fewest else 0)  # "last Sunday" on a Sunday is a week back
            return p - timedelta(days=back), p - timedelta(days=back)
        if self.unit == "month":
            first, last = months_back(p, self.most), months_back(p, self.fewest)
            return first, last.replace(day=calendar.monthrange(last.year, last.month)[1])
        return date(p.year - self.most, 1, 1), date(p.year - self.fewest, 12, 31)


def months_back(p: date, n: int) -> date:
    index = p.year * 12 + p.month - 1 - n
    return date(index // 12, index % 12 + 1, 1)


def publication_bounds(published: str | None) -> tuple[date, date] | None:
    """The first and last day a publication date ("2019", "2019-09", "2019-09-18") can be."""
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", published or "")
    if not m:
        return None
    year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    if day:
        return date(year, month, day), date(year, month, day)
    if month:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 1, 1), date(year, 12, 31)


def iso_of_range(first: date, last: date) -> str | None:
    if first == last:
        return first.isoformat()
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}"
    if first.year == last.year:
        return f"{first.year:04d}"
    return None


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict, list[re.Pattern]]:
    """The date words and the shapes they take: "<count> <unit> ago", "last [<count>]
    <unit>|weekend|<weekday>", "this <unit>", "<weekday>", "yesterday"."""
    words = patterns.load("dates")["relative"]
    counts = {w: (n, n) for w, n in patterns.load("numbers")["units"].items()}
    counts.update({w: tuple(r) for w, r in words["vague_counts"].items()})

    def alternatives(items) -> str:
        return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))

    count = rf"(?P<count>\d+|{alternatives(counts)})"
    unit = rf"(?P<unit>{alternatives(words['units'])})"
    weekday = rf"(?P<weekday>{alternatives(words['weekdays'])})"
    shapes = [rf"{count}\s+{unit}\s+(?:{alternatives(words['ago_words'])})",
              rf"(?P<last>{alternatives(words['last_words'])})\s+(?:{count}\s+)?"
              rf"(?:{unit}|(?P<weekend>{re.escape(words['weekend'])})|{weekday})",
              rf"(?P<this>{alternatives(words['this_words'])})\s+{unit}",
              weekday,
              rf"(?P<named>{alternatives(words['named_days'])})"]
    return {"counts": counts, **words}, [re.compile(rf"^(?:{shape})$") for shape in shapes]


def relative_date(text: str) -> RelativeDate | None:
    """The relative date a DATE mention's text says, or None."""
    words, shapes = _vocabulary()
    leads = set(words["lead_words"])
    tokens = re.sub(r"['’]s$", "", text.lower().strip()).split()
    while tokens and tokens[0] in leads:
        tokens = tokens[1:]
    said = " ".join(tokens)
    m = next((found for shape in shapes if (found := shape.match(said))), None)
    if not m:
        return None
    groups = {k: v for k, v in m.groupdict().items() if v}
    if "named" in groups:
        n = words["named_days"][groups["named"]]
        return RelativeDate("day", n, n)
    if "weekday" in groups:
        return RelativeDate(f"weekday:{words['weekdays'][groups['weekday']]}", fewest=1 if "last" in groups else 0)
    if "weekend" in groups:
        return RelativeDate("weekend")
    unit = words["units"][groups["unit"]]
    if "this" in groups:
        return RelativeDate(unit, by_calendar=True)
    if "count" not in groups:  # "last week": the calendar week before
        return RelativeDate(unit, 1, 1, by_calendar=True)
    count = groups["count"]
    fewest, most = (int(count), int(count)) if count.isdigit() else words["counts"][count]
    if "last" in groups:  # "the past three weeks": from then until publication
        return RelativeDate(unit, 1 if unit == "day" else 0, most)
    return RelativeDate(unit, fewest, most)
