"""Finding the entity mentions an argument of a trigger refers to: the mention itself, the
mentions inside its noun phrase ("members of Jaysh al-Islam"), its conjuncts ("T-55, T-62 and
T-72"), the subject of a copula whose predicate it is, and simple references back to an earlier
mention ("the rocket", "these tanks", "the group")."""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kg.catalog import Catalog
from kg.extract import patterns
from kg.model import EQUIPMENT_TYPES

REFERRING_DETERMINERS = {"the", "this", "these", "that", "those", "such", "its", "their"}
LIST_SEPARATORS = {",", "and", "or", "&"}
# sentences back within which a reference back to an actor ("the group", "the country") finds
# what it means; with none named that recently, it means the report's topic actor
REFERENCE_WINDOW = 2
LEAD_SENTENCES = 2  # the title and the first sentence: what a report names there is its topic
LEAD_WEIGHT = 2  # a mention there counts as this many elsewhere


@lru_cache(maxsize=1)
def _vocab() -> tuple[frozenset[str], dict[str, str], dict[str, list[str]], frozenset[str]]:
    groups = patterns.load("groups")
    nouns = patterns.load("equipment_nouns")
    return (frozenset(groups["anaphor_nouns"]), nouns["heads"], nouns["category_words"],
            frozenset(nouns["generic_weapon_words"]))


@lru_cache(maxsize=1)
def _reference_nouns() -> dict[str, str]:
    """Nouns that, after "the", refer back to an actor or place, with the type they mean."""
    groups, places = patterns.load("groups"), patterns.load("places")
    return {**{w: "Place" for w in places["place_reference_nouns"]},
            **{w: "Country" for w in groups["country_reference_nouns"]}}


@lru_cache(maxsize=1)
def _attribution_verbs() -> frozenset[str]:
    return patterns.word_set("groups", "attribution_verbs")


