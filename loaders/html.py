"""HTML pages (.html, .htm): trafilatura's main-content extraction, then text.clean_text.

trafilatura drops navigation, boilerplate and (include_comments=False) the reader comments;
clean_text then removes what trafilatura keeps of captions, share lines and repeated
headlines. Metadata: title, date (from the page's markup only, never guessed from its
text or today's date), url (canonical / og:url) and site name as publisher. Malformed HTML
still loads: lxml repairs it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.model import Document
from loaders.errors import LoadError
from loaders.files import MAX_BYTES, read_markup
from loaders.text import clean_text

# Dates from the page's own markup only: an extensive search would take any date in the text.
DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True, kw_only=True)
class Page:
    body: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    publisher: str | None = None


def load_html(path: Path, *, published: str | None = None, max_bytes: int = MAX_BYTES) -> list[Document]:
    page = extract_page(read_markup(path, max_bytes=max_bytes))
    if not page.body:
        raise LoadError(path, "no article text found in the page (after removing navigation,"
                              " comments and captions)")
    return [Document.from_text(page.body, title=page.title, published=published or page.published,
                               url=page.url, publisher=page.publisher, source=str(path))]


def extract_page(html: str, *, title: str | None = None) -> Page:
    """The article in a page or an HTML fragment (a feed item's content), cleaned. A title
    known from elsewhere (the feed item) takes precedence over the page's."""
    result = extract(html, favor_recall=False) or extract(html, favor_recall=True)
    if result is None or not (result.text or "").strip():
        # A fragment too short for main-content extraction: all of its text is the content.
        import trafilatura

        text = trafilatura.html2txt(f"<html><body>{html}</body></html>")
        clean = clean_text(text, title=title, title_from_text=False)
        return Page(body=clean.body, title=clean.title, published=clean.published)
    # trafilatura puts one paragraph per line; the rest of the pipeline expects blank lines.
    clean = clean_text("\n\n".join(result.text.split("\n")), title=title or result.title,
                       title_from_text=False)
    return Page(body=clean.body, title=clean.title, published=result.date or clean.published,
                url=result.url, publisher=result.sitename)


def extract(html: str, *, favor_recall: bool):
    # imported here: it takes 0.1 s, which `kg extract` on a text file need not pay
    import trafilatura

    return trafilatura.bare_extraction(html, include_comments=False, with_metadata=True,
                                       favor_recall=favor_recall, date_extraction_params=DATE_PARAMS)
