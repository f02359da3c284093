"""The pipeline state cache (kg/extract/cache.py) and `kg extract` over several files."""
from __future__ import annotations

import json
import os
import shutil

import pytest
from typer.testing import CliRunner

from kg.catalog import CATALOG_DIR, default_catalog, read_catalog
from kg.cli import app
from kg.extract import cache, extract
from kg.extract.patterns import PATTERNS_DIR
from kg.extract.pipeline import make_pipeline, model_name
from kg.model import Document

# invented; the catalog copy below adds the Varkosh-7 (under an id no designation is read as)
REPORT = ("The Brennish Navy received four Varkosh-7 rocket launchers and twelve T-72 tanks "
          "from Russia in May 2021, officials in Kyiv said.\n")
VARKOSH = "weapon:invented-vk7,Varkosh-7,VK-7,mlrs,country:russia,,,invented for the cache test"


def extraction_json(nlp) -> str:
    document = Document.from_text(REPORT, source="report.txt", published="2021-06-01")
    return json.dumps(extract(document, nlp=nlp).to_json(), indent=2)


def state_file(catalog):
    return cache.state_path(cache.state_key(catalog=catalog, model=model_name()))


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture(scope="module")
def fresh_json():
    return extraction_json(make_pipeline(catalog=default_catalog(), use_cache=False))


def test_the_cached_pipeline_extracts_what_a_fresh_one_does(cache_dir, fresh_json):
    catalog = default_catalog()
    assert extraction_json(make_pipeline(catalog=catalog)) == fresh_json  # built, then saved
    saved = state_file(catalog)
    written = saved.stat().st_mtime_ns
    restored = make_pipeline(catalog=catalog)
    assert saved.stat().st_mtime_ns == written  # read, not built and saved again
    assert extraction_json(restored) == fresh_json
    assert [p.name for p in cache_dir.iterdir()] == [saved.name]  # no temporary file left


def test_a_corrupted_or_cut_state_is_rebuilt(cache_dir, fresh_json):
    catalog = default_catalog()
    make_pipeline(catalog=catalog)
    saved = state_file(catalog)
    whole = saved.read_bytes()
    for damaged in (whole[:len(whole) // 2], whole[:-10] + b"0123456789", b"", b"not msgpack"):
        saved.write_bytes(damaged)
        assert extraction_json(make_pipeline(catalog=catalog)) == fresh_json
        assert saved.read_bytes() == whole


def test_an_unwritable_cache_folder_means_no_caching(tmp_path, monkeypatch, fresh_json):
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "a-file" / "cache"))
    assert extraction_json(make_pipeline(catalog=default_catalog())) == fresh_json


def test_another_catalog_is_another_state(cache_dir, tmp_path, monkeypatch, fresh_json):
    catalog_dir = tmp_path / "catalog"
    shutil.copytree(CATALOG_DIR, catalog_dir)
    weapons = catalog_dir / "weapon_systems.csv"
    header = weapons.read_text(encoding="utf-8").splitlines()[0]
    assert header == "id,name,aliases,category,origin,copy_of,variant_of,source", header
    with weapons.open("a", encoding="utf-8") as f:
        f.write(VARKOSH + "\n")
    monkeypatch.setenv("KG_CATALOG_DIR", str(catalog_dir))
    default_catalog.cache_clear()
    try:
        changed = default_catalog()
        extraction = json.loads(extraction_json(make_pipeline(catalog=changed)))
    finally:
        default_catalog.cache_clear()
    assert state_file(changed) != state_file(read_catalog())
    assert state_file(changed).exists() and not state_file(read_catalog()).exists()
    assert "weapon:invented-vk7" in [e["id"] for e in extraction["entities"]]
    assert "weapon:invented-vk7" not in fresh_json


def test_a_changed_pattern_file_changes_the_key(tmp_path):
    catalog = default_catalog()
    copy = tmp_path / "patterns"
    shutil.copytree(PATTERNS_DIR, copy)
    same = cache.state_key(catalog=catalog, model=model_name(), patterns_dir=copy)
    assert same == cache.state_key(catalog=catalog, model=model_name())
    groups = copy / "groups.json"
    groups.write_text(groups.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache.state_key(catalog=catalog, model=model_name(), patterns_dir=copy) != same
    (copy / "a_new_component.json").write_text("{}", encoding="utf-8")
    groups.unlink()
    assert cache.state_key(catalog=catalog, model=model_name(), patterns_dir=copy) != same


def test_extract_of_several_files_prints_json_lines_and_reports_a_bad_one(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "one.txt").write_text(REPORT, encoding="utf-8")
    (folder / "two.md").write_text("Russia delivered T-72 tanks to the Brennish Navy.\n",
                                   encoding="utf-8")
    (folder / "skipped.pdf").write_bytes(b"%PDF-1.4")  # not loadable: a folder walk skips it
    unreadable = tmp_path / "three.txt"
    unreadable.write_bytes(b"\x00\x01binary\xff")
    third = tmp_path / "four.txt"
    third.write_text("Syria received T-72 tanks from Russia.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(folder), str(unreadable), str(third),
                                      "--json"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [json.loads(line)["source"]["path"] for line in lines] == [
        str(folder / "one.txt"), str(folder / "two.md"), str(third)]
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(f"kg: error: {unreadable}: ")


def test_extract_of_one_document_among_several_paths_is_one_object(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(report), str(tmp_path / "missing.txt"),
                                      "--json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["source"]["path"] == str(report)
    assert result.stdout.startswith("{\n  ")
    assert result.stderr == f"kg: error: {tmp_path / 'missing.txt'}: no such file or directory\n"


def test_only_the_states_last_written_are_kept(cache_dir):
    cache_dir.mkdir()
    for n in range(cache.KEEP_FILES + 2):
        old = cache_dir / f"pipeline-old{n}.msgpack"
        old.write_bytes(b"")
        os.utime(old, (1_000_000 + n, 1_000_000 + n))
    cache.write_state("new", {"rulers": {}})
    kept = sorted(p.name for p in cache_dir.iterdir())
    assert len(kept) == cache.KEEP_FILES and "pipeline-new.msgpack" in kept
    assert "pipeline-old0.msgpack" not in kept and cache.read_state("new") == {"rulers": {}}
