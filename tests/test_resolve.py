"""kg.resolve: mentions to canonical entities, on small hand-made mention lists."""
from __future__ import annotations

from kg.catalog import default_catalog
from kg.resolve import Mention, Resolver, fold, slug


def resolve(text: str, *spans: tuple[str, str, str | None]):
    """Mentions found by their text's first occurrence after the previous one."""
    mentions, at = [], 0
    for surface, entity_type, catalog_id in spans:
        start = text.index(surface, at)
        mentions.append(Mention(start=start, end=start + len(surface), text=surface, type=entity_type,
                                catalog_id=catalog_id))
        at = start + len(surface)
    entities, assigned = Resolver(default_catalog()).resolve(mentions, text)
    return entities, [assigned[(m.start, m.end)] for m in mentions]


def test_catalog_aliases_merge():
    text = "The Syrian Arab Army and the SAA and the Syrian Army."
    entities, ids = resolve(text, ("Syrian Arab Army", "Group", "group:syrian-arab-army"),
                            ("SAA", "Group", "group:syrian-arab-army"), ("Syrian Army", "Group", None))
    assert ids == ["group:syrian-arab-army"] * 3
    assert len(entities) == 1 and entities[0].in_catalog
    assert {"Syrian Arab Army", "SAA", "Syrian Army"} <= set(entities[0].aliases)


def test_abbreviation_defined_in_text_merges():
    text = "The Desert Hawks Battalion (DHB) moved. Then the DHB attacked."
    entities, ids = resolve(text, ("Desert Hawks Battalion", "Group", None), ("DHB", "Group", None))
    assert ids[0] == ids[1] == "group:desert-hawks-battalion"
    assert set(entities[0].aliases) == {"Desert Hawks Battalion", "DHB"}


def test_misspelt_long_form_with_a_known_abbreviation_is_the_catalog_entity():
    text = "the Nation Defense Forces (NDF) grew"
    entities, ids = resolve(text, ("Nation Defense Forces", "Group", None), ("NDF", "Group", "group:national-defense-forces"))
    assert ids[0] == ids[1] and entities[0].in_catalog
    assert "Nation Defense Forces" in entities[0].aliases


def test_unknown_entities_get_stable_ids_from_type_and_name():
    text = "the SA-99s and the SA-99 and the Rapid Lions"
    entities, ids = resolve(text, ("SA-99s", "WeaponSystem", None), ("SA-99", "WeaponSystem", None),
                            ("Rapid Lions", "Group", None))
    assert ids == ["weapon:sa-99", "weapon:sa-99", "group:rapid-lions"]
    assert resolve(text, ("Rapid Lions", "Group", None))[1] == ["group:rapid-lions"]


def test_short_form_of_an_unknown_name_merges_with_the_long_one():
    text = "Falcon Brigade fighters ... the Falcon"
    entities, ids = resolve(text, ("Falcon Brigade", "Group", None), ("Falcon", "Group", None))
    assert ids[0] == ids[1]


def test_types_keep_entities_apart():
    text = "Saudi Arabia and the Saudi Arabia Place"
    entities, ids = resolve(text, ("Saudi Arabia", "Country", "country:saudi-arabia"),
                            ("Saudi Arabia Place", "Place", None))
    assert ids[0] != ids[1]


def test_fold_and_slug():
    assert fold("Zelzal-2") == fold("zelzal 2") == "zelzal2"
    assert slug("Ayn al-Asad Airbase") == "ayn-al-asad-airbase"


def test_demonyms_capitals_governments_and_forces_through_the_pipeline():
    from kg.extract import extract
    from kg.model import Document

    text = ("The Russian government said Moscow had sent arms. Russian forces and the Russian military "
            "moved. A strike on Kyiv followed. Russians protested.")
    x = extract(Document.from_text(text))
    by_name = {e.name: e for e in x.entities}
    assert {"Russian government", "Moscow", "Russians"} <= set(by_name["Russia"].aliases)
    assert by_name["Russia"].type == "Country"
    assert {"Russian forces", "Russian military"} <= set(by_name["Russian Armed Forces"].aliases)
    assert by_name["Kyiv"].type == "Place"
