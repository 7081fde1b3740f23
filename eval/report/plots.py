"""Inline SVG plots for the report overview: pure functions from numbers to escaped SVG markup.

No plotting library and no external assets: every label passes through :func:`html.escape`, so a
system or kind name cannot inject markup.
"""

from __future__ import annotations

from html import escape
from typing import Mapping, Sequence

from sumcheck.textsafe import mark_bidi

PALETTE = ("#d1495b", "#edae49", "#00798c", "#30638e", "#8f2d56", "#66a182", "#6c5b7b", "#aa7c11")
KIND_COLOURS = {"number": "#d1495b", "entity": "#30638e", "contradiction: negation": "#8f2d56",
                "contradiction: opposite": "#aa7c11", "contradiction: roles": "#00798c"}
"""The fact-check's two kinds and the contradiction check's three (``sumcheck.report.payload.CONTRADICTION_KIND``)
keep these colours in every report (plots, marks, badges, legend), each its own."""
_OTHER_KINDS = tuple(c for c in PALETTE if c not in KIND_COLOURS.values())


def kind_colour(kind: str) -> str:
    """The colour of a flag kind: fixed for ``number`` and ``entity``, else chosen by the kind's name
    (a stable hash, not the order kinds appear in), so one kind has one colour in every report.

    >>> kind_colour("number"), kind_colour("entity"), kind_colour("date") == kind_colour("date")
    ('#d1495b', '#30638e', True)
    """
    import hashlib

    if kind in KIND_COLOURS:
        return KIND_COLOURS[kind]
    return _OTHER_KINDS[int(hashlib.sha1(kind.encode("utf-8")).hexdigest(), 16) % len(_OTHER_KINDS)]


def _e(value: object) -> str:
    # bidi controls in a system name or note are shown as marks, never obeyed (sumcheck.textsafe.mark_bidi)
    return escape(mark_bidi(str(value)), quote=True)


def histogram_counts(values: Sequence[float], bins: int = 10) -> list[int]:
    """Counts of ``values`` in ``bins`` equal bins over [0, 1]; 1.0 falls in the last bin.

    >>> histogram_counts([0.0, 0.05, 0.5, 1.0], bins=4)
    [2, 0, 1, 1]
    """
    counts = [0] * bins
    for v in values:
        i = min(bins - 1, max(0, int(v * bins)))
        counts[i] += 1
    return counts


def histograms_svg(per_system: Mapping[str, Sequence[float]], unscored: Mapping[str, int], *,
                   title: str, bins: int = 10) -> str:
    """One small histogram per system (rows), x = value in [0, 1], bars normalised per system."""
    systems = list(per_system)
    if not systems:
        return '<p class="muted">no systems</p>'
    w, row_h, left, top = 460, 62, 120, 26
    height = top + row_h * len(systems) + 22
    bar_w = (w - left - 10) / bins
    parts = [f'<svg class="plot" role="img" viewBox="0 0 {w} {height}" width="{w}" height="{height}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{_e(title)}</title>',
             f'<text x="0" y="16" class="ptitle">{_e(title)}</text>']
    for r, system in enumerate(systems):
        values = per_system[system]
        counts = histogram_counts(values, bins)
        peak = max(counts) or 1
        y0 = top + r * row_h
        base = y0 + row_h - 14
        n_un = unscored.get(system, 0)
        mean = f"{sum(values) / len(values):.2f}" if values else "n/a"
        parts.append(f'<text x="0" y="{y0 + 20}" class="plab">{_e(system[:18])}</text>')
        parts.append(f'<text x="0" y="{y0 + 36}" class="psub">n={len(values)} mean={mean}</text>')
        if n_un:
            parts.append(f'<text x="0" y="{y0 + 50}" class="psub">{n_un} unscored</text>')
        colour = PALETTE[r % len(PALETTE)]
        for i, c in enumerate(counts):
            h = (row_h - 20) * c / peak
            lo, hi = i / bins, (i + 1) / bins
            parts.append(f'<rect x="{left + i * bar_w + 1:.1f}" y="{base - h:.1f}" width="{bar_w - 2:.1f}" '
                         f'height="{h:.1f}" fill="{colour}"><title>{_e(system)}: {c} in '
                         f'[{lo:.1f}, {hi:.1f}{"]" if i == bins - 1 else ")"}</title></rect>')
        parts.append(f'<line x1="{left}" y1="{base}" x2="{w - 10}" y2="{base}" stroke="#999"/>')
    axis_y = top + row_h * len(systems) + 4
    for i in range(0, bins + 1, max(1, bins // 5)):
        parts.append(f'<text x="{left + i * bar_w:.1f}" y="{axis_y + 10}" class="psub" '
                     f'text-anchor="middle">{i / bins:.1f}</text>')
    parts.append("</svg>")
    return "".join(parts)


def flags_by_kind_svg(flag_counts: Mapping[str, Mapping[str, int]], kinds: Sequence[str], *,
                      title: str = "Flags per system by kind") -> str:
    """Horizontal stacked bars: one per system, one segment per flag kind, with a legend."""
    systems = list(flag_counts)
    if not systems:
        return '<p class="muted">no systems</p>'
    w, bar_h, left = 460, 24, 120
    legend = []  # (x, row, name shown) of each kind's entry: whole names, wrapped onto new rows within the width
    x, row = 0.0, 0
    for kind in kinds:
        shown = kind if len(kind) <= 40 else kind[:39] + "\u2026"
        step = 24 + 6.5 * len(shown)
        if x > 0 and x + step > w:
            x, row = 0.0, row + 1
        legend.append((x, row, shown))
        x += step
    top = 44 + 16 * row
    height = top + (bar_h + 10) * len(systems) + 10
    totals = {s: sum(flag_counts[s].values()) for s in systems}
    peak = max(totals.values()) or 1
    parts = [f'<svg class="plot" role="img" viewBox="0 0 {w} {height}" width="{w}" height="{height}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{_e(title)}</title>',
             f'<text x="0" y="16" class="ptitle">{_e(title)}</text>']
    for kind, (x, row, shown) in zip(kinds, legend):
        y = 24 + 16 * row
        parts.append(f'<rect x="{x:.1f}" y="{y}" width="10" height="10" fill="{kind_colour(kind)}"/>'
                     f'<text x="{x + 14:.1f}" y="{y + 9}" class="psub">{_e(shown)}<title>{_e(kind)}</title></text>')
    for r, system in enumerate(systems):
        y = top + r * (bar_h + 10)
        parts.append(f'<text x="0" y="{y + 16}" class="plab">{_e(system[:18])}</text>')
        cursor = float(left)
        for k, kind in enumerate(kinds):
            c = flag_counts[system].get(kind, 0)
            if not c:
                continue
            width = (w - left - 50) * c / peak
            parts.append(f'<rect x="{cursor:.1f}" y="{y}" width="{width:.1f}" height="{bar_h}" '
                         f'fill="{kind_colour(kind)}"><title>{_e(system)}: {c} {_e(kind)} '
                         f'flag{"s" if c != 1 else ""}</title></rect>')
            cursor += width
        parts.append(f'<text x="{cursor + 4:.1f}" y="{y + 16}" class="psub">{totals[system]}</text>')
    parts.append("</svg>")
    return "".join(parts)
