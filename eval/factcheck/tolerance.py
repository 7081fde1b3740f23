"""When a number in a summary counts as supported by the source: the tolerance rules, in one place.

A summary number is *supported* when, for at least one of its readings (``10m`` = 10 million or
10 metres), every part (both ends of a range, every part of a date) matches some reading of some
number in the source. A part matches a source reading when all of these hold:

1. **Same family.** ``n`` (counts, years, range ends), ``ord`` (ordinals), ``pct`` (percentages and
   fractions: ``two-thirds`` = 66.7), ``money``, ``time``, ``weekday``, ``decade``, and the date
   families ``ymd``/``ym``/``md``/``month``. A full source date also offers its coarser parts
   (``3 March 2014`` supports ``March 2014``, ``3 March``, ``March`` and the year ``2014``).
   So ``third`` is not supported by ``three``, ``30%`` not by ``30``, ``21:45`` not by ``21``.
2. **Same currency** for money (``£5m`` is not supported by ``$5m``, nor by a bare ``5m``). For
   other numbers a measurement unit must agree when *both* sides name one (``5 km`` is not supported
   by ``5 miles``; ``5 km`` is supported by a bare ``5``); a general unit agrees with its specific
   forms (``25 degrees`` with ``25C``). A span of time is also read in its base unit with exact
   factors only (``four decades`` agrees with ``40 years``, ``a fortnight`` with ``14 days``; see
   :mod:`sumcheck.factcheck.paraphrase`); a base-unit reading never agrees with a bare number. A bare summary number may be supported by
   a source amount of money of the same value (``2,100`` by ``£2,100``): the summary names no unit.
3. **Same value, up to the summary's own rounding.** The summary value ``v`` is written with a step
   (``300`` -> 1, ``3.5`` -> 0.1, ``1.2bn`` -> 0.1bn, ``3 million`` -> 1 million, ``a third`` -> 2
   points): the source value must lie within half a step of ``v``. So ``ten thousand`` = ``10,000``;
   ``1.2bn`` is supported by ``1.23bn``; ``3,000`` is NOT supported by ``300`` nor by ``3,012``.
   The window is closed: a tie at exactly half a step supports (``$1.5bn`` by ``$1.45bn``, ``1,300``
   by ``1,250``, ``£2m`` by ``£1.5m``: ordinary rounding), with one exception: a summary count or sum
   of one significant digit (``$1bn``, ``£3m``) is not supported by a spelled fraction of a scale word
   exactly half a step away (``half a billion dollars``, ``two and a half million pounds``): the words
   give the value exactly, and no one rounds half a billion to a billion.
4. **Qualifiers move the window, each to its own side.** With ``h`` = half the summary's step:

   * approximations (``about``, ``roughly``, ``around``, ``some``, ``an estimated``...): the source
     value may differ by up to 5% of ``v`` either way (``roughly 300`` is supported by ``300`` and by
     ``290``, not by ``280``; ``an estimated 3,000`` is not supported by ``2,700``);
   * lower bounds (``more than``, ``over``, ``at least``, ``above``, ``in excess of``, ``no fewer
     than``...): the truth lies above ``v``, so the source value must be in ``[v - h, v + 5% of v]``
     (``more than 300`` is supported by ``300`` or ``310``, not by ``290``);
   * upper bounds (``up to``, ``fewer than``, ``less than``, ``no more than``, ``under``, ``at most``,
     ``as many as``...): in ``[v - 5% of v, v + h]``;
   * just short (``nearly``, ``almost``, ``just under``): in ``[v - 5% of v - h, v + h]``.

   Qualifiers apply to counts, money and percentages only: ``up to fourth`` is the ordinal 4, exactly.
   The 5% (:data:`BOUND_SLACK`, as for approximations) caps how far a bound may be from the source's figure and still be a
   paraphrase of it; it was chosen on the validation cuts (XSum annotators mark ``at least 18`` for a
   source's 20 and ``more than 100`` for 150 as hallucinated; a 2x window lost those flags), it is
   not a published constant. A qualifier in the source changes nothing: its value is taken as written.
5. **Ranges and scores.** ``2018-19`` needs 2018 and 2019 (as years or as the ends of a source
   range); a source range offers both of its ends, so ``10,000 to 12,000`` supports ``10,000``. A
   score (``3-0``) is one fact: it needs the same score in the source, in either order (``3-3`` and
   ``1-0`` do not make ``3-0``); only a source that gives no score at all is searched for the two
   numbers one by one.

Values are compared as floats with a relative slack of 1e-9 for rounding noise.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

from sumcheck.factcheck import numwords as W
from sumcheck.factcheck.numbers import NumberMention, Reading, date_facets

APPROX_SLACK = 0.05
BOUND_SLACK = 0.05
QUALIFIED_FAMILIES = frozenset({"n", "money", "pct"})
FLOAT_SLACK = 1e-9


def side(qualifier: str | None) -> str | None:
    """``"lower"`` (the truth is above the value), ``"upper"``, ``"below"`` (just short of it),
    ``"approx"`` (either way) or None for a number written without a qualifier."""
    if qualifier is None:
        return None
    if qualifier in W.LOWER_BOUNDS:
        return "lower"
    if qualifier in W.UPPER_BOUNDS:
        return "upper"
    if qualifier in W.NEAR_BELOW:
        return "below"
    return "approx"


def window(reading: Reading, qualifier: str | None) -> tuple[float, float]:
    """The closed interval of source values that support ``reading`` written after ``qualifier``
    (rules 3 and 4)."""
    v = reading.value
    half = reading.step / 2.0
    eps = FLOAT_SLACK * max(1.0, abs(v))
    how = side(qualifier) if reading.family in QUALIFIED_FAMILIES else None
    if how is None:
        lo, hi = v - half, v + half
    elif how == "approx":
        d = max(half, APPROX_SLACK * abs(v))
        lo, hi = v - d, v + d
    elif how == "lower":
        lo, hi = v - half, v + BOUND_SLACK * abs(v)
    elif how == "upper":
        lo, hi = v - BOUND_SLACK * abs(v), v + half
    else:
        lo, hi = v - APPROX_SLACK * abs(v) - half, v + half
    return lo - eps, hi + eps


# Fraction words that make a spelled fraction of a scale word ("half a billion", "two and a half million").
_FRACTION_WORDS = frozenset({"half", "halves", "quarter", "quarters", "third", "thirds"})
_WORD_RE = re.compile(r"[a-z]+")


def tie_with_spelled_fraction(reading: Reading, value: float, source: NumberMention) -> bool:
    """The one tie that does not support (rule 3): ``reading`` is a count or sum of one significant
    digit (``$1bn``, ``£3m``: value below ten steps), ``value`` lies exactly half a step from it, and
    the source mention is a fraction of a scale word spelled out (``half a billion dollars``)."""
    if reading.family not in ("n", "money") or reading.step <= 0 or abs(reading.value) >= 10 * reading.step - FLOAT_SLACK:
        return False
    eps = FLOAT_SLACK * max(1.0, abs(reading.value))
    if abs(abs(value - reading.value) - reading.step / 2.0) > eps:
        return False
    words = set(_WORD_RE.findall(source.text.lower()))
    return bool(words & _FRACTION_WORDS) and any(w in W.SCALE_NOUNS for w in words)


def tolerance(reading: Reading, *, approximate: bool) -> float:
    """How far a source value may be from ``reading.value`` either way (rules 3 and 4, two-sided)."""
    lo, hi = window(reading, "about" if approximate else None)
    return (hi - lo) / 2.0


def units_agree(*, summary: Reading, source: Reading) -> bool:
    """Rule 2."""
    if summary.family == "money":
        return summary.unit == source.unit
    a, b = summary.unit, source.unit
    if (a or "").startswith("=") or (b or "").startswith("="):  # a span of time in its base unit (paraphrase.py): never a bare number
        return a == b
    return a is None or b is None or a == b or W.UNIT_GENERAL.get(a) == b or W.UNIT_GENERAL.get(b) == a


def reading_supported_by(*, summary: Reading, source: Reading, qualifier: str | None = None) -> bool:
    """Rules 1-4 for one summary reading against one source reading."""
    lo, hi = window(summary, qualifier)
    return summary.family == source.family and units_agree(summary=summary, source=source) and lo <= source.value <= hi


@dataclass(frozen=True)
class NumberMatch:
    supported: bool
    evidence: tuple[int, ...]  # indexes of the supporting source mentions
    nearest: tuple[int, ...]  # when unsupported: the closest source mentions of the same family
    alternative: int = 0  # when supported: which of the mention's readings the evidence supports


class NumberIndex:
    """The numbers of one source, indexed by family and value for fast look-up."""

    def __init__(self, mentions: list[NumberMention]) -> None:
        self.mentions = mentions
        by_family: dict[str, list[tuple[float, int, Reading]]] = {}
        for idx, m in enumerate(mentions):
            for r in m.facets:
                for f in date_facets(r):
                    by_family.setdefault(f.family, []).append((f.value, idx, f))
        for rows in by_family.values():
            rows.sort(key=lambda row: (row[0], row[1]))
        self._rows = by_family
        self._keys = {fam: [row[0] for row in rows] for fam, rows in by_family.items()}

    def supporting(self, reading: Reading, *, qualifier: str | None = None) -> list[int]:
        """Indexes of the source mentions that support ``reading`` (written after ``qualifier``)."""
        found = self._supporting(reading, qualifier=qualifier)
        if not found and reading.family == "n" and reading.unit is None:  # rule 2: a bare 5,000 may be £5,000
            found = self._supporting(Reading("money", reading.value, None, reading.step), qualifier=qualifier, any_unit=True)
        return found

    def _supporting(self, reading: Reading, *, qualifier: str | None, any_unit: bool = False) -> list[int]:
        rows = self._rows.get(reading.family)
        if not rows:
            return []
        w_lo, w_hi = window(reading, qualifier)
        keys = self._keys[reading.family]
        lo = bisect.bisect_left(keys, w_lo)
        hi = bisect.bisect_right(keys, w_hi)
        out: list[int] = []
        seen: set[int] = set()  # beside the list: many source occurrences of one value were quadratic
        # nearest value first: the best evidence leads
        for value, idx, src in sorted(rows[lo:hi], key=lambda row: abs(row[0] - reading.value)):
            if qualifier is None and tie_with_spelled_fraction(reading, value, self.mentions[idx]):
                continue
            if (any_unit or units_agree(summary=reading, source=src)) and idx not in seen:
                seen.add(idx)
                out.append(idx)
        return out

    def nearest(self, reading: Reading, *, limit: int = 2) -> tuple[int, ...]:
        rows = self._rows.get(reading.family, [])

        def distance(value: float) -> float:
            if value > 0 and reading.value > 0:
                d10 = abs(math.log10(value / reading.value))
                if abs(d10 - 1.0) < 1e-9:
                    return 0.001 * d10  # a slipped zero (3,000 vs 300) is the likeliest mix-up
                return d10
            return abs(value - reading.value) + 1e6

        ranked: list[int] = []
        for _, idx, _src in sorted(rows, key=lambda row: (distance(row[0]), row[1])):
            if idx not in ranked and all(self.mentions[idx].text != self.mentions[k].text for k in ranked):
                ranked.append(idx)
            if len(ranked) >= limit:
                break
        return tuple(ranked)

    def match(self, mention: NumberMention) -> NumberMatch:
        """Rules 1-5 for one summary mention. ``evidence`` lists every supporting source mention
        (nearest value first); the caller may narrow it (numbers in context, check.py)."""
        q = mention.qualifier
        alternatives = mention.alternatives
        if mention.kind == "score" and "score" not in self._rows and mention.offers:
            alternatives = (mention.offers,)  # a source with no score at all: each number on its own (rule 5)
        for k, alt in enumerate(alternatives):
            evidence: list[int] = []
            seen: set[int] = set()
            for part in alt:
                found = self.supporting(part, qualifier=q)
                if not found:
                    break
                for i in found:
                    if i not in seen:
                        seen.add(i)
                        evidence.append(i)
            else:
                return NumberMatch(True, tuple(evidence), (), k if alternatives is mention.alternatives else 0)
        first = alternatives[0]
        missing = next((p for p in first if not self.supporting(p, qualifier=q)), first[0])
        return NumberMatch(False, (), self.nearest(missing))
