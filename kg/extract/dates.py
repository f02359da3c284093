"""Date qualifiers: ISO 8601 partial dates and spans from DATE mentions, with the year of a
day or month filled from the dateline or the publication date, never invented."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span

from kg.extract import patterns
from kg.extract.relative_dates import RelativeDate, relative_date
from kg.model import Date


@dataclass(frozen=True)
class PartialDate:
    year: int | None = None
    month: int | None = None
    day: int | None = None

    def iso(self, *, reference: PartialDate | None = None) -> str | None:
        year = self.year if self.year is not None else (self.year_by(reference) if self.month else None)
        if year is None and self.month is None:
            return None
        if year is None:
            return f"--{self.month:02d}-{self.day:02d}" if self.day else None
        if self.month is None:
            return f"{year:04d}"
        if self.day is None:
            return f"{year:04d}-{self.month:02d}"
        return f"{year:04d}-{self.month:02d}-{self.day:02d}"

    def year_by(self, reference: PartialDate | None) -> int | None:
        """The year of a month or day told without one, from the date the text was written:
        a month after that date's ("in November", written in January) is the year before."""
        if reference is None or reference.year is None:
            return None
        if reference.month is None:
            return reference.year
        later = (self.month, self.day or 0) > (reference.month, reference.day or 31)
        return reference.year - 1 if later else reference.year

    def as_data(self) -> list:
        return [self.year, self.month, self.day]


@lru_cache(maxsize=1)
def _month_re() -> tuple[dict[str, int], re.Pattern]:
    months = patterns.load("dates")["months"]
    names = "|".join(sorted(months, key=len, reverse=True))
    part = (rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{names})\.?(?:,?\s+(?P<y1>\d{{4}}))?"
            rf"|(?P<m2>{names})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<y2>\d{{4}}))?"
            rf"|(?P<m3>{names})\.?(?:\s+of)?\s+(?P<y3>\d{{4}})"
            rf"|(?P<m4>{names})(?![a-z])"
            rf"|(?<![\d$])(?P<y4>1[5-9]\d\d|20\d\d)(?![\d']|s\b)")
    return months, re.compile(part, re.IGNORECASE)


def partial_dates(text: str) -> list[PartialDate]:
    """Every calendar date named in text, in order."""
    months, regex = _month_re()
    found = []
    for m in regex.finditer(text):
        g = m.groupdict()
        month_name = g["m1"] or g["m2"] or g["m3"] or g["m4"]
        month = months[month_name.lower()] if month_name else None
        day = g["d1"] or g["d2"]
        year = g["y1"] or g["y2"] or g["y3"] or g["y4"]
        if g["m4"] and month_name.lower() in ("may", "mar", "jun", "dec", "oct", "aug", "sep", "jan", "feb", "apr",
                                             "jul", "nov") and not month_name[0].isupper():
            continue  # the modal "may", not the month
        if day and not 1 <= int(day) <= 31:
            continue
        found.append(PartialDate(int(year) if year else None, month, int(day) if day else None))
    # "31 March–1 April 1948": an early part without a year takes the year of a later one
    if found and found[-1].year is not None:
        found = [PartialDate(found[-1].year, p.month, p.day) if p.year is None and p.month else p for p in found]
    return found


@dataclass(frozen=True)
class DateMention:
    """A DATE mention read as one date or a span, or as a date relative to the publication
    ("a few days ago"); a span without an end is open ("since 2024")."""

    start: PartialDate | None
    end: PartialDate | None = None
    is_span: bool = False
    relative: RelativeDate | None = None

    def value(self, *, reference: PartialDate | None = None, published: str | None = None) -> Date | None:
        if self.relative is not None:
            first = self.relative.iso(published=published)
        else:
            first = self.start.iso(reference=reference) if self.start else None
        if not self.is_span:
            return first
        last = self.end.iso(reference=reference) if self.end else None
        value = {k: v for k, v in (("start", first), ("end", last)) if v}
        return value or None

    def as_data(self) -> list:
        """Plain values, so that a Doc carrying the reading can be serialised."""
        return [self.start and self.start.as_data(), self.end and self.end.as_data(), self.is_span,
                self.relative and self.relative.as_data()]

    @classmethod
    def from_data(cls, data: list) -> DateMention:
        start, end, is_span, relative = data
        return cls(PartialDate(*start) if start else None, PartialDate(*end) if end else None, is_span,
                   RelativeDate(*relative) if relative else None)


def begins(span: Span) -> bool:
    """"the war that began in 2015", "cooperation started in early 2024": the date a state
    of things began at opens a span with no end."""
    head = span.root.head
    if head.dep_ == "prep" and head.lower_ == "in":
        head = head.head
    return head is not span.root and head.lemma_.lower() in patterns.word_set("dates", "open_start_verbs")


def read_date_span(span: Span) -> DateMention | None:
    """Read a DATE span, with the word before it ("between", "since") deciding spans."""
    dates = patterns.load("dates")
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    first_word = span[0].lower_
    opener = first_word if first_word in dates["span_openers"] else before
    is_open = opener in dates["open_start_words"] or begins(span)
    parts = partial_dates(span.text)
    if not parts:
        relative = relative_date(span.text)
        return DateMention(None, None, is_open, relative) if relative else None
    if len(parts) >= 2:
        return DateMention(parts[0], parts[-1], True)
    return DateMention(parts[0], None, is_open)


def joined_over_trailing_joiner(spans: list[Span]) -> list[Span]:
    """"between March 2 and | April 9, 1986": the model sometimes ends a DATE mention
    with the joiner itself, the next mention right after it; the two are one span of time."""
    joiners = set(patterns.load("dates")["span_joiners"])
    out: list[Span] = []
    for span in spans:
        last = out[-1] if out else None
        if last is not None and span.start == last.end and last[-1].lower_ in joiners:
            out[-1] = Span(span.doc, last.start, span.end, label=span.label_)
        else:
            out.append(span)
    return out


DATELINE_DASHES = {"—", "–", "-", "--"}


def in_dateline(span: Span) -> bool:
    """A date between "CITY," and a dash at the start of a sentence ("BEIRUT, 8 September 2017
    —") says when the report was filed, not when what it reports happened."""
    doc, start = span.doc, span.sent.start
    after = doc[span.end] if span.end < len(doc) else None
    return (0 < span.start - start <= 6 and doc[span.start - 1].text == ","
            and after is not None and after.text in DATELINE_DASHES)


def dateline_date(text: str) -> PartialDate | None:
    """The date of a wire-style dateline ("BEIRUT, April 21, 2018 —") opening the text. A line
    holding only a date (a page header such as "MARCH 2025") is not a dateline."""
    limit = patterns.load("dates")["dateline_max_chars"]
    for line in text[: limit * 4].splitlines():
        m = re.match(r"^\s*[A-Z][A-Za-z .'-]{1,40},\s+(?P<date>[^—–\-(]{4,40}?)\s*(?:\(\w+\)\s*)?[—–-]", line)
        if m:
            parts = partial_dates(m.group("date"))
            if parts and parts[0].year:
                return parts[0]
    return None


def reference_date(*, text: str, published: str | None) -> PartialDate | None:
    """The date the text was written, which a day or month without a year belongs to: the
    dateline's, else publication's."""
    line = dateline_date(text)
    if line and line.year:
        return line
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", published or "")
    if not m:
        return None
    return PartialDate(int(m[1]), m[2] and int(m[2]), m[3] and int(m[3]))
