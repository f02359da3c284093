"""Entity mentions beyond the catalog (kg.extract.entities), on sentences written for these
tests: designations, calibres, state organs, the longest name."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.model import Document


def entities(nlp, text: str) -> dict[str, str]:
    return {e.name: e.type for e in extract(Document.from_text(text), nlp=nlp).entities}


@pytest.mark.parametrize("text, name", [
    ("The brigade received upgraded T-72B3M tanks in March.", "T-72B3M"),
    ("Its crews trained on the Vexa-12MK and the older jets.", "Vexa-12MK"),
    ("The battery fired a Neptune-M at the cruiser.", "Neptune-M"),
    ("China exported the Type 79 and kept the Type 85 for itself.", "Type 79"),
    ("The submarine carried a Mark 48 torpedo.", "Mark 48"),
    ("Rebels fired Qaher 7 missiles at the port.", "Qaher 7"),
])
def test_designations_the_catalog_does_not_hold(nlp, text, name):
    assert entities(nlp, text).get(name) == "WeaponSystem", entities(nlp, text)


@pytest.mark.parametrize("text", [
    "Flight 17 left the airport at noon.",
    "Article 5 of the treaty was invoked in May 2019.",
])
def test_a_word_and_a_number_is_not_always_a_weapon(nlp, text):
    assert "WeaponSystem" not in entities(nlp, text).values(), entities(nlp, text)


@pytest.mark.parametrize("text, name", [
    ("Gunners fired 155 mm artillery shells at the ridge.", "155 mm artillery round"),
    ("The old 100-mm gun was replaced.", "100 mm gun"),
    ("The unit lost two 12.7 mm machine guns.", "12.7 mm machine gun"),
])
def test_a_category_keeps_its_calibre(nlp, text, name):
    assert entities(nlp, text).get(name) == "EquipmentCategory", entities(nlp, text)


@pytest.mark.parametrize("text, name", [
    ("The Indonesian coast guard seized the boat.", "Indonesian coast guard"),
    ("Peru's defence ministry signed the order for helicopters.", "Peru's defence ministry"),
    ("Jordan's Ministry of Defence ordered tanks.", "Jordan's Ministry of Defence"),
])
def test_a_state_organ_the_catalog_does_not_list(nlp, text, name):
    assert entities(nlp, text).get(name) == "Group", entities(nlp, text)


def test_a_force_noun_before_the_states_giving_is_the_state(nlp):
    found = entities(nlp, "US military assistance reached the front in June.")
    assert found.get("United States") == "Country" and "Group" not in found.values(), found


def test_a_catalog_name_inside_a_possessive_stays_the_catalog_entity(nlp):
    found = entities(nlp, "Iran's Quds Force fired missiles.")
    assert found.get("Quds Force") == "Group", found


def test_typographic_punctuation_is_folded_before_matching(nlp):
    from kg.extract.typography import fold_typography

    text = "The People’s Liberation Army fired a T‑72’s gun at “Camp Vexa” on 3\u00a0May."
    assert len(fold_typography(text)) == len(text)
    assert fold_typography("T–72 — a tank") == "T-72 — a tank"  # a dash between spaces stays
    found = entities(nlp, text)
    assert found.get("People's Liberation Army") == "Group" and found.get("T-72") == "WeaponSystem", found


def test_a_month_and_a_day_is_no_designation(nlp):
    assert "WeaponSystem" not in entities(nlp, "Talks ran from March–14 to April–2.").values()


@pytest.mark.parametrize("text, name", [
    ("Kestrel Front fired rockets at the border town.", "Kestrel Front"),
    ("The attack was claimed by Jaish al-Vexa.", "Jaish al-Vexa"),
    ("Sendero Rojo fighters crossed the fence at night.", "Sendero Rojo"),
])
def test_an_organisation_acting_as_an_armed_group_is_a_group(nlp, text, name):
    found = entities(nlp, text)
    assert any(n.startswith(name) and t == "Group" for n, t in found.items()), found


@pytest.mark.parametrize("text", ["Apple launched a new phone in May.", "Reuters reported the news."])
def test_an_organisation_that_does_not_act_armed_is_no_group(nlp, text):
    assert "Group" not in entities(nlp, text).values(), entities(nlp, text)


@pytest.mark.parametrize("text, name", [
    ("Iran copied the Toophan missile from the TOW.", "Toophan"),
    ("The army bought Kestrel drones last year.", "Kestrel"),
])
def test_a_name_opening_an_equipment_phrase_is_a_model(nlp, text, name):
    assert entities(nlp, text).get(name) == "WeaponSystem", entities(nlp, text)


def test_a_capitalised_first_word_is_no_model_name(nlp):
    assert entities(nlp, "Cruise missiles hit the port.").get("cruise missile") == "EquipmentCategory"


def test_a_plural_name_received_or_flown_is_a_model(nlp):
    assert entities(nlp, "Last spring the navy began receiving Kestrels.").get("Kestrels") == "WeaponSystem"


def test_a_past_verb_misread_as_a_modifier_is_no_part_of_a_category(nlp):
    found = entities(nlp, "North Korea's Korean People's Army shipped shells to Russia.")
    assert "shell" in found and "shipped shell" not in found, found


@pytest.mark.parametrize("text, name", [
    ("They found a fragment of a laser-guided bomb near the town.", "laser-guided bomb"),
    ("The militia made use of vehicle-borne improvised explosive devices.", "vehicle-borne improvised explosive device"),
])
def test_a_hyphened_modifier_keeps_the_longer_class(nlp, text, name):
    assert entities(nlp, text).get(name) == "EquipmentCategory", entities(nlp, text)


def test_a_class_with_a_definite_article_after_its_model_is_the_model_again(nlp):
    found = entities(nlp, "Iraq bought Vexa-1 missiles in 1980. The ballistic missile could reach Tehran.")
    assert "ballistic missile" not in found and found.get("Vexa-1") == "WeaponSystem", found


@pytest.mark.parametrize("text, name", [
    ("Syrian rebels entered the city in December.", "Syrian rebels"),
    ("The American-led coalition carried out airstrikes.", "American-led coalition"),
    ("A Russian-led military alliance has trained there since 2015.", "Russian-led military alliance"),
    ("They said pro-government forces retook the town.", "pro-government forces"),
])
def test_groups_named_by_who_leads_them_or_what_they_stand_for(nlp, text, name):
    assert entities(nlp, text).get(name) == "Group", entities(nlp, text)


def test_a_states_soldiers_are_the_state(nlp):
    assert entities(nlp, "Russian soldiers entered the town.") == {"Russia": "Country"}


@pytest.mark.parametrize("text, aliases", [
    ("The Vexa-5 was exported as the VX-5 and was originally designated Kestrel-101.", {"VX-5", "Kestrel-101"}),
    ("The Vexa-5, also known as the Storm-2, entered service in 1960.", {"Storm-2"}),
    ("The Vexa-9 missile (NATO reporting name AA-99 Amos) is a copy of the Kestrel-7.", {"AA-99 Amos"}),
])
def test_names_the_text_gives_a_model_are_its_aliases(nlp, text, aliases):
    x = extract(Document.from_text(text), nlp=nlp)
    vexa = [e for e in x.entities if e.name.startswith("Vexa")]
    assert len(vexa) == 1 and aliases <= set(vexa[0].aliases), [(e.name, e.aliases) for e in x.entities]


def test_calling_on_another_group_names_no_alias(nlp):
    found = entities(nlp, "The Houthis called on Hezbollah to fire rockets.")
    assert found.get("Houthis") == "Group" and found.get("Hezbollah") == "Group", found


@pytest.mark.parametrize("text, names", [
    ("The convoy included Spartak, Linza, and Tiger armoured personnel carriers.", {"Spartak", "Linza", "Tiger"}),
    ("Britain sent Storm Shadow missiles to Kyiv.", {"Storm Shadow"}),
])
def test_names_before_a_catalog_class_are_its_models(nlp, text, names):
    found = entities(nlp, text)
    assert all(found.get(n) == "WeaponSystem" for n in names), found


def test_an_actor_before_a_class_is_its_owner_not_a_model(nlp):
    assert entities(nlp, "Hezbollah rockets hit the town.") == {"Hezbollah": "Group", "rocket": "EquipmentCategory"}


@pytest.mark.parametrize("text, name", [
    ("The strike used two Kestrel Hawk unmanned aerial vehicles.", "Kestrel Hawk"),
    ('The rebels fired "Vexa Ali" cruise missiles at the port.', "Vexa Ali"),
])
def test_a_name_before_a_modified_equipment_phrase_is_a_model(nlp, text, name):
    assert entities(nlp, text).get(name) == "WeaponSystem", entities(nlp, text)


def test_a_force_before_an_equipment_noun_is_no_model(nlp):
    assert "WeaponSystem" not in entities(nlp, "The Navy ships sailed at dawn.").values()


@pytest.mark.parametrize("text", [
    "The deal breached the Oslo Accords in 1996.",
    "Rifles seized during Operation Shield of Kandahar were sold.",
])
def test_a_place_inside_a_title_is_no_place(nlp, text):
    assert "Place" not in entities(nlp, text).values(), entities(nlp, text)


def test_a_place_outside_a_title_stays_a_place(nlp):
    assert entities(nlp, "The militants attacked Oslo in May.").get("Oslo") == "Place"


def test_a_bare_vehicle_or_vessel_is_too_generic_to_be_a_class(nlp):
    found = entities(nlp, "The rebels lost 40 military vehicles and two vessels, but kept their armoured vehicles.")
    assert "military vehicle" not in found and "vessel" not in found, found
    assert found.get("armored vehicle") == "EquipmentCategory", found


def test_range_and_size_words_do_not_make_a_class(nlp):
    found = entities(nlp, "The army used long-range drones and a domestically developed tank.")
    assert "drone" in found and "long-range drone" not in found and "developed tank" not in found, found


@pytest.mark.parametrize("text, name", [
    ("Militants attacked the army base at Vexa Dorsk in May.", "Vexa Dorsk"),
    ("A drone hit a market in the village of Kestrelby.", "Kestrelby"),
])
def test_a_name_a_kind_of_place_introduces_is_a_place(nlp, text, name):
    assert entities(nlp, text).get(name) == "Place", entities(nlp, text)
