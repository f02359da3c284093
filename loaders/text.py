"""Plain-text reports (.txt, .md, no extension) and the cleaning every loader's body text gets.

A report copied from a web page carries the page around it. Cleaning keeps the article's own
text with general, line-based rules; the marker phrases are data, in noise.json:

1. The reader-comment section is cut: the first line that opens it ("Notify of", "Leave a
   comment", "12 comments", "Comments are closed", ...) and everything after it. Only once
   some article prose precedes it, so that a comment counter in a page header drops just
   that line instead of the whole article.
2. Chrome lines are dropped: donation and subscription widgets ("Support <Site>", "Donate",
   lines that are only an amount such as "2,500 $"), captions and photo credits ("Click to
   see the full-size image", "Photo: ...", "Image credit ..."), share and navigation links
   ("Share this:", "Tweet", "Read more", "Related: ..."), bylines ("By Jane Doe") and bare
   date lines ("MARCH 2025"). A bare date line is the page's date, not the article's, so it
   is never used as the publication date.
3. The title is the first remaining line if it is headline-like (short, not ending like a
   sentence). The headline is kept OUT of the body: it is a line of its own, so removing it
   loses no body text, and it stays available as Document.title. Every later line identical
   to the title (a headline repeated over each photo) is dropped too.
4. Short headline-like lines that occur two or more times (repeated headlines, caption
   chrome) are dropped everywhere; a repeated sentence keeps its first occurrence.

Paragraphs (blocks separated by blank lines) are kept, joined by "\\n\\n", so sentence
splitting works; lines within a paragraph stay as they were.

The publication date is read from a "Published: ..." line (dropped) or else from a dateline
opening the first paragraph ("BEIRUT, 21 April 2018 — ..."), which stays in the text.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from kg.model import Document
from loaders.dates import iso_date
from loaders.errors import LoadError
from loaders.files import MAX_BYTES, read_text

# Characters trimmed from both ends of a line before it is compared with the marker phrases.
LINE_TRIM = " \t-–—•*·|>»«:.!…()[]\"'“”‘’#_"
# A headline is a short line; a longer one is a paragraph even without a final period.
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 200
# A line of at least this many words is article prose: after it, comment markers cut.
PROSE_MIN_WORDS = 12


@dataclass(frozen=True)
class LineRules:
    """One group of noise.json: whole lines, line prefixes and regular expressions."""

    lines: frozenset[str]
    prefixes: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]

    @classmethod
    def from_json(cls, group: dict) -> LineRules:
        return cls(frozenset(group.get("lines", ())), tuple(group.get("prefixes", ())),
                   tuple(re.compile(pattern) for pattern in group.get("patterns", ())))

    def match(self, line: str) -> bool:
        key = line_key(line)
        return (key in self.lines or any(starts_with_phrase(key, phrase) for phrase in self.prefixes)
                or any(pattern.fullmatch(line.strip()) for pattern in self.patterns))


@dataclass(frozen=True, kw_only=True)
class CleanText:
    body: str
    title: str | None
    published: str | None
    publisher: str | None = None


def load_text(path: Path, *, published: str | None = None, max_bytes: int = MAX_BYTES) -> list[Document]:
    clean = clean_text(read_text(path, max_bytes=max_bytes))
    if not clean.body:
        raise LoadError(path, "no article text left after removing comments, captions and navigation")
    return [Document.from_text(clean.body, title=clean.title, published=published or clean.published,
                               publisher=clean.publisher, source=str(path))]


def clean_text(text: str, *, title: str | None = None, title_from_text: bool = True) -> CleanText:
    """The article's own text, its title and publication date. A title already known (from
    HTML or feed metadata) is kept and its copies in the text are dropped; text extracted
    from markup passes title_from_text=False, since its first short line may be body text
    that the markup split off rather than a headline."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").split("\n")
    lines = [line.rstrip() for line in lines]
    lines = cut_comment_section(lines)
    published = publisher = None
    kept = []
    for line in lines:
        if line and (date := published_date(line)):
            published = published or date
            continue
        if line and (named := publisher_line(line)):
            publisher = publisher or named
            continue
        kept.append("" if line and CHROME.match(line) else line)
    lines = kept
    if title is None and title_from_text:
        title = first_headline(lines)
    if title:
        lines = ["" if line_key(line) == line_key(title) else line for line in lines]
    lines = drop_repeated_lines(lines)
    body = "\n\n".join(paragraphs(lines))
    return CleanText(body=body, title=title, published=published or dateline_date(body),
                     publisher=publisher)


