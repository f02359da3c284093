"""The Python API: the README example runs, and a crash mid-ingest is completed by a re-run."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kg import api
from kg.store.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parents[1]


def test_readme_python_example_runs(tmp_path, monkeypatch, capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### The Python API"):]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)
    monkeypatch.chdir(ROOT)
    exec(code.replace("/tmp/kg-demo", str(tmp_path / "db")), {})
    out = capsys.readouterr().out
    assert "copy_of" in out.lower() or "COPY_OF" in out


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(ROOT / "examples", folder, ignore=shutil.ignore_patterns("README.md"))
    return folder


def _fact_counts(store) -> tuple[int, int]:
    rows = store.query("MATCH (a:Entity)-[r]->(b:Entity) RETURN r.id").rows
    return len(rows), len({r[0] for r in rows})


def crash_after(monkeypatch, method: str, calls: int) -> None:
    """Make EmbeddedStore.<method> succeed `calls` times, then fail as a crash would."""
    real = getattr(EmbeddedStore, method)
    done = []

    def crashing(self, *args):
        if len(done) == calls:
            raise RuntimeError("simulated crash")
        done.append(1)
        return real(self, *args)

    monkeypatch.setattr(EmbeddedStore, method, crashing)


def test_crash_mid_batch_leaves_nothing_and_rerun_completes(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path)
    store = EmbeddedStore(path=tmp_path / "db")
    crash_after(monkeypatch, "_write_document", 1)  # the second document of the one batch
    with pytest.raises(RuntimeError, match="simulated crash"):
        api.ingest([corpus], store=store, batch_size=100)
    assert store.stats()["documents"] == 0, "the failed batch left a partial document behind"
    assert store.stats()["entities"] == {}

    monkeypatch.undo()
    report = api.ingest([corpus], store=store, batch_size=100)
    assert report.documents_written == report.files and not report.errors
    total, distinct = _fact_counts(store)
    assert total == distinct > 0
    store.close()


def test_crash_between_batches_is_resumed_without_duplicates(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path)
    store = EmbeddedStore(path=tmp_path / "db")
    crash_after(monkeypatch, "write", 1)  # the second batch
    with pytest.raises(RuntimeError, match="simulated crash"):
        api.ingest([corpus], store=store, batch_size=1)
    assert store.stats()["documents"] == 1

    monkeypatch.undo()
    report = api.ingest([corpus], store=store, batch_size=1)
    assert report.documents_skipped == 1
    assert report.documents_written == report.files - 1
    assert store.stats()["documents"] == report.files
    total, distinct = _fact_counts(store)
    assert total == distinct
    store.close()


def test_params_are_typed_and_malformed_ones_refused():
    assert api.parse_params(["n=2", "name=Syrian Arab Army", "ok=true"]) == {
        "n": 2, "name": "Syrian Arab Army", "ok": True}
    with pytest.raises(ValueError, match="key=value"):
        api.parse_params(["oops"])


def test_saved_queries_have_descriptions():
    saved = api.saved_queries()
    assert len(saved) >= 10
    assert all(q.description for q in saved)
    assert api.resolve_query("transfers").startswith("//")
