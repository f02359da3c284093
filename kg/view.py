"""Interactive HTML views of a subgraph (pyvis), self-contained so they open offline.

pyvis inlines vis-network with cdn_resources="in_line", but its page template also links
Bootstrap from a CDN; those external tags are removed, because analysts on air-gapped
networks must get a working page. Text from documents reaches the page only through
pyvis's JSON (jinja's tojson escapes <, > and &, and vis-network shows titles as text) or
through html.escape.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from pyvis.network import Network

from kg.store.base import Subgraph

TYPE_COLOURS = {"Group": "#d62728", "Country": "#1f77b4", "Place": "#2ca02c",
                "WeaponSystem": "#ff7f0e", "EquipmentCategory": "#9467bd"}
_EXTERNAL_TAG = re.compile(
    r"<link\b[^>]*\bhref=\"https?://[^>]*>\s*|<script\b[^>]*\bsrc=\"https?://[^>]*>\s*</script>\s*",
    re.IGNORECASE | re.DOTALL)
# pyvis's template prints the heading twice; the first copy goes
_FIRST_HEADING = re.compile(r"<center>\s*<h1>.*?</h1>\s*</center>", re.DOTALL)


def _edge_title(edge: dict[str, Any], names: dict[str, str]) -> str:
    lines = [f"{names.get(edge['s'], edge['s'])} {edge['p']} {names.get(edge['o'], edge['o'])}"]
    if edge.get("date"):
        lines.append(f"date: {edge['date']}")
    if edge["items"]:
        lines.append("weapons: " + ", ".join(
            names.get(i["weapon"], i["weapon"])
            + (f" ({i['quantity']})" if i["quantity"] is not None else "") for i in edge["items"]))
    if edge.get("quantity") is not None:
        lines.append(f"quantity: {edge['quantity']}")
    lines.append(f"confidence: {edge.get('confidence')}" + (" (hedged)" if edge.get("hedged") else "")
                 + (" (sources disagree)" if edge.get("conflicting") else ""))
    for claim in edge["claims"]:
        lines.append(f"- {claim['sentence'].strip()} [{claim['title'] or claim['doc_id']}]")
    return "\n".join(lines)


def render_subgraph(subgraph: Subgraph, *, title: str, centre: str | None = None) -> str:
    """The page for a subgraph, as HTML text."""
    network = Network(height="800px", width="100%", directed=True, cdn_resources="in_line",
                      heading=html.escape(title))
    names = {n["id"]: n["name"] for n in subgraph.nodes}
    for n in subgraph.nodes:
        aliases = ", ".join(a for a in n.get("aliases") or [] if a != n["name"])
        tooltip = f"{n['name']} ({n['type']}{', ' + n['category'] if n.get('category') else ''})"
        network.add_node(n["id"], label=n["name"], title=tooltip + (f"\naka {aliases}" if aliases else ""),
                         color=TYPE_COLOURS.get(n["type"], "#7f7f7f"),
                         size=30 if n["id"] == centre else 18, shape="dot")
    for e in subgraph.edges:
        sources = e["sources"]
        network.add_edge(e["s"], e["o"], label=e["p"], title=_edge_title(e, names),
                         width=1 + sources, dashes=bool(e.get("hedged")),
                         arrows="" if e["p"] in ("allied_with", "fought_against") else "to")
    page = _FIRST_HEADING.sub("", _EXTERNAL_TAG.sub("", network.generate_html()), count=1)
    return page.replace("<body>", "<body>\n" + _legend(), 1)


def _legend() -> str:
    """Node colours by type, and how edges show hedging and corroboration."""
    items = "".join(
        f'<span style="margin-right:1.2em"><span style="display:inline-block;width:.9em;'
        f'height:.9em;border-radius:50%;background:{colour};margin-right:.3em"></span>'
        f"{html.escape(entity_type)}</span>" for entity_type, colour in TYPE_COLOURS.items())
    return (f'<div style="font-family:sans-serif;font-size:14px;margin:.5em">{items}'
            "<span>dashed: hedged in every source; thicker: more sources</span></div>")


def write_subgraph_html(subgraph: Subgraph, *, path: Path, title: str,
                        centre: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_subgraph(subgraph, title=title, centre=centre), encoding="utf-8")
    return path
