"""Graph stores behind one interface (kg.store.base.Store): the embedded ladybug store by
default, Neo4j when KG_NEO4J_URI is set."""
from __future__ import annotations

import os
from pathlib import Path

from kg.store.base import QueryResult, Store, StoreError, Subgraph, WriteResult

__all__ = ["QueryResult", "Store", "StoreError", "Subgraph", "WriteResult", "default_db_path",
           "open_store"]


def default_db_path() -> Path:
    """KG_DB, else the per-user data directory ($XDG_DATA_HOME/kg, ~/.local/share/kg)."""
    if os.environ.get("KG_DB"):
        return Path(os.environ["KG_DB"]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "kg"


def open_store(*, db: Path | None = None) -> Store:
    """Neo4j when KG_NEO4J_URI is set (with KG_NEO4J_USER / KG_NEO4J_PASSWORD), else the
    embedded store in `db` (default: default_db_path())."""
    uri = os.environ.get("KG_NEO4J_URI")
    if uri:
        from kg.store.neo4j import Neo4jStore

        return Neo4jStore(uri=uri, user=os.environ.get("KG_NEO4J_USER", "neo4j"),
                          password=os.environ.get("KG_NEO4J_PASSWORD", ""),
                          database=os.environ.get("KG_NEO4J_DATABASE") or None)
    from kg.store.embedded import EmbeddedStore

    return EmbeddedStore(path=db or default_db_path())
