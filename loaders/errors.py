"""The one error a loader raises: what file, and what is wrong with it."""
from __future__ import annotations

from pathlib import Path


class LoadError(Exception):
    """A file that cannot be turned into documents. str(e) is one line for the user:
    "<path>: <reason>", where the reason says what is wrong and, where useful, what to do."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")
