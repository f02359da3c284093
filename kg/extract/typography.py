"""Typographic punctuation folded before the text is parsed: curly apostrophes and quotes,
dashes inside a designation, no-break spaces. The catalog and the parser know "People's" and
"T-72"; a report typeset with "People’s" or "T‑72" would otherwise miss the longer name and
match a shorter alias instead. Every replacement is one character for one, so offsets into
the folded text are offsets into the document's own text, which evidence quotes."""
from __future__ import annotations

import re

SINGLE = dict.fromkeys(map(ord, "‘’‚‛′`´"), "'")
DOUBLE = dict.fromkeys(map(ord, "“”„‟″«»"), '"')
SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u2009\u202f\u2002\u2003"), " ")
TABLE = {**SINGLE, **DOUBLE, **SPACES}
# a dash between letters or digits is a hyphen ("T–72", "Su‑30"); between spaces it is punctuation
DASH_IN_WORD = re.compile(r"(?<=\w)[\u2010\u2011\u2012\u2013\u2014\u2212](?=\w)")


def fold_typography(text: str) -> str:
    return DASH_IN_WORD.sub("-", text.translate(TABLE))