class MentionIndex:
    """The mentions of one Doc, by token, with the lookups relation rules need."""

    def __init__(self, doc: Doc, catalog: Catalog):
        self.doc = doc
        self.catalog = catalog
        self.by_token: dict[int, Span] = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.by_token[i] = ent
        self.ordered = list(doc.ents)
        self.by_sentence: dict[int, list[Span]] = {}
        self.sentence_starts = [sent.start for sent in doc.sents]
        for ent in self.ordered:
            self.by_sentence.setdefault(self.sentence_start(ent.start), []).append(ent)
        self._topics: dict[str, Span | None] = {}

    def sentence_start(self, i: int) -> int:
        """Where the sentence of token i starts: looked up, since Token.sent and Span.sent walk
        the tokens to the sentence's ends on every call."""
        return self.sentence_starts[bisect_right(self.sentence_starts, i) - 1]

    def in_sentence(self, sent: Span) -> list[Span]:
        """The sentence's mentions (Span.ents walks every entity of the document each time)."""
        return self.by_sentence.get(sent.start, [])

    def at(self, token: Token) -> Span | None:
        return self.by_token.get(token.i)

    def category_of(self, mention: Span) -> str | None:
        entry = self.catalog.get(mention.id_) if mention.id_ else None
        if entry and entry.category:
            return entry.category
        _, heads, _, _ = _vocab()
        following = self.doc[mention.end] if mention.end < len(self.doc) else None
        for token in (*reversed(list(mention)), following):
            if token is not None and token.lemma_.lower() in heads:
                return heads[token.lemma_.lower()]
        return None

    def antecedent(self, token: Token, types: tuple[str, ...], *, skip: list[Span] = ()) -> Span | None:
        """The latest mention of one of `types` before token whose equipment class fits the
        noun ("the rocket" -> a rocket system, not a tank)."""
        _, heads, category_words, generic = _vocab()
        noun = token.lemma_.lower()
        for mention in reversed(self.ordered):
            if mention.label_ not in types or any(mention.id_ and mention.id_ == s.id_ or mention == s for s in skip):
                continue
            if self.is_attribution(mention):
                continue
            if mention.end > token.i and not (skip and self.sentence_start(mention.start) == self.sentence_start(token.i)):
                continue
            if skip and mention.start > token.i:
                continue
            if mention.label_ == "WeaponSystem" and noun not in generic and not skip and token.pos_ != "PRON":
                category = self.category_of(mention)
                if category and noun not in category_words.get(category, ()) and heads.get(noun) != category:
                    continue
            if self.sentence_start(token.i) - self.sentence_start(mention.start) > 400:
                return None
            return mention
        return None

    def sentence_number(self, i: int) -> int:
        return bisect_right(self.sentence_starts, i) - 1

    def is_attribution(self, mention: Span) -> bool:
        """A source quoted ("X said", "according to X"): named as the teller, not as a party."""
        root = mention.root
        if root.dep_ in ("nsubj", "nsubjpass"):
            return root.head.lemma_.lower() in _attribution_verbs()
        return root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according"

    def topic(self, label: str) -> Span | None:
        """The actor or weapon of `label` the report is about: the one it names most as a party,
        a mention in its title or first sentence counting LEAD_WEIGHT times."""
        if label not in self._topics:
            weights: dict[str, int] = {}
            first: dict[str, Span] = {}
            for mention in self.ordered:
                if mention.label_ != label or self.is_attribution(mention):
                    continue
                key = mention.id_ or mention.text.lower()
                lead = self.sentence_number(mention.start) < LEAD_SENTENCES
                weights[key] = weights.get(key, 0) + (LEAD_WEIGHT if lead else 1)
                first.setdefault(key, mention)
            best = max(weights, key=lambda k: (weights[k], -first[k].start), default=None)
            self._topics[label] = first.get(best)
        return self._topics[label]

    def reference_kind(self, token: Token, types: tuple[str, ...]) -> str | None:
        """The type a reference back means, if it is one of `types`: "the group" a Group, "the
        kingdom" a Country, "the town" a Place, "the missile" a weapon."""
        anaphors, heads, _, _ = _vocab()
        lemma = token.lower_ if token.lower_ in anaphors else token.lemma_.lower()
        if lemma in anaphors:
            return "Group" if "Group" in types else None
        kind = _reference_nouns().get(lemma)
        if kind is not None:
            return kind if kind in types else None
        return "WeaponSystem" if lemma in heads and set(types) & set(EQUIPMENT_TYPES) else None

    def referred_back(self, token: Token, kind: str) -> list[tuple[Span, float]]:
        """What a reference back means: the latest fitting mention; for an actor, one named
        within REFERENCE_WINDOW sentences (the one the same noun described, "the militia" after
        "the Tuareg militia Red Hand", before a later one), else the report's topic actor."""
        previous = self.antecedent(token, (kind,))
        recent = previous is not None and (
            self.sentence_number(token.i) - self.sentence_number(previous.start) <= REFERENCE_WINDOW)
        if kind == "Place":
            return [(previous, 0.75)] if recent else []
        if kind == "WeaponSystem":
            if previous is not None:
                return [(m, 0.75) for m in self.coordinated(previous)]
            return [(m, 0.7) for m in [self.same_class_before(token)] if m is not None]
        if recent:
            described = self.described_as(token, kind)
            return [(m, 0.75) for m in self.coordinated(described or previous)]
        topic = self.topic(kind)
        return [(topic, 0.6)] if topic is not None else []

    def same_class_before(self, token: Token) -> Span | None:
        """"the shells" after "artillery shells" were named, with no model named: the class
        named by the same noun within REFERENCE_WINDOW sentences."""
        noun, here = token.lemma_.lower(), self.sentence_number(token.i)
        for mention in reversed(self.ordered):
            if mention.start >= token.i or mention.label_ != "EquipmentCategory":
                continue
            if here - self.sentence_number(mention.start) > REFERENCE_WINDOW:
                return None
            if mention.root.lemma_.lower() == noun:
                return mention
        return None

    def described_as(self, token: Token, kind: str) -> Span | None:
        """The latest mention of `kind` within REFERENCE_WINDOW sentences before token that the
        reference's own noun stands next to ("Tuareg militia Red Hand", "Red Hand rebels")."""
        noun, here = token.lemma_.lower(), self.sentence_number(token.i)
        for mention in reversed(self.ordered):
            if mention.start >= token.i or mention.label_ != kind or self.is_attribution(mention):
                continue
            if here - self.sentence_number(mention.start) > REFERENCE_WINDOW:
                return None
            near = self.doc[max(mention.start - 3, 0):min(mention.end + 2, len(self.doc))]
            if any(t.lemma_.lower() == noun and t.i != token.i for t in near):
                return mention
        return None

    def subject_of_sentence(self, mention: Span) -> Span:
        """The weapon a pronoun most likely continues with: the subject of the sentence where
        the latest fitting weapon was named, if a weapon is ("The Burkan-1 is a member of the
        Scud family. Analysts identify it as ..." -> Burkan-1), else that latest weapon."""
        for m in self.by_sentence.get(self.sentence_start(mention.start), []):
            if m.label_ == mention.label_ and m.root.dep_ in ("nsubj", "nsubjpass"):
                return m
        return mention

    def models_named_in(self, mention: Span) -> list[Span]:
        """The models modifying an equipment noun, with those listed with them."""
        if mention.label_ != "EquipmentCategory":
            return []
        for child in mention.root.children:
            model = self.at(child)
            if model is not None and model.label_ == "WeaponSystem" and child.dep_ in (
                    "compound", "nmod", "amod", "npadvmod", "nummod"):
                return self.coordinated(model)
        model = self.model_before(mention[0])
        return self.coordinated(model) if model is not None else []

    def model_before(self, token: Token) -> Span | None:
        """The model named right before the phrase an equipment noun starts, however the parser
        attached it: the small model often reads a hyphenated designation as punctuation or a
        second object ("supplied Fateh-110 missiles")."""
        i = token.left_edge.i - 1
        if i < 0 or self.sentence_start(i) != self.sentence_start(token.i):
            return None
        model = self.at(token.doc[i])
        return model if model is not None and model.label_ == "WeaponSystem" else None

    def listed_on_the_surface(self, mention: Span) -> list[Span]:
        """Mentions of the same type enumerated next to this one, joined only by commas and
        "and"/"or" ("37 T-55, T-62 and T-72 tanks"), read from the words, not the parse."""
        doc, out = mention.doc, [mention]
        for step in (-1, 1):
            current = mention
            while True:
                i, separators = (current.start - 1 if step < 0 else current.end), 0
                while 0 <= i < len(doc) and doc[i].lower_ in LIST_SEPARATORS and separators < 2:
                    i, separators = i + step, separators + 1
                if not separators or not 0 <= i < len(doc) or self.sentence_start(i) != self.sentence_start(mention.start):
                    break
                neighbour = self.at(doc[i])
                if neighbour is None or neighbour.label_ != mention.label_ or neighbour in out:
                    break
                out.append(neighbour)
                current = neighbour
        return out

    def coordinated(self, mention: Span) -> list[Span]:
        """The mention and those listed with it ("T-55, T-62 and T-72"): a reference back to
        "these tanks" means the whole list."""
        out = [mention]
        root = mention.root
        top = root
        while top.dep_ in ("conj", "appos") and top.head is not top:
            top = top.head
        members = [top, *top.conjuncts] + [c for c in top.children if c.dep_ == "appos"]
        for t in list(members):
            members += [c for c in t.children if c.dep_ in ("conj", "appos")]
        for t in members:
            m = self.at(t)
            if m is not None and m.label_ == mention.label_ and m not in out:
                out.append(m)
        out += [m for m in self.listed_on_the_surface(mention) if m not in out]
        return sorted(out, key=lambda m: m.start)

    @staticmethod
    def is_equipment_noun(token: Token) -> bool:
        """A noun that names a kind of equipment ("missile", "tanks")."""
        return token.lemma_.lower() in _vocab()[1]

    def is_reference(self, token: Token) -> bool:
        """'the rocket', 'these tanks', 'a drone of this type', 'the group'."""
        determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
        if determiners & REFERRING_DETERMINERS:
            return not any(c.dep_ in ("compound", "amod") and self.at(c) for c in token.children)
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.lemma_.lower() in ("type", "kind", "model", "class") and any(
                            d.lower_ in ("this", "that", "the", "same") for d in pobj.children):
                        return True
        return False

    def referents(self, token: Token, types: tuple[str, ...], *, depth: int = 0) -> list[tuple[Span, float]]:
        """Mentions of `types` the phrase headed by token refers to, each with a confidence
        factor (1.0 when named, lower when reached through a reference back)."""
        if depth > 4:
            return []
        found: list[tuple[Span, float]] = []
        mention = self.at(token)
        models = self.models_named_in(mention) if mention is not None and "WeaponSystem" in types else []
        if models:
            found += [(m, 1.0) for m in models]  # "T-55, T-62 and T-72 tanks": the models
        elif mention is not None and mention.label_ == "WeaponSystem" and mention.label_ in types:
            found += [(m, 1.0) for m in self.coordinated(mention)]  # one of a list: all of it
        elif mention is not None and mention.label_ in types:
            found.append((mention, 1.0))
        elif mention is not None:
            found += [(m, 1.0) for m in self._inside_phrase(mention.root, types)]  # "Israeli tanks"
        elif mention is None:
            inner = self._inside_phrase(token, types)
            model = self.model_before(token) if "WeaponSystem" in types else None
            if inner:
                listed = [m for i in inner for m in
                          (self.coordinated(i) if i.label_ == "WeaponSystem" else [i])]
                found += [(m, 1.0) for m in dict.fromkeys(listed)]
            elif model is not None:
                found += [(m, 1.0) for m in self.coordinated(model)]
            elif self.is_reference(token) and (kind := self.reference_kind(token, types)):
                found += self.referred_back(token, kind)
            elif token.dep_ == "attr" or token.dep_ == "appos" and token.head.lemma_ == "be":
                copula = token.head
                for subject in copula.children:
                    if subject.dep_ in ("nsubj", "nsubjpass"):
                        found += self.referents(subject, types, depth=depth + 1)
            elif token.lower_ in ("it",) and set(types) & set(EQUIPMENT_TYPES):
                previous = self.antecedent(token, ("WeaponSystem",))
                if previous is not None:
                    found.append((self.subject_of_sentence(previous), 0.6))
        for conj in token.conjuncts:
            if conj.i > token.i:
                found += [(m, c) for m, c in self.referents(conj, types, depth=depth + 1)
                          if m not in [f for f, _ in found]]
        for child in token.children:
            if child.dep_ == "appos":
                if mention is not None and mention.label_ == "Place" and self.at(child) is not None:
                    continue  # "Erbil, Kurdistan Region": where the place lies, not another name
                named = self.referents(child, types, depth=depth + 1)
                if named and mention is None:
                    # "its Russian assistants, the Wagner": the apposition names them
                    found = [(m, c) for m, c in found if m.root.head != token]
                found += [(m, c) for m, c in named if m not in [f for f, _ in found]]
        return found

    def _inside_phrase(self, token: Token, types: tuple[str, ...]) -> list[Span]:
        """Mentions within the noun phrase: compounds, possessors, "of" complements, and the
        first of a hyphened pair ("a US-Israeli operation")."""
        out = []
        for child in token.children:
            if child.dep_ == "poss" and child.lower_ in ("its", "their") and self.is_equipment_noun(token):
                out += self.owner(token, types)  # "its drones": whose
            elif child.dep_ in ("compound", "poss", "nmod", "amod"):
                mention = self.at(child)
                if mention is not None and mention.label_ in types and mention.root.head == token:
                    out += [m for m in self.hyphened_pair(mention) if m.label_ in types]
                    # "US and British warplanes": the modifiers listed with it own it too
                    out += [m for c in mention.root.conjuncts for m in [self.at(c)]
                            if m is not None and m.label_ in types and m not in out]
            elif child.dep_ == "prep" and (child.lower_ in ("of", "from") or (
                    child.lower_ == "in" and "Place" in types and token.pos_ == "NOUN")):
                # "members of X", "rebels from X", "another airbase in Erbil"
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        out += [m for m, _ in self.referents(pobj, types, depth=3)]
        return out

    def owner(self, token: Token, types: tuple[str, ...]) -> list[Span]:
        """Whose "its drones" or "their rockets" are: the actor subject of the sentence, if
        another phrase than this one, else that of the sentence before."""
        here = self.sentence_number(token.i)
        for number in (here, here - 1):
            if number < 0:
                break
            for mention in self.by_sentence.get(self.sentence_starts[number], []):
                if (mention.label_ in types and mention.root.dep_ in ("nsubj", "nsubjpass")
                        and token not in mention.root.subtree and not self.is_attribution(mention)):
                    return [mention]
        return []

    def hyphened_pair(self, mention: Span) -> list[Span]:
        """The mention, after the one it is hyphened to, if any ("US-Israeli")."""
        i = mention.start - 2
        if i >= 0 and self.doc[i + 1].text == "-":
            partner = self.at(self.doc[i])
            if partner is not None and partner.end == i + 1 and partner.label_ == mention.label_:
                return [partner, mention]
        return [mention]

    def in_subtree(self, token: Token, types: tuple[str, ...], *, exclude: set[int] = frozenset()) -> list[Span]:
        seen, out = set(), []
        for t in token.subtree:
            if t.i in exclude:
                continue
            mention = self.at(t)
            if mention is not None and mention.label_ in types and mention.start not in seen:
                seen.add(mention.start)
                out.append(mention)
        return out
