"""The `kg` command line: thin typer commands over kg.api, kg.rdf and kg.view."""
from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from kg import api
from kg.model import ENTITY_TYPES, Extraction
from kg.store import Store, StoreError, default_db_path, open_store

app = typer.Typer(
    help="Turn reporting about weapons into a military-equipment knowledge graph, then query, "
         "export and view it. The graph lives in an embedded store (no server) unless "
         "KG_NEO4J_URI names a Neo4j server.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
    rich_markup_mode="markdown")

DbOption = Annotated[Optional[Path], typer.Option(
    "--db", envvar="KG_DB", show_default=False,
    help=f"Data directory of the embedded store [default: {default_db_path()}]. "
         "Ignored when KG_NEO4J_URI is set.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON, for scripts.")]
PublishedOption = Annotated[Optional[str], typer.Option(
    "--published", help="Publication date (ISO, e.g. 2018-04-21) that dates without a year "
                        "are resolved against; overrides what the file says.")]
PublisherOption = Annotated[Optional[str], typer.Option(
    "--publisher", help="The outlet that published documents whose file names none (plain "
                        "text without a 'Publisher:' line); judging whether sources are "
                        "independent needs it.")]


def fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"kg: error: {message}", err=True)
    return typer.Exit(code)


@contextmanager
def store_for(db: Path | None) -> Iterator[Store]:
    """Open the store, close it on the way out, and turn store errors into one line."""
    try:
        store = open_store(db=db)
    except StoreError as e:
        raise fail(str(e)) from None
    try:
        yield store
    except StoreError as e:
        raise fail(str(e)) from None
    finally:
        store.close()


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def format_table(columns: list[str], rows: list[list[Any]]) -> str:
    cells = [[json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else
              "" if v is None else str(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)) for row in cells]
    return "\n".join(line.rstrip() for line in lines)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(
        help="Files or folders: text, HTML, RSS/Atom feeds, CSV/JSONL datasets.")],
    db: DbOption = None,
    published: PublishedOption = None,
    publisher: PublisherOption = None,
    reliability: Annotated[Optional[Path], typer.Option(
        "--reliability", envvar="KG_SOURCE_RELIABILITY",
        help="A CSV file of publisher,reliability: your Admiralty grade (A-F) of each "
             "publisher; others get F, 'cannot be judged'.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Load, extract and store documents. Re-ingesting a document changes nothing: it is
    identified by the hash of its normalised text. Files that cannot be read are reported
    and skipped; the exit status is then 1."""
    from kg.grading import GradingError, load_reliability

    try:
        grades = load_reliability(reliability) if reliability else None
    except GradingError as e:
        raise fail(str(e), 2) from None
    with store_for(db) as store:
        errors: list[str] = []
        files = api.list_files(paths, errors=errors)
        with typer.progressbar(length=len(files), label="ingesting", file=sys.stderr) as bar:
            report = api.ingest(files, store=store, published=published, publisher=publisher,
                                reliability=grades, on_file=lambda _path: bar.update(1))
        report.errors[:0] = errors
        summary = store.stats()
    for line in report.errors:
        typer.echo(f"kg: error: {line}", err=True)
    if as_json:
        print_json({"files": report.files, "documents_written": report.documents_written,
                    "documents_skipped": report.documents_skipped, "errors": report.errors,
                    "store": summary})
    else:
        typer.echo(f"{report.documents_written} documents written, "
                   f"{report.documents_skipped} already stored, {len(report.errors)} errors")
    if report.errors:
        raise typer.Exit(1)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(
        help="Files or folders (walked as by `kg ingest`): text, HTML, feeds, datasets.")],
    published: PublishedOption = None,
    publisher: PublisherOption = None,
    as_json: JsonOption = False,
) -> None:
    """Extract entities and relations without storing anything; the pipeline is built once
    for all the files. With --json, prints the extraction contract's JSON: one indented object
    when there is one document, else one compact object per document per line (JSON Lines).
    Files that cannot be read are reported and skipped; the exit status is then 1."""
    errors: list[str] = []
    extractions = api.extract_files(paths, published=published, publisher=publisher,
                                    errors=errors)
    if as_json:
        print_extractions_json(extractions)
    else:
        for x in extractions:
            print_extraction(x)
    for line in errors:
        typer.echo(f"kg: error: {line}", err=True)
    if errors:
        raise typer.Exit(1)


def print_extractions_json(extractions: Iterable[Extraction]) -> None:
    """The first extraction is held until a second shows whether it is the only one."""
    held: Extraction | None = None
    for count, x in enumerate(extractions, start=1):
        if count == 1:
            held = x
            continue
        if held is not None:
            typer.echo(json.dumps(held.to_json(), ensure_ascii=False))
            held = None
        typer.echo(json.dumps(x.to_json(), ensure_ascii=False))
    if held is not None:
        typer.echo(json.dumps(held.to_json(), ensure_ascii=False, indent=2))


def print_extraction(x: Extraction) -> None:
    names = {e.id: e.name for e in x.entities}
    typer.echo(f"# {x.document.title or x.document.source} ({x.document.id})")
    for e in x.entities:
        typer.echo(f"  {e.type:18s} {e.name}" + (f" [{e.category}]" if e.category else ""))
    for r in x.relations:
        qualifiers = " ".join(f"{k}={v}" for k, v in (
            ("date", r.date), ("quantity", r.quantity),
            ("weapons", ",".join(names[w] for w in r.weapons) or None),
            ("hedged", r.hedged or None)) if v)
        typer.echo(f"  {names[r.s]} -{r.p}-> {names[r.o]} {qualifiers}".rstrip())


@app.command()
def query(
    cypher: Annotated[Optional[str], typer.Argument(
        help="Cypher text, a .cypher file, or the name of a query in queries/.")] = None,
    param: Annotated[Optional[list[str]], typer.Option(
        "--param", "-p", help="A query parameter as key=value (repeatable).")] = None,
    output: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
    list_saved: Annotated[bool, typer.Option("--list", help="List the saved queries.")] = False,
    as_view: Annotated[bool, typer.Option(
        "--view", help="Write the result's subgraph (its entities and the facts between "
                       "them) as an HTML page, as `kg view` does.")] = False,
    out: Annotated[Path, typer.Option("-o", "--output", help="HTML file for --view.")] = Path(
        "query.html"),
    db: DbOption = None,
) -> None:
    """Run a Cypher query; parameters are passed to the database, never pasted into the
    text. Queries in queries/ run on both stores (`kg queries` lists them)."""
    if list_saved or not cypher:
        queries(as_json=False)
        return
    if output not in ("table", "json", "csv"):
        raise fail(f"--format {output!r}: choose table, json or csv", 2)
    try:
        params = api.parse_params(param or [])
    except ValueError as e:
        raise fail(str(e), 2) from None
    with store_for(db) as store:
        result = api.run_query(store=store, query=cypher, params=params)
        if as_view:
            from kg.view import write_subgraph_html

            subgraph = store.subgraph_among(api.result_keys(result))
            write_subgraph_html(subgraph, path=out, title=f"Query: {cypher}")
            typer.echo(f"wrote {out}: {len(subgraph.nodes)} entities, "
                       f"{len(subgraph.edges)} relations")
            return
    if output == "json":
        print_json(result.records())
    elif output == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(result.columns)
        writer.writerows([json.dumps(v) if isinstance(v, (list, dict)) else v for v in row]
                         for row in result.rows)
        typer.echo(buffer.getvalue(), nl=False)
    else:
        typer.echo(format_table(result.columns, result.rows))


@app.command()
def queries(as_json: JsonOption = False) -> None:
    """List the query library (queries/): each query's name, the question it answers and
    its parameters with an example; run one with `kg query NAME --param key=value`."""
    saved = api.saved_queries()
    if as_json:
        print_json([{"name": q.name, "question": q.description, "params": q.examples}
                    for q in saved])
        return
    for q in saved:
        typer.echo(f"{q.name:24s} {q.description}")
        if q.examples:
            example = " ".join(f"--param {k}={json.dumps(v) if not isinstance(v, str) else v!r}"
                               for k, v in q.examples.items())
            typer.echo(f"{'':24s}   e.g. kg query {q.name} {example}")


@app.command()
def export(
    output_format: Annotated[str, typer.Option(
        "--format", "-f", help="turtle, json-ld or nt.")] = "turtle",
    out: Annotated[Optional[Path], typer.Option("-o", "--output", help="File to write; "
                                                "default: standard output.")] = None,
    db: DbOption = None,
) -> None:
    """Export the whole graph as RDF in the terms of ontology/kg.ttl, with every fact's
    qualifiers and sources."""
    from kg.rdf import FORMATS, export_rdf

    if output_format not in FORMATS:
        raise fail(f"--format {output_format!r}: choose one of {', '.join(FORMATS)}", 2)
    with store_for(db) as store:
        text = export_rdf(store=store, format=output_format)
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {out}", err=True)
    else:
        typer.echo(text, nl=False)


@app.command()
def view(
    entity: Annotated[str, typer.Argument(help="An entity's name, alias or id.")],
    hops: Annotated[int, typer.Option("--hops", min=1, max=5, help="How far to expand.")] = 1,
    out: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path(
        "graph.html"),
    db: DbOption = None,
) -> None:
    """Write an interactive HTML page of the subgraph around an entity. The page is
    self-contained and opens offline."""
    from kg.view import write_subgraph_html

    with store_for(db) as store:
        found = api.find_entity(store=store, name=entity)
        subgraph = store.subgraph(found["id"], hops=hops)
    write_subgraph_html(subgraph, path=out, title=f"{found['name']} ({found['type']}), "
                                                  f"{hops} hop{'s' if hops > 1 else ''}",
                        centre=found["id"])
    typer.echo(f"wrote {out}: {len(subgraph.nodes)} entities, {len(subgraph.edges)} relations")


@app.command()
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Count documents, entities per type and relations per predicate."""
    with store_for(db) as store:
        summary = store.stats()
        summary["store"] = store.name
    if as_json:
        print_json(summary)
        return
    typer.echo(f"{summary['documents']} documents in the {summary['store']} store, and "
               f"{summary['catalog_documents']} of the catalog's lineage")
    typer.echo("entities:")
    for t, n in sorted(summary["entities"].items()):
        typer.echo(f"  {t:20s} {n:6d}")
    typer.echo("relations:")
    for p, n in sorted(summary["relations"].items()):
        typer.echo(f"  {p:20s} {n:6d}")


@app.command()
def entities(
    entity_type: Annotated[Optional[str], typer.Option(
        "--type", "-t", help=f"One of {', '.join(ENTITY_TYPES)}.")] = None,
    search: Annotated[Optional[str], typer.Option(
        "--search", "-s", help="Text in the name or an alias (any case).")] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1)] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List stored entities, with how many documents mention each."""
    if entity_type and entity_type not in ENTITY_TYPES:
        raise fail(f"--type {entity_type!r}: choose one of {', '.join(ENTITY_TYPES)}", 2)
    with store_for(db) as store:
        rows = store.entities(type=entity_type, search=search, limit=limit)
    if as_json:
        print_json(rows)
        return
    typer.echo(format_table(["name", "type", "category", "documents", "id"],
                            [[r["name"], r["type"], r["category"], r["documents"], r["id"]]
                             for r in rows]))
