"""Sentence shapes of alliance, hostility and presence (kg/extract/relations/sides.py and the
frames it extends), several invented sentences each."""
from __future__ import annotations

import pytest

from kg.extract import build_pipeline, extract
from kg.model import Document


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def facts(nlp, text: str) -> set[tuple[str, str, str]]:
    x = extract(Document.from_text(text), nlp=nlp)
    names = {e.id: e.name for e in x.entities}
    return {(names[r.s], r.p, names[r.o]) for r in x.relations}


def allied(found, a, b) -> bool:
    return (a, "allied_with", b) in found or (b, "allied_with", a) in found


def fought(found, a, b) -> bool:
    return (a, "fought_against", b) in found or (b, "fought_against", a) in found


@pytest.mark.parametrize("text, backer, side", [
    ("The Iran-backed Houthis fired drones at the port.", "Iran", "Houthis"),
    ("Qatar-funded Hamas brigades dug new tunnels.", "Qatar", "Hamas"),
    ("The Houthis, backed by Iran, fired drones at the port.", "Iran", "Houthis"),
    ("Turkey lent military support to Azerbaijan during the war.", "Turkey", "Azerbaijan"),
])
def test_a_backer_is_an_ally(nlp, text, backer, side):
    found = facts(nlp, text)
    assert allied(found, backer, side), found


@pytest.mark.parametrize("text, a, b", [
    ("Egypt and Jordan attacked Israel in 1967.", "Egypt", "Jordan"),
    ("The United States and the United Kingdom struck the radar sites.", "United States", "United Kingdom"),
    ("The United States struck the radar sites with support from Canada.", "Canada", "United States"),
])
def test_actors_who_attack_together_are_allies(nlp, text, a, b):
    found = facts(nlp, text)
    assert allied(found, a, b), found


def test_actors_who_attack_each_other_fight(nlp):
    found = facts(nlp, "Iraq and Iran fired missiles into each other's cities.")
    assert fought(found, "Iraq", "Iran") and not allied(found, "Iraq", "Iran"), found
    assert {("Iraq", "attacked", "Iran"), ("Iran", "attacked", "Iraq")} <= found


@pytest.mark.parametrize("text, a, b", [
    ("Clashes broke out between Armenia and Azerbaijan in July 2020.", "Armenia", "Azerbaijan"),
    ("Fighting between Sudan and Chad spread along the border.", "Sudan", "Chad"),
    ("The PKK waged an insurgency against Turkey for decades.", "Kurdistan Workers' Party", "Turkey"),
    ("The Tigray Defense Forces repelled an Ethiopian offensive in October.", "Tigray Defense Forces", "Ethiopia"),
    ("Hamas fighters attacked Israel at dawn.", "Hamas", "Israel"),
])
def test_hostile_acts_between_actors(nlp, text, a, b):
    found = facts(nlp, text)
    assert fought(found, a, b), found


def test_against_in_a_non_hostile_act_is_no_fighting(nlp):
    found = facts(nlp, "Canada imposed sanctions against Iran and protested against Syria.")
    assert not any(p == "fought_against" for _, p, _ in found), found


@pytest.mark.parametrize("text, actor, place", [
    ("Islamic State militants seized Mosul in June 2014.", "ISIS", "Mosul"),
    ("The Ethiopian army was pushed out of Mekelle in June.", "Ethiopian National Defense Force", "Mekelle"),
    ("Houthi rebels in Yemen announced a new missile.", "Houthis", "Yemen"),
    ("Turkey had used the drones in operations in Syria and Libya.", "Turkey", "Libya"),
])
def test_presence_where_an_actor_takes_leaves_or_acts(nlp, text, actor, place):
    found = facts(nlp, text)
    assert (actor, "operates_in", place) in found, found
