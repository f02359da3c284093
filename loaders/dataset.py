"""Datasets (.csv, .jsonl, .json): one Document per record.

A CSV file has a header row; its delimiter is a comma, semicolon or tab. The text comes from the first of the fields named text, body or content (case-insensitive);
title, published (or date), url (or link) and publisher (or source, site) are used when
present. A .json file holds a list of records, an object with such a list under "records",
"items", "documents", "articles" or "data", or a single record. Text that is HTML markup
goes through the HTML extraction, plain text through text.clean_text (with the record's
title, so the text's first line is not taken for one). Records without text are skipped.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kg.model import Document
from loaders.dates import iso_date
from loaders.errors import LoadError
from loaders.files import MAX_BYTES, read_text
from loaders.html import extract_page
from loaders.text import clean_text

FIELDS = {
    "text": ("text", "body", "content"),
    "title": ("title", "headline"),
    "published": ("published", "date", "pubdate", "published_at"),
    "url": ("url", "link"),
    "publisher": ("publisher", "source", "site", "sitename"),
}
CSV_DELIMITERS = (",", ";", "\t")  # comma first: it wins a tie, as in a one-column file
RECORD_LISTS = ("records", "items", "documents", "articles", "data")
# Markup that marks a text as HTML rather than prose that mentions a "<".
HTML_TAG = re.compile(r"<(?:p|div|br|span|a|article|section|h[1-6]|ul|li|html|body|figure)\b[^>]*>",
                      re.IGNORECASE)


def load_dataset(path: Path, *, published: str | None = None, max_bytes: int = MAX_BYTES) -> list[Document]:
    text = read_text(path, max_bytes=max_bytes)
    suffix = path.suffix.lower()
    records = csv_records(text, path) if suffix == ".csv" else (
        jsonl_records(text, path) if suffix == ".jsonl" else json_records(text, path))
    records = [{str(key).strip().lower(): value for key, value in record.items()} for record in records]
    if not any(field(record, "text") is not None for record in records):
        found = sorted({key for record in records for key in record})
        raise LoadError(path, f"no text field in {len(records)} records (expected one of"
                              f" {', '.join(FIELDS['text'])}; found: {', '.join(found) or 'none'})")
    documents = []
    for record in records:
        document = record_document(record, path=path, published=published)
        if document is not None:
            documents.append(document)
    if not documents:
        raise LoadError(path, "no record has any article text left after cleaning")
    return documents


def record_document(record: Mapping[str, Any], *, path: Path, published: str | None) -> Document | None:
    text, title = field(record, "text"), field(record, "title")
    if not text:
        return None
    if HTML_TAG.search(text):
        page = extract_page(text, title=title)
        body, title, date = page.body, page.title, page.published
    else:
        clean = clean_text(text, title=title, title_from_text=False)
        body, date = clean.body, clean.published
    if not body:
        return None
    return Document.from_text(body, title=title, published=published or iso_date(field(record, "published")) or date,
                              url=field(record, "url"), publisher=field(record, "publisher"), source=str(path))


def field(record: Mapping[str, Any], name: str) -> str | None:
    for key in FIELDS[name]:
        value = record.get(key)
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


def csv_records(text: str, path: Path) -> list[dict[str, Any]]:
    # An article is a long field: the csv module's 128 KB default would reject real bodies.
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=header_delimiter(text))
        return [record for record in reader if any(record.values())]
    except csv.Error as e:
        raise LoadError(path, f"malformed CSV ({e})")


def header_delimiter(text: str) -> str:
    """The delimiter of the header row (comma, semicolon or tab), which holds column names,
    not prose, so the most frequent of them there is the delimiter."""
    header = text.split("\n", 1)[0]
    return max(CSV_DELIMITERS, key=header.count)


def jsonl_records(text: str, path: Path) -> list[dict[str, Any]]:
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            record = parse_json(line, path, where=f"line {number}: ")
            if not isinstance(record, dict):
                raise LoadError(path, f"line {number}: a JSON {type(record).__name__}, not an object")
            records.append(record)
    return records


def json_records(text: str, path: Path) -> list[dict[str, Any]]:
    data = parse_json(text, path)
    if isinstance(data, dict):
        data = next((data[key] for key in RECORD_LISTS if isinstance(data.get(key), list)), [data])
    if not isinstance(data, list):
        raise LoadError(path, "JSON is neither a list of records nor an object")
    return [record for record in data if isinstance(record, dict)]


def parse_json(text: str, path: Path, *, where: str = "") -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise LoadError(path, f"{where}not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})")
