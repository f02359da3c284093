"""Reading a file's bytes and text, refusing what is not a readable text file."""
from __future__ import annotations

import re
from pathlib import Path

from loaders.errors import LoadError

MAX_BYTES = 20 * 1024 * 1024
# Bytes looked at to tell text from binary; a text file's first few KB are representative.
SNIFF_BYTES = 8192
# Text files carry almost no C0 control characters other than whitespace; binary files
# carry about one in ten of their bytes in that range.
MAX_CONTROL_RATIO = 0.05
TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")


def read_bytes(path: Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes, once it is known to exist, be small enough, non-empty and text."""
    if not path.exists():
        raise LoadError(path, "no such file or directory")
    if path.is_dir():
        raise LoadError(path, "is a directory; pass it to iter_files to list the files in it")
    size = path.stat().st_size
    if size > max_bytes:
        raise LoadError(path, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit;"
                              " split it or raise the limit")
    raw = path.read_bytes()
    if not raw.strip():
        raise LoadError(path, "empty file")
    head = raw[:SNIFF_BYTES]
    if head.startswith(b"%PDF"):
        raise LoadError(path, "a PDF, not text; convert it first, e.g. pdftotext FILE FILE.txt")
    if b"\x00" in head:
        raise LoadError(path, "binary file (contains NUL bytes); kg reads text, HTML, feeds and"
                              " CSV/JSON datasets")
    controls = sum(1 for byte in head if byte < 0x20 and byte not in TEXT_CONTROLS)
    if controls > MAX_CONTROL_RATIO * len(head):
        raise LoadError(path, "binary file (mostly non-text bytes); kg reads text, HTML, feeds and"
                              " CSV/JSON datasets")
    return raw


def decode(raw: bytes, *, path: Path, encoding: str = "utf-8") -> str:
    """The text of raw bytes in the given encoding (UTF-8 unless the file itself declares
    another); never guessed, so a wrong encoding is an error the user fixes once."""
    try:
        text = raw.decode("utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8")
                          else encoding)
    except LookupError:
        raise LoadError(path, f"declares an unknown encoding {encoding!r}; convert it to UTF-8")
    except UnicodeDecodeError as e:
        byte = raw[e.start]
        raise LoadError(path, f"not valid {encoding} (byte 0x{byte:02x} at offset {e.start});"
                              " convert it to UTF-8 first, e.g."
                              f" iconv -f latin1 -t utf-8 '{path}' > '{path.stem}.utf8{path.suffix}'")
    return text


def read_text(path: Path, *, max_bytes: int = MAX_BYTES) -> str:
    return decode(read_bytes(path, max_bytes=max_bytes), path=path)


# An encoding the file itself declares: an XML declaration or an HTML meta charset.
DECLARED_ENCODING = re.compile(rb"""<\?xml[^>]*\bencoding=["']([\w.:-]+)["']|<meta[^>]*\bcharset=["']?([\w.:-]+)""",
                               re.IGNORECASE)


def declared_encoding(raw: bytes) -> str:
    """The encoding a markup file declares near its start, UTF-8 if it declares none."""
    match = DECLARED_ENCODING.search(raw[:SNIFF_BYTES])
    return (match[1] or match[2]).decode("ascii") if match else "utf-8"


def read_markup(path: Path, *, max_bytes: int = MAX_BYTES) -> str:
    """The text of an HTML or XML file, in the encoding it declares (a declaration is the
    file's own statement, not a guess)."""
    raw = read_bytes(path, max_bytes=max_bytes)
    return decode(raw, path=path, encoding=declared_encoding(raw))