NOISE = json.loads(Path(__file__).with_name("noise.json").read_text(encoding="utf-8"))
COMMENT_SECTION = LineRules.from_json(NOISE["comment_section"])
CHROME = LineRules.from_json(NOISE["chrome"])
PUBLISHED_PATTERNS = [re.compile(pattern) for pattern in NOISE["published"]["patterns"]]
PUBLISHER_PATTERNS = [re.compile(pattern) for pattern in NOISE["publisher"]["patterns"]]
DATELINE_PATTERNS = [re.compile(pattern) for pattern in NOISE["dateline"]["patterns"]]


def line_key(line: str) -> str:
    """A line as compared with marker phrases and with other lines: case and whitespace folded,
    punctuation and bullets trimmed at both ends."""
    return re.sub(r"\s+", " ", line).strip(LINE_TRIM).lower()


def starts_with_phrase(key: str, phrase: str) -> bool:
    return key.startswith(phrase) and (len(key) == len(phrase) or not key[len(phrase)].isalnum()
                                       or not phrase[-1].isalnum())


def cut_comment_section(lines: list[str]) -> list[str]:
    prose_seen = False
    kept = []
    for line in lines:
        if line and COMMENT_SECTION.match(line):
            if prose_seen:
                break
            continue  # a comment counter or link in the page header, before the article
        prose_seen = prose_seen or len(line.split()) >= PROSE_MIN_WORDS
        kept.append(line)
    return kept


def published_date(line: str) -> str | None:
    for pattern in PUBLISHED_PATTERNS:
        if (match := pattern.fullmatch(line.strip())) and (date := iso_date(match["date"])):
            return date
    return None


def publisher_line(line: str) -> str | None:
    for pattern in PUBLISHER_PATTERNS:
        if match := pattern.fullmatch(line.strip()):
            return match["publisher"]
    return None


def dateline_date(body: str) -> str | None:
    for pattern in DATELINE_PATTERNS:
        if match := pattern.match(body):
            return iso_date(match["date"])
    return None


def is_headline(line: str) -> bool:
    line = line.strip().rstrip("\"'”’")
    return (bool(line) and len(line) <= HEADLINE_MAX_CHARS
            and len(line.split()) <= HEADLINE_MAX_WORDS
            and line[-1] not in ".,;:-–—" and any(c.isalpha() for c in line))


def first_headline(lines: list[str]) -> str | None:
    first = next((line.strip() for line in lines if line.strip()), None)
    # A Markdown heading's "#" marks are markup, not part of the title.
    return first.lstrip("#").strip() if first and is_headline(first) else None


def drop_repeated_lines(lines: list[str]) -> list[str]:
    counts: dict[str, int] = {}
    for line in lines:
        if line.strip():
            counts[line_key(line)] = counts.get(line_key(line), 0) + 1
    seen: set[str] = set()
    kept = []
    for line in lines:
        key = line_key(line)
        if line.strip() and counts[key] > 1 and (is_headline(line) or key in seen):
            continue
        seen.add(key)
        kept.append(line)
    return kept


def paragraphs(lines: list[str]) -> list[str]:
    """Blocks of consecutive non-empty lines, each stripped of surrounding whitespace."""
    blocks, block = [], []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line.strip())
        elif block:
            blocks.append("\n".join(block))
            block = []
    return blocks
