"""Reading a file's bytes and text, refusing what is not a readable text file."""
from __future__ import annotations

import re
from pathlib import Path

from loaders.errors import LoadError

MAX_BYTES = 20_000_000
# Bytes looked at to tell text from binary; a text file's first few KB are representative.
SNIFF_BYTES = 8192
# Text files carry almost no C0 control characters other than whitespace; binary files
# carry about one in ten of their bytes in that range.
MAX_CONTROL_RATIO = 0.05
TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
FORMATS = "kg reads UTF-8 text, HTML, RSS/Atom feeds and CSV/JSON datasets"
# An encoding the file itself declares: an XML declaration or an HTML meta charset.
DECLARED_ENCODING = re.compile(
    rb"""<\?xml[^>]*\bencoding=["']([\w.:-]+)["']|<meta[^>]*\bcharset=["']?([\w.:-]+)""", re.IGNORECASE)


def read_bytes(path: Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes, once it is known to exist, be small enough, non-empty and text."""
    if not path.exists():
        raise LoadError(path, "no such file or directory")
    if path.is_dir():
        raise LoadError(path, "is a directory; pass it to iter_files to list the files in it")
    size = path.stat().st_size
    if size > max_bytes:
        raise LoadError(path, f"file is {size_text(size)}, over the {size_text(max_bytes)} limit;"
                              " split it into smaller files")
    raw = path.read_bytes()
    if not raw.strip():
        raise LoadError(path, "empty file")
    head = raw[:SNIFF_BYTES]
    if head.startswith(b"%PDF"):
        raise LoadError(path, "a PDF, not text; convert it first, e.g. pdftotext FILE FILE.txt")
    if head.startswith(UTF16_BOMS):
        raise LoadError(path, f"UTF-16 text; convert it to UTF-8 first, e.g. {iconv(path, 'utf-16')}")
    if b"\x00" in head:
        raise LoadError(path, f"binary file (contains NUL bytes); {FORMATS}")
    controls = sum(1 for byte in head if byte < 0x20 and byte not in TEXT_CONTROLS)
    if controls > MAX_CONTROL_RATIO * len(head):
        raise LoadError(path, f"binary file (mostly non-text bytes); {FORMATS}")
    return raw


def read_text(path: Path, *, max_bytes: int = MAX_BYTES) -> str:
    """A text file's text. It must be UTF-8: an encoding is never guessed, so a wrong one is
    an error the user fixes once instead of garbled names in the graph."""
    return decode_utf8(read_bytes(path, max_bytes=max_bytes), path=path)


def read_markup(path: Path, *, max_bytes: int = MAX_BYTES) -> str:
    """An HTML or XML file's text: UTF-8 if it is valid UTF-8, else the encoding the file
    itself declares (a declaration is the file's own statement, not a guess)."""
    raw = read_bytes(path, max_bytes=max_bytes)
    match = DECLARED_ENCODING.search(raw[:SNIFF_BYTES])
    if match is None:
        return decode_utf8(raw, path=path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass  # not UTF-8, so the declaration is what the file is written in
    encoding = (match[1] or match[2]).decode("ascii")
    try:
        return raw.decode(encoding)
    except LookupError:
        raise LoadError(path, f"declares an unknown encoding '{encoding}'; convert it to UTF-8 first,"
                              f" e.g. {iconv(path, 'ENCODING')}")
    except UnicodeDecodeError as e:
        raise LoadError(path, f"not valid {encoding} as it declares (byte 0x{raw[e.start]:02x} at"
                              f" offset {e.start}); convert it to UTF-8 first")


def decode_utf8(raw: bytes, *, path: Path) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise LoadError(path, f"not valid UTF-8 (byte 0x{raw[e.start]:02x} at offset {e.start});"
                              f" convert it first, e.g. {iconv(path, 'latin1')}")


def size_text(size: int) -> str:
    return f"{round(size / 1e6, 1):g} MB" if size >= 100_000 else f"{size:,} bytes"


def iconv(path: Path, encoding: str) -> str:
    return f"iconv -f {encoding} -t utf-8 '{path}' > '{path.with_suffix('.utf8' + path.suffix)}'"
