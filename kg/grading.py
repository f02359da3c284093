"""Source grading: the analyst's file of publishers and their Admiralty (NATO) source
reliability grades, read at ingest.

    publisher,reliability
    Levant Conflict Monitor,B
    Frontline Digest,C

A completely reliable, B usually reliable, C fairly reliable, D not usually reliable,
E unreliable, F reliability cannot be judged (what a publisher the file does not name
gets). Names match with case and spacing folded. The information credibility of each
claim (1-6) is derived in the graph (kg.store.facts.credibility).
"""
from __future__ import annotations

import csv
from pathlib import Path

GRADES = ("A", "B", "C", "D", "E", "F")


class GradingError(ValueError):
    """The file cannot be read as publisher grades; the message says where and why."""


def key(publisher: str) -> str:
    return " ".join(publisher.casefold().split())


def load_reliability(path: Path) -> dict[str, str]:
    """The grades of a CSV file with the columns publisher and reliability."""
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise GradingError(f"{path}: cannot read the source grades ({e})") from None
    grades = {}
    for line, row in enumerate(rows, start=2):
        publisher, grade = (row.get("publisher") or "").strip(), (row.get("reliability") or "")
        grade = grade.strip().upper()
        if not publisher or grade not in GRADES:
            raise GradingError(f"{path}:{line}: expected a publisher and a reliability grade "
                               f"{'-'.join((GRADES[0], GRADES[-1]))}, got {row!r} (the header "
                               "must be: publisher,reliability)")
        grades[key(publisher)] = grade
    return grades


def reliability_of(publisher: str | None, grades: dict[str, str]) -> str:
    return grades.get(key(publisher), "F") if publisher else "F"
