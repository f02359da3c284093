"""Dates on relations, on sentences written for these tests: spans of time, relative dates
resolved against the publication date, open spans and facts read from several sentences."""
from __future__ import annotations

import pytest
from spacy.tokens import Span

from kg.extract import build_pipeline, extract
from kg.extract.dates import joined_over_trailing_joiner, read_date_span
from kg.model import Document


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


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
