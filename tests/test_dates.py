"""Dates on relations, on sentences written for these tests: spans of time, relative dates
resolved against the publication date, open spans and facts read from several sentences."""
from __future__ import annotations

import pytest
from spacy.tokens import Span

from kg.extract import extract
from kg.extract.dates import joined_over_trailing_joiner, read_date_span
from kg.model import Document


def dates(nlp, text: str, **metadata) -> dict[tuple[str, str, str], object]:
    extraction = extract(Document.from_text(text, **metadata), nlp=nlp)
    names = {e.id: e.name for e in extraction.entities}
    return {(names[r.s], r.p, names[r.o]): r.date for r in extraction.relations}


def test_a_span_whose_first_date_swallowed_the_joiner(nlp):
    doc = nlp.make_doc("Rifles went to Hezbollah between March 2 and April 9, 1986.")
    first, second = Span(doc, 5, 8, label="DATE"), Span(doc, 8, 12, label="DATE")  # "March 2 and", "April 9, 1986"
    joined = joined_over_trailing_joiner([first, second])
    assert [s.text for s in joined] == ["March 2 and April 9, 1986"]
    assert read_date_span(joined[0]).value() == {"start": "1986-03-02", "end": "1986-04-09"}


def test_a_fact_read_twice_keeps_the_date_with_its_evidence(nlp):
    text = ("Iran delivered rockets to Hezbollah. Talks went on for weeks. "
            "In May 2019, Iran also delivered mortars to Hezbollah.")
    extraction = extract(Document.from_text(text), nlp=nlp)
    names = {e.id: e.name for e in extraction.entities}
    [handover] = [r for r in extraction.relations
                  if (names[r.s], r.p, names[r.o]) == ("Iran", "transferred_to", "Hezbollah")]
    assert handover.date == "2019-05"
    assert "May 2019" in handover.evidence.sentence


@pytest.mark.parametrize("text, published, expected", [
    ("Three years ago, Iran delivered rockets to Hezbollah.", "2020-06-15", "2017"),
    ("Nine days ago, Iran delivered rockets to Hezbollah.", "2020-06-15", "2020-06-06"),
    ("Yesterday Iran delivered rockets to Hezbollah.", "2020-06-01", "2020-05-31"),
    ("Two months ago, Iran delivered rockets to Hezbollah.", "2020-01-15", "2019-11"),
    ("Iran delivered rockets to Hezbollah last month.", "2020-06-15", "2020-05"),
    # vague spans are written as precisely as all the days they can mean agree
    ("A few days ago, Iran delivered rockets to Hezbollah.", "2024-05-20", "2024-05"),
    ("A few days ago, Iran delivered rockets to Hezbollah.", "2024-05-03", "2024"),
    ("Iran delivered rockets to Hezbollah last weekend.", "2023-03-08", "2023-03"),
    ("Iran delivered rockets to Hezbollah last week.", "2023-03-15", "2023-03"),
    ("Iran delivered rockets to Hezbollah last week.", "2023-03-08", "2023"),  # 27 February to 5 March
    # a weekday is the last such day up to publication (2024-05-22 is a Wednesday)
    ("On Sunday, Iran delivered rockets to Hezbollah.", "2024-05-22", "2024-05-19"),
    ("Last Wednesday, Iran delivered rockets to Hezbollah.", "2024-05-22", "2024-05-15"),
    ("Three years ago, Iran delivered rockets to Hezbollah.", "2020", "2017"),
])
def test_relative_dates_resolve_against_the_publication_date(nlp, text, published, expected):
    assert dates(nlp, text, published=published)[("Iran", "transferred_to", "Hezbollah")] == expected


def test_a_relative_date_without_a_publication_date_is_no_date(nlp):
    assert dates(nlp, "A few days ago, Iran delivered rockets to Hezbollah.")[
        ("Iran", "transferred_to", "Hezbollah")] is None


def test_a_month_after_the_publication_date_belongs_to_the_year_before(nlp):
    text = "In November, Iran delivered rockets to Hezbollah."
    assert dates(nlp, text, published="2025-01-20")[("Iran", "transferred_to", "Hezbollah")] == "2024-11"
    assert dates(nlp, text, published="2025-12-20")[("Iran", "transferred_to", "Hezbollah")] == "2025-11"


@pytest.mark.parametrize("text, fact, expected", [
    ("The war between Iran and Hezbollah started in 2015.", ("Iran", "fought_against", "Hezbollah"),
     {"start": "2015"}),
    ("Iran has backed Hezbollah in an uprising that began in March 2012.", ("Iran", "allied_with", "Hezbollah"),
     {"start": "2012-03"}),
    ("From 2014, Iran supplied rockets to Hezbollah.", ("Iran", "transferred_to", "Hezbollah"), {"start": "2014"}),
    ("From 2014 until 2017, Iran supplied rockets to Hezbollah.", ("Iran", "transferred_to", "Hezbollah"),
     {"start": "2014", "end": "2017"}),
    ("Iran delivered rockets to Hezbollah in 2015.", ("Iran", "transferred_to", "Hezbollah"), "2015"),
    # a decade is no date the text fixes
    ("In the 1980s, Iran supplied rockets to Hezbollah.", ("Iran", "transferred_to", "Hezbollah"), None),
])
def test_a_beginning_without_an_end_opens_a_span(nlp, text, fact, expected):
    assert dates(nlp, text)[fact] == expected


@pytest.mark.parametrize("text, expected", [
    ("In 1950, three Iranian rockets landed in Lebanon. Hezbollah captured the rockets.", "1950"),
    ("In 1950, three Iranian rockets landed in Lebanon. The crews were interned. Hezbollah captured the rockets.",
     "1950"),
    # the past perfect tells of a time before the story's
    ("In 1950, three Iranian rockets landed in Lebanon. Hezbollah had captured the rockets.", None),
    # a new paragraph, or a sentence commenting in the present, is no continuation
    ("In 1950, three Iranian rockets landed in Lebanon.\n\nHezbollah captured the rockets.", None),
    ("In 1950, three Iranian rockets landed in Lebanon. This suggests that Hezbollah has the rockets.", None),
])
def test_an_undated_event_goes_on_with_the_date_of_the_sentence_before(nlp, text, expected):
    assert dates(nlp, text)[("Hezbollah", "has_equipment", "rocket")] == expected


def test_what_holds_whatever_the_date_takes_none(nlp):
    found = dates(nlp, "In 2016, Hezbollah fired a Fajr-5, an Iranian-made rocket, at Haifa.")
    assert found[("Hezbollah", "has_equipment", "Fajr-5")] == "2016"
    assert found[("Fajr-5", "origin_country", "Iran")] is None
