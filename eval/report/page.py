"""Assemble the self-contained report page: overview markup, inline CSS/JS/SVG, and the data as JSON.

Untrusted strings reach the page only two ways: through :func:`html.escape` in the server-rendered
overview, and inside ``<script type="application/json">`` blocks escaped by :func:`json_for_script`
(which the script parses and renders with ``textContent``). A Content-Security-Policy allows no
network access and only the page's own script (by hash), so even a missed escape could not run code.
"""

from __future__ import annotations

import base64
import hashlib
import json
from html import escape
from typing import Any, Mapping

from sumcheck.report.assets_css import CSS
from sumcheck.report.assets_js import JS
from sumcheck.report.data import as_number
from sumcheck.report.payload import Payload
from sumcheck.report.plots import flags_by_kind_svg, histograms_svg
from sumcheck.textsafe import mark_bidi

_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_for_script(value: Any) -> str:
    """JSON that is safe inside a ``<script type="application/json">`` element.

    ASCII-only (so lone surrogates and U+2028/2029 travel as escapes), with ``<``, ``>`` and ``&``
    escaped so that no ``</script>`` or ``<!--`` can end or alter the block.

    >>> json_for_script({"x": "</script><b>&"})
    '{"x":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    for raw, safe in _SCRIPT_ESCAPES.items():
        text = text.replace(raw, safe)
    return text


def _e(value: object) -> str:
    # bidi controls in a system name or note are shown as marks, never obeyed (sumcheck.textsafe.mark_bidi)
    return escape(mark_bidi(str(value)), quote=True)


def shown_names(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """The payload as the page shows it: system names and document ids with their bidi controls
    marked (:func:`sumcheck.textsafe.mark_bidi`), so ``id6<RLO>evil<PDF>`` cannot show as ``id6live``.
    The script uses both only for display and its own lookups (verdicts name flags by ``flag_id``),
    so the marked forms are consistent within the page; the data itself is not changed.

    >>> shown_names({"systems": ["a\u202e"], "docs": [{"id": "d\u2067", "t": "x\u202e"}]})
    {'systems': ['a\u27e8RLO\u27e9'], 'docs': [{'id': 'd\u27e8RLI\u27e9', 't': 'x\u202e'}]}
    """
    systems = [mark_bidi(s) for s in data["systems"]]
    docs = [d if mark_bidi(d["id"]) == d["id"] else {**d, "id": mark_bidi(d["id"])} for d in data["docs"]]
    return {**data, "systems": systems, "docs": docs}


def _cell(entry: Any) -> str:
    mean = as_number(entry.get("mean")) if isinstance(entry, Mapping) else None
    if mean is None:
        reason = entry.get("reason") if isinstance(entry, Mapping) else None
        return f'<td class="muted" title="{_e(reason or "unscored")}">n/a</td>'
    low, high = as_number(entry.get("ci_low")), as_number(entry.get("ci_high"))
    ci = f'<span class="ci">[{low:.3f}, {high:.3f}]</span>' if low is not None and high is not None else ""
    title = f"n={entry.get('n', '?')}, unscored={entry.get('unscored', 0)}"
    if entry.get("signature"):
        title += f"\n{entry['signature']}"
    return f'<td title="{_e(title)}">{mean:.3f} {ci}</td>'


def overview_html(payload: Payload, scores: Mapping[str, Any] | None) -> str:
    """The overview section: notes, the systems x metrics table with 95% intervals, and the plots."""
    data = payload.data
    meta = data["meta"]
    parts = []
    if meta["notes"]:
        parts.append('<div class="notes">' + "<br>".join(_e(n) for n in meta["notes"]) + "</div>")
    systems_scores = (scores or {}).get("systems") or {}
    metrics = meta["metrics"]
    parts.append(f"<h2>Scores</h2><p class=\"muted\">{meta['n_docs']} document{'s' if meta['n_docs'] != 1 else ''}, {len(data['systems'])} system{'s' if len(data['systems']) != 1 else ''}; "
                 "mean with its 95% bootstrap interval (hover a cell for n and the signature).</p>")
    systems = data["systems"] or list(systems_scores)
    if metrics:
        head = "".join(f"<th>{_e(s)}</th>" for s in systems)
        rows = []
        for metric in metrics:
            cells = "".join(_cell((systems_scores.get(s) or {}).get(metric)) for s in systems)
            rows.append(f"<tr><td>{_e(metric)}</td>{cells}</tr>")
        flags = "".join(f"<td>{sum(payload.flag_counts.get(s, {}).values())}</td>" for s in systems)
        rows.append(f'<tr class="flagrow"><td>flags (all kinds)</td>{flags}</tr>')
        parts.append(f'<div class="tablewrap"><table class="scores"><thead><tr><th>metric</th>{head}</tr></thead>'
                     f"<tbody>{''.join(rows)}</tbody></table></div>")
    else:
        parts.append('<p class="muted">no corpus scores in this run.</p>')
    plots = [
        histograms_svg({s: d[name] for s, d in payload.dists.items()}, {s: u[name] for s, u in payload.unscored.items()},
                       title=title)
        for name, title in (("faithfulness", "Faithfulness per summary"), ("fact_precision", "Fact precision per summary"))
        # (a metric the run did not compute has neither values nor unscored rows: no empty chart for it)
        if any(payload.dists[s][name] or payload.unscored[s][name] for s in payload.dists)
    ] + [flags_by_kind_svg(payload.flag_counts, data["kinds"])]
    parts.append('<h2>Distributions</h2><div class="plots">'
                 + "".join(f'<div class="plotbox">{p}</div>' for p in plots) + "</div>")
    return "".join(parts)


def legend_html(payload: Payload) -> str:
    """The key to every highlight, drawn with the very classes (and kind colours) the highlights use.

    The low-faithfulness entry names the threshold and where it came from
    (:func:`sumcheck.report.data.faithfulness_threshold`).
    """
    data = payload.data
    meta = data["meta"]
    kinds = "".join(f'<mark class="flag" data-kind="{_e(k)}" style="--kc:{_e(c)}">{_e(k)} flag</mark> '
                    for k, c in zip(data["kinds"], data["kc"]))
    return ('<div id="legend"><span class="muted">Key:</span> ' + kinds
            + '<mark class="flag confirm" style="--kc:#888">confirmed</mark> '
            + '<mark class="flag dismiss" style="--kc:#888">dismissed</mark> '
            + '<span class="chk">checked and supported</span> '
            + f'<span class="lowf" id="legend-low" title="{_e(meta["low_src"])}">sentence faithfulness below '
            + f'{meta["low"]:.3f}</span> <span class="muted">({_e(meta["low_src"])})</span> &middot; source: '
            + '<span class="ev-ok">supporting evidence</span> <span class="ev-flag">evidence for a flag</span> '
            + '<span class="hl">selected</span> <span class="hl nearhl">nearest sentence</span></div>')


def _csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            f"script-src 'sha256-{digest}'; connect-src 'self'; base-uri 'none'; form-action 'none'")


def render_html(payload: Payload, *, scores: Mapping[str, Any] | None, config: Mapping[str, Any] | None = None) -> str:
    """The whole page. ``config`` is ``{"mode": "review", "reviewer": ...}`` when served (the session token is
    never in the page: the review server's cookie carries it)."""
    meta = payload.data["meta"]
    title = f"sumcheck report: {meta['name']}"
    status = meta["status"] + (" (partial)" if meta["partial"] else "")
    cfg = dict(config or {"mode": "static"})
    return "".join([
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(_csp(JS))}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>",
        f'<header><h1>sumcheck</h1><span class="run">{_e(meta["name"])} &middot; {_e(status)}</span>',
        '<span id="mode" class="badge review hidden">review mode</span>',
        '<label id="who" class="hidden">reviewer <input id="reviewer" maxlength="100" autocomplete="off"></label>',
        '<nav><a id="tab-overview" href="#overview">Overview</a><a id="tab-docs" href="#documents">Documents</a></nav></header>',
        f'<section id="overview">{overview_html(payload, scores)}</section>',
        '<section id="docs" class="hidden"><aside id="side"><div id="filters">',
        '<fieldset><legend>Show</legend><label><input type="checkbox" id="f-flagged"> only flagged</label>',
        '<select id="f-review" aria-label="review state"><option value="any">any review state</option>',
        '<option value="unreviewed">with unreviewed flags</option><option value="confirm">with confirmed flags</option>',
        '<option value="dismiss">with dismissed flags</option></select></fieldset>',
        '<fieldset id="f-sys"><legend>Systems</legend></fieldset>',
        '<fieldset id="f-kind"><legend>Flag kinds</legend></fieldset>',
        '<fieldset><legend>Sort</legend><select id="f-sort"><option value="input">input order</option>',
        '<option value="risk">risk (highest first)</option><option value="flags">open flags</option>',
        '<option value="faith">faithfulness (lowest first)</option></select></fieldset>',
        '<input type="search" id="f-q" placeholder="find a document id (/)" aria-label="document id">',
        '<div id="count"></div></div><ol id="list" aria-label="documents"></ol></aside>',
        '<main id="view"><div id="dochead"><button id="prev" title="previous document (p)">&larr;</button>',
        '<button id="next" title="next document (n)">&rarr;</button><h2 id="docid">select a document</h2>',
        '<span id="docpos" class="muted"></span></div><div id="panes">',
        '<div id="source"><p class="pane-title">Source</p><div id="cutnote" class="banner hidden" role="note"></div>'
        '<div id="srctext"></div></div>',
        '<div id="summaries"></div></div>',
        '<div id="help"><kbd>j</kbd>/<kbd>k</kbd> next/previous flag &middot; <kbd>n</kbd>/<kbd>p</kbd> next/previous document'
        ' &middot; <kbd>/</kbd> find &middot; <kbd>Esc</kbd> clear'
        + (' &middot; <kbd>c</kbd> confirm &middot; <kbd>x</kbd> dismiss' if cfg.get("mode") == "review" else "")
        + '</div>' + legend_html(payload) + '</main></section>',
        '<div id="tip" role="tooltip"></div><div id="toast" role="status"></div>',
        f'<script type="application/json" id="sumcheck-config">{json_for_script(cfg)}</script>',
        f'<script type="application/json" id="sumcheck-data">{json_for_script(shown_names(payload.data))}</script>',
        f"<script>{JS}</script></body></html>\n",
    ])
