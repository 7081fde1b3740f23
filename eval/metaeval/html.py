"""The meta-evaluation page: one self-contained HTML file (inline SVG ROC plots, no scripts, no
external resources). Every piece of text is escaped."""

from __future__ import annotations

from html import escape
from typing import Any, Mapping, Sequence

COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#7f7f7f")
SIZE, PAD = 260, 30


def _e(x: Any) -> str:
    return escape(str(x), quote=True)


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


def roc_svg(title: str, curves: Sequence[tuple[str, Sequence[Sequence[float]]]]) -> str:
    """An inline SVG with one polyline per (name, points) and the chance diagonal."""
    def xy(fpr: float, tpr: float) -> str:
        return f"{PAD + fpr * SIZE:.1f},{PAD + (1 - tpr) * SIZE:.1f}"

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE + 2 * PAD + 170}" height="{SIZE + 2 * PAD + 10}" '
             f'role="img" aria-label="{_e("ROC curves: " + title)}">',
             f'<rect x="{PAD}" y="{PAD}" width="{SIZE}" height="{SIZE}" fill="none" stroke="#999"/>',
             f'<line x1="{PAD}" y1="{PAD + SIZE}" x2="{PAD + SIZE}" y2="{PAD}" stroke="#ccc" stroke-dasharray="4 3"/>',
             f'<text x="{PAD}" y="{PAD - 10}" font-size="12">{_e(title)}</text>',
             f'<text x="{PAD + SIZE / 2}" y="{PAD + SIZE + 22}" font-size="10" text-anchor="middle">false positive rate (inconsistent called consistent)</text>']
    for k, (name, pts) in enumerate(curves):
        color = COLORS[k % len(COLORS)]
        poly = " ".join(xy(a, b) for a, b in pts)
        parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="1.5" points="{poly}"><title>{_e(name)}</title></polyline>')
        parts.append(f'<text x="{PAD + SIZE + 10}" y="{PAD + 12 + 14 * k}" font-size="11" fill="{color}">{_e(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render(report: Mapping[str, Any], *, notes: Sequence[str] = ()) -> str:
    rows = report["results"]
    datasets = [d["name"] for d in report["datasets"]]
    metrics = list(dict.fromkeys(r["metric"] for r in rows))
    by = {(r["dataset"], r["metric"]): r for r in rows}
    out = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>sumcheck meta-evaluation</title>",
           "<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}"
           "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th:first-child,td:first-child{text-align:left}"
           ".pub{color:#666;font-style:italic}.note{background:#fff8e0;padding:6px}</style></head><body>",
           "<h1>Meta-evaluation: agreement with human faithfulness labels</h1>",
           f"<p>Protocol: {_e(report['protocol'])}. Balanced accuracy in %, ROC-AUC with 95% bootstrap interval.</p>"]
    for n in notes:
        out.append(f"<p class='note'>{_e(n)}</p>")
    out.append("<h2>Datasets</h2><table><tr><th>dataset</th><th>file</th><th>sha1</th><th>pairs</th><th>consistent</th><th>threshold from</th></tr>")
    for d in report["datasets"]:
        out.append(f"<tr><td>{_e(d['name'])}</td><td>{_e(d['file'])}</td><td>{_e(d['sha1'][:12])}</td><td>{d['n']}</td>"
                   f"<td>{d['consistent']}</td><td>{_e(d['val'] or 'cross-validation')}</td></tr>")
    out.append("</table><h2>Balanced accuracy</h2><table><tr><th>metric</th>"
               + "".join(f"<th>{_e(d)}</th>" for d in datasets) + "<th>mean</th></tr>")
    for m in metrics:
        cells = "".join(f"<td>{_pct(by[(d, m)]['balanced_accuracy']) if (d, m) in by else '-'}</td>" for d in datasets)
        out.append(f"<tr><td>{_e(m)}</td>{cells}<td>{_pct(report['mean_balanced_accuracy'].get(m))}</td></tr>")
    for a in report.get("anchors", []):
        out.append(f"<tr class='pub'><td>{_e(a['name'])}</td><td colspan='{len(datasets)}'>{_e(a['scope'])}</td>"
                   f"<td>{_e(a['balanced_accuracy'])}</td></tr>")
    out.append("</table><p class='pub'>Rows in italics are published numbers on the SummaC benchmark test cuts, "
               "shown for orientation; they were not computed here and are not on the same data.</p>")
    out.append("<h2>ROC-AUC</h2><table><tr><th>metric</th>" + "".join(f"<th>{_e(d)}</th>" for d in datasets) + "</tr>")
    for m in metrics:
        cells = []
        for d in datasets:
            r = by.get((d, m))
            auc = r["auc"] if r else None
            cells.append("<td>-</td>" if not auc or auc["value"] is None else
                         f"<td>{auc['value']:.3f} [{auc['ci_low']:.3f}, {auc['ci_high']:.3f}]</td>")
        out.append(f"<tr><td>{_e(m)}</td>{''.join(cells)}</tr>")
    out.append("</table>")
    for d in datasets:
        out.append(f"<h2>{_e(d)}</h2>")
        out.append(roc_svg(d, [(f"{m} (AUC {by[(d, m)]['auc']['value']:.3f})" if by[(d, m)]['auc']['value'] is not None else m,
                                by[(d, m)]["roc"]) for m in metrics if (d, m) in by]))
        types = [t for m in metrics if (d, m) in by for t in by[(d, m)]["by_error_type"]]
        if types:
            names = list(dict.fromkeys(t["error_type"] for t in types))
            out.append("<table><tr><th>metric: share classified correctly by error type (n)</th>"
                       + "".join(f"<th>{_e(t)}</th>" for t in names) + "</tr>")
            for m in metrics:
                if (d, m) not in by:
                    continue
                per = {t["error_type"]: t for t in by[(d, m)]["by_error_type"]}
                out.append(f"<tr><td>{_e(m)}</td>" + "".join(
                    f"<td>{_pct(per[t]['share_correct'])} ({per[t]['n']})</td>" if t in per else "<td>-</td>" for t in names) + "</tr>")
            out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)
