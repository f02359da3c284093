"""Resolution: mentions -> canonical entities.

A mention the catalog knows takes its catalog id and name. Others get a stable id from type
and normalised name, and merge with an entity they name another way: an abbreviation the
text defines ("National Defense Forces (NDF)"), a known alias, a shorter form of a longer name
of the same type ("Wagner" / "Wagner Group"), a plural ("J-5s").
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.catalog import ID_PREFIXES, Catalog
from kg.model import Entity

if TYPE_CHECKING:
    from kg.extract.gazetteer import GazetteerPlace

ABBREVIATION = re.compile(r"^\s*\(\s*([A-Z][A-Za-z.&\-]{1,12}?)(s)?\s*\)")


@dataclass(frozen=True)
class Mention:
    """One mention as the resolver needs it: where, what it says, its type, its catalog id,
    and the canonical name its phrase gives (for generic equipment)."""

    start: int
    end: int
    text: str
    type: str
    catalog_id: str | None = None
    name: str | None = None
    core_text: str | None = None  # the name inside an extended mention ("Houthi" in "Houthi forces")


def fold(text: str) -> str:
    """Case, spaces, hyphens and punctuation folded, as the contract compares names."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[\W_]+", "", text)


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode() or text
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def surface_name(mention: Mention) -> str:
    """The name an unknown mention gives: without a leading article or possessive, a plural
    designation made singular ("SA-22s" -> "SA-22")."""
    if mention.name:
        return mention.name
    text = re.sub(r"^(?:the|a|an)\s+", "", mention.text.strip(), flags=re.IGNORECASE)
    text = re.sub(r"['’]s?$", "", text).strip() or mention.text.strip()
    if mention.type == "WeaponSystem":
        text = re.sub(r"(?<=\d)s$|(?<=\d[A-Z])s$", "", text)
        text = re.sub(r"^(?P<w>\w+)['’]s$", r"\g<w>", text)
    return text


def entity_id(entity_type: str, name: str) -> str:
    return f"{ID_PREFIXES[entity_type]}:{slug(name)}"


@lru_cache(maxsize=4)
def alias_index(catalog: Catalog) -> dict[tuple[str, str], str]:
    """(type, folded spelling) -> catalog id; built once per catalog, not per document."""
    index: dict[tuple[str, str], str] = {}
    for entry in catalog:
        for spelling in entry.spellings:
            index.setdefault((entry.type, fold(spelling)), entry.id)
    return index


def located(entity: Entity, place: GazetteerPlace | None) -> None:
    """The gazetteer's coordinates and id on a Place entity."""
    if place is not None:
        entity.latitude, entity.longitude, entity.geonames_id = place.latitude, place.longitude, place.geonames_id


