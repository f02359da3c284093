"""Facts read over a whole document once its mentions are resolved (kg.extract.state_organs),
on texts written for these tests."""
from __future__ import annotations

import pytest

from extraction_helpers import facts


@pytest.mark.parametrize("text, organ, state", [
    ("Chile bought two frigates last year. The Chilean Navy will base them in Valparaiso.",
     "Chilean Navy", "Chile"),
    ("Patrols of the Indonesian Army crossed into the valley. Indonesia denied any incursion.",
     "Indonesian Army", "Indonesia"),
    ("Peru's defence ministry signed the order, and Peru expects the first helicopters in May.",
     "Peru's defence ministry", "Peru"),
])
def test_a_state_organ_named_after_its_state_is_part_of_it(nlp, text, organ, state):
    found = facts(nlp, text)
    assert any(p == "part_of" and s.lower().startswith(organ.split()[0].lower()) and o == state
               for s, p, o in found), found


def test_no_part_of_when_the_document_does_not_name_the_state(nlp):
    found = facts(nlp, "The Chilean Navy based two frigates in Valparaiso.")
    assert not any(p == "part_of" and o == "Chile" for _, p, o in found), found


def test_an_armed_group_named_after_a_people_is_not_a_state_organ(nlp):
    found = facts(nlp, "Syria said Syrian rebels fired mortars at the base.")
    assert not any(p == "part_of" and o == "Syria" for _, p, o in found), found
