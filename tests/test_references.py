"""References back to an actor or place named before (kg/extract/mentions.py): "the group",
"the kingdom", "the town", and the report's topic actor when none is named near; several
invented sentences each."""
from __future__ import annotations

import pytest

from extraction_helpers import facts, fought


@pytest.mark.parametrize("text, country, enemy", [
    ("Yemen has been at war for years. The government has fought the Houthis since 2015.",
     "Yemen", "Houthis"),
    ("Saudi Arabia closed its southern border. The kingdom then fought the Houthis in the hills.",
     "Saudi Arabia", "Houthis"),
])
def test_the_government_is_the_latest_country(nlp, text, country, enemy):
    found = facts(nlp, text)
    assert fought(found, country, enemy), found


@pytest.mark.parametrize("text, group", [
    # no group named in the sentences before: the group the report names most and in its
    # title and lead, not the latest one named
    ("Hezbollah Shows New Rockets\n\nHezbollah paraded rockets in Beirut. Hamas sent no one. "
     "The parade lasted an hour. Crowds lined the road. Officials counted the floats. "
     "The militants fired rockets at Haifa.", "Hezbollah"),
    ("Houthis Claim New Strike\n\nThe rebels launched a cruise missile at Abu Dhabi.",
     "Houthis"),
])
def test_a_reference_with_nothing_near_means_the_topic_group(nlp, text, group):
    found = facts(nlp, text)
    assert any(s == group and p == "attacked" for s, p, _ in found), found


def test_the_noun_picks_the_group_it_described(nlp):
    found = facts(nlp, "The Tuareg militia Ansar Dine met near the border. A convoy of Hezbollah "
                       "trucks was ambushed, and the militia also shelled Gao.")
    assert ("Ansar Dine", "attacked", "Gao") in found, found
    assert ("Hezbollah", "attacked", "Gao") not in found, found


def test_a_quoted_source_is_not_what_a_reference_means(nlp):
    found = facts(nlp, "Hamas fired rockets at Ashkelon on Monday. Later, Hezbollah said nothing "
                       "about it. The group fired rockets at Sderot.")
    assert ("Hezbollah", "attacked", "Sderot") not in found, found
    assert ("Hamas", "attacked", "Sderot") in found, found


def test_the_town_is_the_latest_place(nlp):
    found = facts(nlp, "Rebels entered Kidal on Monday. On Tuesday Mali shelled the town.")
    assert ("Mali", "attacked", "Kidal") in found, found


@pytest.mark.parametrize("text, owner, target", [
    ("Hamas held a rally. Their rockets hit Sderot on Monday.", "Hamas", "Sderot"),
    ("Hezbollah held a parade in Beirut. Their rockets hit Nahariya at dawn.", "Hezbollah", "Nahariya"),
])
def test_their_weapons_belong_to_the_actor_subject_before(nlp, text, owner, target):
    found = facts(nlp, text)
    assert (owner, "attacked", target) in found, found