class Resolver:
    """Resolves the mentions of one document; `resolve` returns entities and a map from
    mention (start, end) to entity id."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.alias_index = alias_index(catalog)

    def resolve(self, mentions: list[Mention], text: str) -> tuple[list[Entity], dict[tuple[int, int], str]]:
        from kg.extract import gazetteer  # imported here: kg.extract's package imports this module
        entities: dict[str, Entity] = {}
        keys: dict[tuple[str, str], str] = {}  # (type, folded alias) -> entity id
        abbreviations: dict[str, str] = {}  # folded abbreviation -> entity id
        assigned: dict[tuple[int, int], str] = {}

        def remember(entity: Entity, alias: str) -> None:
            if alias and alias not in entity.aliases:
                entity.aliases.append(alias)
            keys.setdefault((entity.type, fold(alias)), entity.id)

        def new_entity(mention: Mention) -> Entity:
            if mention.catalog_id and mention.catalog_id in self.catalog.by_id:
                entry = self.catalog.by_id[mention.catalog_id]
                entity = Entity(id=entry.id, name=entry.name, type=entry.type,
                                category=entry.category if entry.type == "WeaponSystem" else None,
                                in_catalog=True)
                located(entity, gazetteer.catalog_place(self.catalog, entry.id))
                for spelling in entry.spellings:
                    keys.setdefault((entry.type, fold(spelling)), entry.id)
            else:
                name = surface_name(mention)
                # a place the gazetteer knows goes by GeoNames' name ("Kiev" is Kyiv), the
                # text's form staying an alias
                place = gazetteer.known_place(name) if mention.type == "Place" else None
                known = self.alias_index.get((mention.type, fold(name))) or (
                    place and self.alias_index.get((mention.type, fold(place.name))))
                if known:
                    return new_entity(Mention(mention.start, mention.end, mention.text, mention.type, known))
                name = place.name if place else name
                entity = Entity(id=entity_id(mention.type, name), name=name, type=mention.type)
                located(entity, place)
            entities[entity.id] = entity
            keys.setdefault((entity.type, fold(entity.name)), entity.id)
            return entity

        mentions = [self.by_defined_abbreviation(m, text) for m in mentions]
        for mention in sorted(mentions, key=lambda m: m.start):
            folded = fold(surface_name(mention))
            core = fold(mention.core_text) if mention.core_text else None  # "VLF" in "VLF fighters"
            target = None
            if mention.catalog_id and mention.catalog_id in entities:
                target = entities[mention.catalog_id]
            elif (abbreviation := next((f for f in (folded, core) if f in abbreviations), None)) \
                    and entities[abbreviations[abbreviation]].type in (mention.type, "Group") and not mention.catalog_id:
                target = entities[abbreviations[abbreviation]]
            elif not mention.catalog_id and (mention.type, folded) in keys:
                target = entities.get(keys[(mention.type, folded)])
            if target is None:
                target = new_entity(mention)
            remember(target, mention.text.strip())
            if mention.core_text:
                remember(target, mention.core_text)
            assigned[(mention.start, mention.end)] = target.id
            defined = ABBREVIATION.match(text[mention.end:mention.end + 20])
            if defined and len(defined.group(1)) >= 2 and defined.group(1)[0].isupper():
                abbreviation = defined.group(1)
                abbreviations[fold(abbreviation)] = target.id
                remember(target, abbreviation + (defined.group(2) or ""))

        self.merge_short_forms(entities, assigned)
        for entity in entities.values():
            if not entity.aliases:
                entity.aliases.append(entity.name)
        return list(entities.values()), assigned

    def by_defined_abbreviation(self, mention: Mention, text: str) -> Mention:
        """"Nation Defense Forces (NDF)": an unknown name defining an abbreviation the catalog
        knows is that catalog entity, misspelt or not."""
        if mention.catalog_id:
            return mention
        defined = ABBREVIATION.match(text[mention.end:mention.end + 20])
        known = defined and self.alias_index.get((mention.type, fold(defined.group(1))))
        if not known:
            return mention
        return Mention(mention.start, mention.end, mention.text, mention.type, known, mention.name, mention.core_text)

    @staticmethod
    def merge_short_forms(entities: dict[str, Entity], assigned: dict[tuple[int, int], str]) -> None:
        """An unknown Group or Place named by the first words of another of the same type
        ("Wagner" / "Wagner Group") is that one."""
        for entity in list(entities.values()):
            if entity.in_catalog or entity.type not in ("Group", "Place", "WeaponSystem"):
                continue
            words = fold(entity.name)
            if not words:
                continue
            for other in entities.values():
                if other is entity or other.type != entity.type or other.id not in entities:
                    continue
                if any(fold(a).startswith(words) and len(fold(a)) > len(words) and a.split()[:1]
                       == entity.name.lower().split()[:1] for a in [other.name.lower(), *map(str.lower, other.aliases)]) \
                        and entity.type != "WeaponSystem":
                    for alias in entity.aliases:
                        if alias not in other.aliases:
                            other.aliases.append(alias)
                    for key, value in assigned.items():
                        if value == entity.id:
                            assigned[key] = other.id
                    del entities[entity.id]
                    break
