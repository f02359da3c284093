"""Items an article lists sentences after the handover or seizure that moved them
(kg/extract/relations/contents.py and the events DocumentState remembers), several invented
texts each."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.model import Document


def holdings(nlp, text: str) -> set[tuple[str, str]]:
    x = extract(Document.from_text(text), nlp=nlp)
    names = {e.id: e.name for e in x.entities}
    return {(names[r.s], names[r.o]) for r in x.relations if r.p == "has_equipment"}


@pytest.mark.parametrize("text, holder, item", [
    ("The Turkish Navy seized a dhow off Yemen on Monday. Among the weapons were 40 mortars.",
     "Turkish Naval Forces", "mortar"),
    ("Russia delivered trucks to Mali in March. Crowds gathered in the capital. "
     "Also seen were two M777 howitzers.", "Mali", "M777 howitzer"),
    ("Iran handed a shipment of drones to the Houthis last week. The drones flew over the sea. "
     "Officials met in Geneva. The cargo included 20 Kornet missiles.", "Houthis", "9M133 Kornet"),
    ("Russia handed tanks to Mali. A third of the load was fuel and the rest included "
     "mortars.", "Mali", "mortar"),
])
def test_a_later_list_of_items_goes_on_with_the_event(nlp, text, holder, item):
    found = holdings(nlp, text)
    assert (holder, item) in found, found


def test_the_list_goes_on_with_the_seizure_done_not_the_smuggling_under_way(nlp):
    found = holdings(nlp, "The Italian Navy intercepted a trawler off Sicily. The crew was "
                          "smuggling rifles to Hamas. The equipment included mortars.")
    assert ("Italian Navy", "mortar") in found, found
    assert ("Hamas", "mortar") not in found, found


@pytest.mark.parametrize("text", [
    "Analysts said the T-72 is old. The weapons included mortars.",
    # a list naming its own actor is that actor's, not the earlier event's
    "Russia delivered trucks to Mali. Among the weapons of Algeria were mortars.",
])
def test_no_event_no_holder(nlp, text):
    found = holdings(nlp, text)
    assert not any(item == "mortar" for _, item in found), found


def test_a_continued_list_takes_the_date_of_the_event_it_goes_on_with(nlp):
    x = extract(Document.from_text("The Italian Navy seized a trawler off Sicily on 4 March 2019. "
                                   "Crowds gathered at the port. Among the weapons were 40 mortars."), nlp=nlp)
    names = {e.id: e.name for e in x.entities}
    dated = {(names[r.s], names[r.o]): r.date for r in x.relations if r.p == "has_equipment"}
    assert dated.get(("Italian Navy", "mortar")) == "2019-03-04", dated
