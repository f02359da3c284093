"""Feeds (.xml, .rss, .atom): RSS 2.0 (and RSS 1.0/RDF) items and Atom entries, one Document each.

Parsed with the standard library's xml.etree, by local element names so that namespace
prefixes do not matter. Per item: title, link, date (RSS pubDate or dc:date; Atom published,
else updated) as ISO 8601, and the content (content:encoded, else description; Atom content,
else summary), which goes through the same HTML extraction as a page. The feed's own title
is the publisher. Items without text are skipped; a feed with none left is an error.
xml.etree expands no external entities; it is not hardened against entity-expansion bombs,
so very large hostile feeds are kept out by the size limit only.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from kg.model import Document
from loaders.dates import iso_date
from loaders.errors import LoadError
from loaders.files import MAX_BYTES, read_markup
from loaders.html import extract_page
from loaders.text import clean_text

RSS_DATES = ("pubDate", "date")  # RSS 2.0, then Dublin Core (RSS 1.0)
RSS_CONTENT = ("encoded", "description")  # content:encoded holds the full text when present
ATOM_DATES = ("published", "updated")
ATOM_CONTENT = ("content", "summary")
Item = tuple[str | None, str | None, str | None, str | None, bool]  # title, url, date, content, is HTML


def load_feed(path: Path, *, published: str | None = None, max_bytes: int = MAX_BYTES) -> list[Document]:
    try:
        root = ET.fromstring(read_markup(path, max_bytes=max_bytes))
    except ET.ParseError as e:
        raise LoadError(path, f"not well-formed XML ({e}); expected an RSS or Atom feed")
    kind = local_name(root.tag)
    if kind in ("rss", "RDF"):
        channel = child(root, "channel")
        publisher = text_of(child(channel, "title")) if channel is not None else None
        items = [rss_item(item) for item in root.iter() if local_name(item.tag) == "item"]
    elif kind == "feed":
        publisher = text_of(child(root, "title"))
        items = [atom_entry(entry) for entry in root if local_name(entry.tag) == "entry"]
    else:
        raise LoadError(path, f"XML but not an RSS or Atom feed (root element <{kind}>)")
    documents = []
    for title, url, date, content, is_html in items:
        if not content:
            continue
        if is_html:
            page = extract_page(content, title=title)
            body, title = page.body, page.title
        else:
            body = clean_text(content, title=title, title_from_text=False).body
        if body:
            documents.append(Document.from_text(body, title=title, published=published or iso_date(date),
                                                url=url, publisher=publisher, source=str(path)))
    if not documents:
        raise LoadError(path, f"feed has no items with text ({len(items)} items)")
    return documents


def rss_item(item: ET.Element) -> Item:
    content = first_text(item, RSS_CONTENT)
    return text_of(child(item, "title")), text_of(child(item, "link")), first_text(item, RSS_DATES), content, True


def atom_entry(entry: ET.Element) -> Item:
    links = [link for link in entry if local_name(link.tag) == "link"]
    alternate = next((link for link in links if link.get("rel", "alternate") == "alternate"), None)
    content, is_html = None, True
    for name in ATOM_CONTENT:
        element = child(entry, name)
        if element is None:
            continue
        kind = element.get("type", "text")
        if kind == "xhtml":
            content = "".join(ET.tostring(part, encoding="unicode") for part in element)
        else:
            content, is_html = text_of(element), kind == "html"
        if content:
            break
    url = alternate.get("href") if alternate is not None else None
    return text_of(child(entry, "title")), url, first_text(entry, ATOM_DATES), content, is_html


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def child(element: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in element if local_name(c.tag) == name), None)


def text_of(element: ET.Element | None) -> str | None:
    text = "".join(element.itertext()).strip() if element is not None else ""
    return text or None


def first_text(element: ET.Element, names: tuple[str, ...]) -> str | None:
    return next((text for name in names if (text := text_of(child(element, name)))), None)
