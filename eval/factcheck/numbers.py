"""Find every number in a text and normalise it to values with a kind and a unit.

:func:`extract_numbers` returns :class:`NumberMention` records with character spans. Each mention
carries ``alternatives``: the ways it may be read (``10m`` is 10 million or 10 metres), each a tuple of
:class:`Reading` that must *all* be supported (a range needs both ends, a date all its parts). How
readings are compared with the source is written down once, in :mod:`sumcheck.factcheck.tolerance`.

What is extracted (the text is scanned once, token by token, with bounded look-ahead, so the run
time is linear in the input):

* digits with separators and decimals (``10,000``, ``10 000``, ``1.5``), number words (``three``,
  ``twenty-five``, ``a dozen``, ``two hundred and fifty``); a lone ``one``/``a`` is not a number;
* spelled decimals (``one point two``, ``nought point five``);
* scales (``1.2bn``, ``3 million``, ``10K``), fractions of scales (``half a million``, ``a quarter of a
  billion``, ``two and a half billion``, ``a million and a half``, ``half a dozen``, ``a couple of
  hundred``), money (``£5m``, ``$2.3 billion``, ``US$5``,
  ``5 million dollars``, ``50p``), percentages (``30%``, ``30 per cent``, ``thirty percent``);
* ordinals (``third``, ``21st``, ``twenty-first``), fractions (``two-thirds``, ``a quarter``, ``half of``);
* ranges (``10,000 to 12,000``, ``between 5 and 7``, ``2018-19``) and scores (``2-0``: one fact, both
  numbers read together, either order);
* years (``1967``), decades (``1990s``), dates (``3 March 2014``, ``March 3, 2014``, ``last October``;
  in figures ``15/4/2019``, ``2021-03-04``, ``15.04.19``, see numdates.py: never a range or a decimal),
  weekdays (``Friday``), times (``21:45``, ``9pm``, ``9.30 a.m.``, ``12am`` = 00:00, ``noon``,
  ``midnight``, ``1430 GMT``; ``7:30`` without am/pm is either half of the day);
* the approximation or bound word in front (``about``, ``roughly``, ``more than``, ``nearly``...);
* a measurement unit after the number (``5 km``, ``five-year``).

Digits glued to letters (``G20``, ``MH370``, ``Covid-19``, ``3D``) are names, not numbers.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sumcheck.factcheck import numdates as D
from sumcheck.factcheck import numwords as W
from sumcheck.factcheck.textview import TextView
from sumcheck.factcheck.numscan import DASHES, Quantity, Scanner, currency_before, qualifier_before, unit_after


@dataclass(frozen=True)
class Reading:
    """One normalised value. ``family`` says what it can be compared with (see tolerance.py).

    ``step`` is the rounding granularity the rendering implies (``1.2bn`` -> 1e8, ``300`` -> 1).
    """

    family: str
    value: float
    unit: str | None = None
    step: float = 1.0


@dataclass(frozen=True)
class NumberMention:
    start: int
    end: int
    text: str
    kind: str  # cardinal, year, ordinal, percent, fraction, money, range, score, date, decade, weekday, time
    alternatives: tuple[tuple[Reading, ...], ...]
    qualifier: str | None = None  # "about", "more than"... (approximate or a bound)
    offers: tuple[Reading, ...] = ()  # readings a source occurrence also supports (a score's two numbers)
    note: str = ""  # why there is more than one reading, when the text cannot settle it (shown in reasons)

    @property
    def facets(self) -> tuple[Reading, ...]:
        """Every reading this mention offers as support when it occurs in a source."""
        out: list[Reading] = []
        for alt in self.alternatives:
            out.extend(alt)
        out.extend(self.offers)
        return tuple(out)

    @property
    def value(self) -> float:
        return self.alternatives[0][0].value


# Letters that may follow digits directly without making them a name ("21st", "1990s", "9pm", "50p", "5km").
_GLUE_OK = W.ORDINAL_SUFFIXES | {"s", "am", "pm", "p"} | frozenset(W.UNITS) | frozenset(W.CURRENCY_WORDS)
# Glued letters that make a product name even though they spell a unit: "4G", "5G" (network generations).
_GLUE_NAMES = frozenset({"G"})
_SIGNS = frozenset({"-", "\u2212"})


# Both sides of a dash at most this: a score ("3-0", "24-17"), read as one fact; above it a range.
# (Association football, rugby and most team sports stay below it; "30-40 people" is a range.)
MAX_SCORE = 29
# A score is followed by punctuation, the end, or one of these ("won 3-0 at home", "a 2-1 win");
# any other word makes it a range of counts ("3-4 people"). Words before a range: "aged 18-25".
_SCORE_NEXT = frozenset({"win", "wins", "victory", "defeat", "defeats", "loss", "draw", "lead", "scoreline", "thrashing",
                         "triumph", "success", "home", "away", "to", "against", "at", "in", "on", "with", "after", "and",
                         "but", "for", "over", "by", "as", "when", "from", "aggregate", "on", "before", "thanks", "up", "down"})
_RANGE_OPENERS = frozenset({"between", "from", "aged", "ages", "age", "ranging"})

# Month abbreviations that take a full stop ("Jan."); after a full month name ("in May.") the full stop
# ends the sentence and is not part of the date.
_MONTH_ABBREVIATIONS = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})


# Month names between a day and a year in figures ("15-Apr-2019", "3/Mar/21"): here "Mar" is a month.
_FIGURE_MONTHS = {**W.MONTHS, "mar": 3}


def _scaled_step(den: int, scale: float) -> float:
    """The rounding step of a fraction of a scale word, as the decimal figure it stands for: ``half a
    million`` is 0.5 million (step 0.1 million), ``a quarter of a billion`` 0.25 billion (step 0.01
    billion); of a dozen or a hundred, whole units."""
    if scale <= 100:
        return 1.0
    return scale * (0.1 if den in (2, 5, 10) else 0.01)


def _negated(m: NumberMention, start: int) -> NumberMention:
    """``m`` with its sign flipped (``-5°C``, ``minus 5``), its span widened to take in the sign.
    A range negates its first end only (``-5 to 5``)."""
    alts = tuple(
        tuple(Reading(r.family, -r.value, r.unit, r.step) if k == 0 else r for k, r in enumerate(alt))
        for alt in m.alternatives
    )
    return NumberMention(start, m.end, "", m.kind if m.kind != "year" else "cardinal", alts, m.qualifier, m.offers, m.note)


# The only word and symbol tokens a mention can start at (every other token is skipped at once):
# number words, ordinals, months, weekdays, fraction openers, currency words and symbols, signs.
_STARTS = (frozenset(W.ONES) | frozenset(W.TENS) | frozenset(W.ORDINAL_WORDS) | frozenset(W.MONTHS) | frozenset(W.WEEKDAYS)
           | frozenset(W.DOLLAR_PREFIXES) | frozenset(W.CURRENCY_SYMBOLS) | frozenset(W.CJK_DIGITS) | frozenset(W.CJK_UNITS)
           | frozenset(W.CLOCK_WORDS) | {"a", "an", "half", "quarter", "minus", "usd", "gbp", "eur", "inr", "rs", "nought", "naught"} | _SIGNS)


# The note a date in figures carries when the text cannot settle its day-month order.
DAY_MONTH_OPEN = "day-month order not settled by the text: either reading is accepted"
# The note a clock time without am/pm carries (``7:30``: 07:30 or 19:30).
HALF_OPEN = "no am or pm: either half of the day is accepted"


class _Extractor(Scanner):
    orders: set[str]

    def run(self) -> list[NumberMention]:
        out: list[NumberMention] = []
        self.orders = set()
        i = 0
        toks = self.t
        while i < self.n:
            tok = toks[i]
            if tok.kind == "word" or tok.kind == "sym":
                if tok.low not in _STARTS:
                    i += 1
                    continue
            found = self.at(i)
            if found is None:
                i += 1
                continue
            mention, nxt = found
            if mention is not None:
                out.append(mention)
            i = max(nxt, i + 1)
        return self.settle_day_month(out)

    def settle_day_month(self, out: list[NumberMention]) -> list[NumberMention]:
        """Dates in figures whose day-month order is open (``03/04/2021``) take the order that the
        text's other dates in figures settle (``15/4/2019`` is day first), when they all agree."""
        settled = self.orders & {"dmy", "mdy"}
        if len(settled) != 1 or not any(m.note == DAY_MONTH_OPEN for m in out):
            return out
        keep = 0 if settled == {"dmy"} else 1
        return [NumberMention(m.start, m.end, m.text, m.kind, (m.alternatives[keep],), m.qualifier, m.offers)
                if m.note == DAY_MONTH_OPEN else m for m in out]

    def span(self, i: int, j: int) -> tuple[int, int, str]:
        s, e = self.t[i].start, self.t[j - 1].end
        return s, e, self.text[s:e]

    def make(self, i: int, j: int, kind: str, alts: tuple[tuple[Reading, ...], ...], q: str | None) -> tuple[NumberMention, int]:
        s, e, txt = self.span(i, j)
        return NumberMention(s, e, txt, kind, alts, q), j

    def glue_ok(self, k: int) -> bool:
        """May the word token ``k``, glued to the digits before it, follow a number ("5kg", "25C")?"""
        tok = self.t[k]
        if tok.text in _GLUE_NAMES:
            return False
        return tok.low in _GLUE_OK or tok.text in W.GLUED_UNITS or self.unspaced(k)

    def at(self, i: int) -> tuple[NumberMention | None, int] | None:
        """The mention that starts at token ``i`` and the next token to read, or None; a ``None``
        mention with a later index skips a name-like token run ("Twenty20", "3D")."""
        w = self.low(i)
        if (w in _SIGNS and self.is_num(i + 1) and self.adj(i, i + 1) and not (self.adj(i - 1, i) and self.t[i - 1].kind != "sym")) or (
                w == "minus" and self.quantity(i + 1) is not None):
            found = self.at(i + 1)
            if found is None or found[0] is None:
                return found
            return _negated(found[0], self.t[i].start), found[1]
        if self.t[i].kind == "frac" and not (self.is_num(i - 1) and self.adj(i - 1, i)):
            value = 100.0 * unicodedata.numeric(self.t[i].text)
            return self.make(i, i + 1, "fraction", ((Reading("pct", value, None, 2.0),),), qualifier_before(self, i))
        if (w in W.CJK_DIGITS or w in W.CJK_UNITS) and self.unspaced(i):
            qty = self.cjk(i)
            return None if qty is None else self.after_quantity(i, qty)
        cur = currency_before(self, i)
        if cur is not None:
            return self.money(i, cur[1], cur[0])
        if w in W.MONTHS:
            return self.month_first(i)
        if w in W.WEEKDAYS:
            return self.make(i, i + 1, "weekday", ((Reading("weekday", float(W.WEEKDAYS[w])),),), None)
        if w in W.CLOCK_WORDS:
            return self.make(i, i + 1, "time", ((Reading("time", float(W.CLOCK_WORDS[w])),),), None)  # "noon", "midnight"
        if w in W.ORDINAL_WORDS or (w in W.TENS and self.low(i + 1) in DASHES and self.low(i + 2) in W.ORDINAL_WORDS):
            return self.ordinal_word(i)
        if w == "half":
            start = i - 1 if self.low(i - 1) in ("a", "one") else i
            scaled = self.of_scale(start, i + 1, 0.5, 2)
            if scaled is not None:
                return scaled
            if self.low(i + 1) == "of" or self.low(i - 1) in ("a", "one"):
                return self.make(start, i + 1, "fraction", ((Reading("pct", 50.0, None, 2.0),),), qualifier_before(self, start))
            return None
        if w == "quarter" and self.low(i + 1) == "of":
            return self.of_scale(i, i + 1, 0.25, 4)  # "quarter of a million" (else no mention, as before)
        if w == "a" and self.low(i + 1) == "couple" and (self.low(i + 2) in W.SCALE_NOUNS or (self.low(i + 2) == "of" and self.low(i + 3) in W.SCALE_NOUNS)):
            j = i + 2 + (self.low(i + 2) == "of")  # "a couple of hundred" = 200, "a couple thousand"; a step of the scale: it is loose
            scale = W.SCALE_NOUNS[self.low(j)]
            return self.after_quantity(i, Quantity(2.0 * scale, scale, j + 1, False, True, False, scale=scale))
        if w in ("a", "one") and self.low(i + 1) in W.DENOMINATORS and self.low(i + 1) not in ("half", "halves"):
            den = W.DENOMINATORS[self.low(i + 1)]
            scaled = self.of_scale(i, i + 2, 1.0 / den, den)
            if scaled is not None:
                return scaled
            frac = Reading("pct", 100.0 / den, None, 2.0)
            alts = ((frac,), (Reading("ord", float(den)),)) if self.low(i + 1) in W.ORDINAL_WORDS else ((frac,),)
            return self.make(i, i + 2, "fraction", alts, qualifier_before(self, i))
        if self.is_num(i) and self.glued_to_name(i):
            return None
        if self.is_num(i) and i + 2 < self.n:
            date = self.figure_date(i)
            if date is not None:
                return date
        if (self.low(i - 1) == "war" and self.low(i - 2) == "world") or self.low(i - 1) == "formula":
            return None  # "World War Two", "Formula 1"
        if self.t[i].kind == "word" and self.is_num(i + 1) and self.adj(i, i + 1) and not self.unspaced(i):
            return None, i + 2  # "Twenty20"
        qty = self.quantity(i)
        if qty is None:
            return None
        if self.is_num(i) and qty.end < self.n and self.adj(qty.end - 1, qty.end) and self.t[qty.end].kind == "word" and not self.glue_ok(qty.end):
            return None, qty.end + 1  # "3D", "4G", "4x4": a name
        if self.is_num(i) and qty.digits and qty.integer and self.low(qty.end) == "/" and self.adj(qty.end - 1, qty.end) and self.is_num(qty.end + 1) and self.adj(qty.end, qty.end + 1):
            return self.slash(i, qty)
        return self.after_quantity(i, qty)

    # -- shapes ------------------------------------------------------------------------------
    def figure_date(self, i: int) -> tuple[NumberMention | None, int] | None:
        """A date in figures from digit token ``i`` (``15/4/2019``, ``2021-03-04``, ``15.4.19``; see
        numdates.py); an impossible one (``31/02/2021``) is skipped whole, read as nothing."""
        found = D.figure_date(self.text, self.t[i].start)
        if found is None:
            return None
        end, values, order = found
        j = i
        while j < self.n and self.t[j].end < end:
            j += 1
        if j >= self.n or self.t[j].end != end:
            return None
        if not values:
            return None, j + 1
        self.orders.add(order)
        alts = tuple((Reading("ymd", float(v)),) for v in values)
        s, e, txt = self.span(i, j + 1)
        return NumberMention(s, e, txt, "date", alts, None, (), DAY_MONTH_OPEN if order == "either" else ""), j + 1

    def slash(self, i: int, qty: Quantity) -> tuple[NumberMention | None, int]:
        """``2/3`` is one number (a fraction, compared as a percentage); ``2014/15`` a range of years;
        ``24/7``, ``9/11`` and dates such as ``3/4/2020`` are names or dates, not fractions, and are
        skipped whole."""
        j = qty.end + 1
        den_text = self.t[j].text
        end = j + 1
        while self.low(end) == "/" and self.is_num(end + 1) and self.adj(end - 1, end):
            end += 2
        if end == j + 1 and qty.plain and 1000 <= qty.value <= 2100 and den_text.isdigit() and len(den_text) in (2, 4):
            hi = (qty.value // 100) * 100 + int(den_text) if len(den_text) == 2 else float(den_text)
            if 0 < hi - qty.value <= 10:  # "2014/15": a season or financial year, as "2014-15"
                alts = ((Reading("n", qty.value), Reading("n", hi)),)
                return self.make(i, j + 1, "range", alts, qualifier_before(self, i))
        if end == j + 1 and den_text.isdigit() and 0 < qty.value < int(den_text) <= 10 and not (self.low(i - 1) == "/" and self.adj(i - 1, i)):
            value = 100.0 * qty.value / int(den_text)
            return self.make(i, j + 1, "fraction", ((Reading("pct", value, None, 2.0),),), qualifier_before(self, i))
        return None, end

    def mixed(self, qty: Quantity) -> Quantity | None:
        """``two and a half``, ``two-and-a-half``, ``3 and a quarter``: one number (2.5, 3.25), whose
        unit follows the fraction (``two-and-a-half years``)."""
        j = qty.end
        k = j + 1 if self.low(j) in DASHES else j
        if self.low(k) != "and":
            return None
        k += 1 + (self.low(k + 1) in DASHES)
        if self.low(k) not in ("a", "one"):
            return None
        k += 1 + (self.low(k + 1) in DASHES)
        den = W.DENOMINATORS.get(self.low(k))
        if den is None or self.low(k) in W.ORDINAL_WORDS and self.low(k) not in ("third", "quarter", "fifth", "tenth"):
            return None
        if qty.scale > 1.0:  # "a million and a half" = 1.5 million, "a dozen and a half" = 18
            value = qty.value + qty.scale / den
            return Quantity(value, _scaled_step(den, qty.scale), k + 1, qty.digits, value.is_integer(), False, scale=qty.scale)
        e = k + 2 if self.low(k + 1) in DASHES and self.adj(k, k + 1) else k + 1
        scale = W.SCALE_NOUNS.get(self.low(e))
        if scale is not None:  # "two and a half billion" = 2.5e9, "one-and-a-half million"
            value = (qty.value + 1.0 / den) * scale
            return Quantity(value, _scaled_step(den, scale), e + 1, qty.digits, value.is_integer(), False, scale=scale)
        return Quantity(qty.value + 1.0 / den, min(qty.step, 1.0 / den), k + 1, qty.digits, False, False)

    def past_dash(self, j: int) -> int:
        """``j + 1`` when token ``j`` is a dash joining the words on both sides (``half-a-million``), else ``j``."""
        return j + 1 if self.low(j) in DASHES and self.adj(j - 1, j) and self.adj(j, j + 1) else j

    def of_scale(self, i: int, k: int, share: float, den: int) -> tuple[NumberMention | None, int] | None:
        """A fraction (``share`` of one, its words ending before token ``k``, the mention starting at
        ``i``) of a scale word: ``a quarter of a million``, ``three-quarters of a billion``, ``half a
        million``, ``half a dozen``, ``a half-million``: one number, ``share`` times the scale, read on
        as any number (``half a million pounds`` is money). None when no scale word follows
        (``half a loaf``, ``a quarter of the vote``)."""
        j = self.past_dash(k)
        if self.low(j) == "of" and self.low(j + 1) in ("a", "an"):
            j += 2  # "a quarter of a million"
        elif den == 2 and self.low(j) in ("a", "an"):
            j = self.past_dash(j + 1)  # "half a million", "half-a-million"
        scale = W.SCALE_NOUNS.get(self.low(j))  # or straight on: "a half-million", "a quarter million"
        if scale is None:
            return None
        value = share * scale
        qty = Quantity(value, _scaled_step(den, scale), j + 1, False, value.is_integer(), False, scale=scale)
        return self.after_quantity(i, qty)

    def ratio(self, i: int, qty: Quantity, q: str | None) -> tuple[NumberMention, int] | None:
        """``one in five``, ``four out of five``, ``1 in every 10``: one share (a fraction, compared as a
        percentage). The denominator is above the numerator and is a small count or a power of ten
        (``3 in 2014`` is not a ratio)."""
        j = qty.end
        if self.low(j) == "in":
            k = j + 1
        elif self.low(j) == "out" and self.low(j + 1) == "of":
            k = j + 2
        else:
            return None
        if self.low(k) == "every":
            k += 1
        if not qty.integer or qty.value < 1 or not (self.is_num(k) or self.low(k) in W.ONES or self.low(k) in W.TENS):
            return None
        den = self.quantity(k)
        if den is None or not den.integer or den.value <= qty.value:
            return None
        if not (den.value <= 100 or (den.value <= 1e6 and str(int(den.value)).rstrip("0") == "1")):
            return None
        return self.make(i, den.end, "fraction", ((Reading("pct", 100.0 * qty.value / den.value, None, 1.0),),), q)

    def after_quantity(self, i: int, qty: Quantity) -> tuple[NumberMention, int]:
        mixed = self.mixed(qty)
        if mixed is not None:
            qty = mixed
        j = qty.end
        q = qualifier_before(self, i)
        nxt = self.low(j)
        glued = self.adj(j - 1, j)
        if mixed is None:
            share = self.ratio(i, qty, q)
            if share is not None:
                return share
        if nxt == "%" or nxt in W.PERCENT_WORDS or (nxt == "per" and self.low(j + 1) == "cent"):
            end = j + (2 if nxt == "per" else 1)
            if self.low(end) in ("points", "point"):
                end += 1
            return self.make(i, end, "percent", ((Reading("pct", qty.value, None, qty.step),),), q)
        if qty.digits and qty.integer and glued and nxt in W.ORDINAL_SUFFIXES:
            return self.day_or_ordinal(i, j + 1, qty)
        if qty.plain and glued and nxt == "s" and 1000 <= qty.value <= 2100:
            return self.make(i, j + 1, "decade", ((Reading("decade", qty.value),),), q)
        if qty.digits and qty.integer and glued and nxt in (":", ".") and self.is_num(j + 1) and self.adj(j, j + 1) and len(self.t[j + 1].text) == 2 and qty.value <= 99:
            return self.time(i, j + 2, int(qty.value), int(self.t[j + 1].text), lead_zero=self.t[i].text.startswith("0"))
        if qty.integer and qty.value <= (24 if qty.digits else 12) and (qty.digits or qty.step == 1.0) and (self.half_at(j) or (qty.value == 12 and nxt in W.CLOCK_WORDS)):
            return self.time(i, j, int(qty.value), 0)
        if qty.integer and 1 <= qty.value <= 12 and nxt == "o" and self.low(j + 1) in ("'", "\u2019") and self.low(j + 2) == "clock":
            return self.time(i, j + 3, int(qty.value), 0)  # "nine o'clock"
        if qty.plain and len(self.t[i].text) == 4 and (nxt in W.TIME_ZONES or (nxt in ("hours", "hrs") and self.low(i - 1) == "at")):
            return self.time(i, j + 1, int(qty.value) // 100, int(qty.value) % 100, lead_zero=True)  # "1430 GMT", "at 0900 hours"
        if qty.digits and not qty.integer and qty.step == 0.01 and qty.value < 13 and self.half_at(j):
            hour = int(qty.value)
            return self.time(i, j, hour, round((qty.value - hour) * 100))
        if nxt in W.CURRENCY_WORDS or (nxt in W.CURRENCY_MINOR and (glued or nxt != "p")):
            return self.money_after(i, j, qty, q)
        if nxt in W.CURRENCY_SYMBOLS and nxt not in ("#", "$") and (glued or not self.is_num(j + 1)):
            return self.make(i, j + 1, "money", ((Reading("money", qty.value, W.CURRENCY_SYMBOLS[nxt], qty.step),),), q)  # "5 €"
        if qty.digits and qty.integer and 1 <= qty.value <= 31 and nxt in DASHES | {"/"} and self.low(j + 1) in _FIGURE_MONTHS and self.low(j + 2) == nxt:
            yt = self.t[j + 3].text if self.is_num(j + 3) and all(self.adj(k, k + 1) for k in range(i, j + 3)) else ""
            if yt.isdigit() and len(yt) in (2, 4) and (len(yt) == 2 or 1000 <= int(yt) <= 2100):
                return self._date(i, j + 4, float(D.full_year(yt)), _FIGURE_MONTHS[self.low(j + 1)], qty.value)  # "15-Apr-2019"
        if qty.integer and 1 <= qty.value <= 31 and nxt in W.MONTHS:
            return self.day_first(i, j, qty)
        if qty.integer and 1 <= qty.value <= 31 and nxt == "of" and self.low(j + 1) in W.MONTHS:
            return self.day_first(i, j + 1, qty)
        if nxt in W.DENOMINATORS or (nxt in DASHES and self.low(j + 1) in W.DENOMINATORS):
            k = j + 1 if nxt in DASHES else j
            if not qty.digits and qty.value < 20:
                den = W.DENOMINATORS[self.low(k)]
                scaled = self.of_scale(i, k + 1, qty.value / den, den)
                if scaled is not None:
                    return scaled
                frac = Reading("pct", 100.0 * qty.value / den, None, 2.0)
                alts: tuple[tuple[Reading, ...], ...] = ((frac,),)
                if qty.value == 1 and self.low(k) in W.ORDINAL_WORDS:
                    alts = ((frac,), (Reading("ord", float(den)),))
                return self.make(i, k + 1, "fraction", alts, q)
        rng = self.range_after(i, qty)
        if rng is not None:
            return rng
        unit, end = unit_after(self, j)
        if qty.ambiguous_m:
            base = qty.value / 1e6
            alts = ((Reading("n", qty.value, unit, qty.step),), (Reading("n", base, "m", qty.step / 1e6),))
            return self.make(i, end, "cardinal", alts, q)
        if qty.plain and 1000 <= qty.value <= 2100 and unit is None:
            return self.make(i, j, "year", ((Reading("n", qty.value, None, 1.0),),), q)
        return self.make(i, end, "cardinal", ((Reading("n", qty.value, unit, qty.step),),), q)

    def range_after(self, i: int, qty: Quantity) -> tuple[NumberMention | None, int] | None:
        j = qty.end
        sep = self.low(j)
        if not (sep in DASHES or sep == "to" or (sep == "and" and self.low(i - 1) == "between")):
            return None
        if not self.is_num(j + 1) and qty.digits:
            return None
        second = self.quantity(j + 1)
        if second is None or second.digits != qty.digits:
            return None
        lo_v, lo_step, hi_v = qty.value, qty.step, second.value
        if (sep in DASHES and qty.digits and qty.plain and second.plain and lo_v <= MAX_SCORE and hi_v <= MAX_SCORE
                and self.low(i - 1) not in _RANGE_OPENERS and unit_after(self, second.end)[0] is None
                and (self.t[second.end].kind != "word" or self.low(second.end) in _SCORE_NEXT if second.end < self.n else True)):
            return self.score(i, second.end, int(lo_v), int(hi_v))
        if qty.plain and 1000 <= lo_v <= 2100 and second.plain and len(self.t[j + 1].text) == 2 and sep in DASHES:
            hi_v = (lo_v // 100) * 100 + hi_v  # "2018-19"
            if hi_v <= lo_v and lo_v % 100 == 99 and second.value == 0:
                hi_v += 100  # "1999-00"
            elif hi_v <= lo_v:  # no range runs back in time: "2021-03" is ISO year-month (March 2021)
                if 1 <= second.value <= 12 and self.adj(j - 1, j) and self.adj(j, j + 1):
                    return self._date(i, second.end, lo_v, int(second.value), None)
                return None, second.end
        elif qty.scale == 1.0 and second.scale > 1.0 and qty.value * second.scale <= second.value:
            lo_v, lo_step = qty.value * second.scale, qty.step * second.scale  # "5-7m", "between 5 and 7 million"
        end = second.end
        unit, end = unit_after(self, end)
        nxt = self.low(end)
        family, cur = "n", unit
        if nxt == "%" or nxt in W.PERCENT_WORDS or (nxt == "per" and self.low(end + 1) == "cent"):
            family, cur, end = "pct", None, end + (2 if nxt == "per" else 1)
        start = i - 1 if self.low(i - 1) == "between" else i
        alts = ((Reading(family, lo_v, cur, lo_step), Reading(family, hi_v, cur, second.step)),)
        return self.make(start, end, "range", alts, qualifier_before(self, start))

    def score(self, i: int, end: int, a: int, b: int) -> tuple[NumberMention, int]:
        """``3-0``: a score is one fact, its two numbers read together (either order: ``lost 1-2`` is
        ``2-1`` seen from the other side); as a source it also offers each number alone."""
        alts = ((Reading("score", a * 100.0 + b),), (Reading("score", b * 100.0 + a),))
        s, e, txt = self.span(i, end)
        offers = (Reading("n", float(a)), Reading("n", float(b)))
        return NumberMention(s, e, txt, "score", alts, qualifier_before(self, i), offers), end

    def money(self, i: int, k: int, currency: str) -> tuple[NumberMention, int] | None:
        if k >= self.n:
            return None
        qty = self.quantity(k)
        if qty is None:
            return None
        j = qty.end
        if qty.digits and self.low(j) in W.SCALE_SUFFIXES and not self.adj(j - 1, j):
            scale = W.SCALE_SUFFIXES[self.low(j)]
            qty = Quantity(qty.value * scale, qty.step * scale, self._abbrev_dot(j), True, False, False, scale=scale)
        lo = qty
        if self.low(qty.end) in DASHES | {"to"}:
            k2 = qty.end + 1
            if self.low(k2) in W.CURRENCY_SYMBOLS:
                k2 += 1
            hi = self.quantity(k2) if k2 < self.n else None
            if hi is not None:
                if self.low(hi.end) in W.SCALE_SUFFIXES and hi.digits and hi.scale == 1.0:
                    s = W.SCALE_SUFFIXES[self.low(hi.end)]
                    hi = Quantity(hi.value * s, hi.step * s, self._abbrev_dot(hi.end), True, False, False, scale=s)
                if lo.scale == 1.0 and hi.scale > 1.0 and lo.value * hi.scale <= hi.value:
                    lo = Quantity(lo.value * hi.scale, lo.step * hi.scale, lo.end, True, False, False, scale=hi.scale)  # "$5-7.5m"
                alts = ((Reading("money", lo.value, currency, lo.step), Reading("money", hi.value, currency, hi.step)),)
                return self.make(i, hi.end, "money", alts, qualifier_before(self, i))
        return self.make(i, qty.end, "money", ((Reading("money", qty.value, currency, qty.step),),), qualifier_before(self, i))

    def money_after(self, i: int, j: int, qty: Quantity, q: str | None) -> tuple[NumberMention, int]:
        w = self.low(j)
        if w in W.CURRENCY_MINOR:
            cur, factor = W.CURRENCY_MINOR[w]
            return self.make(i, j + 1, "money", ((Reading("money", qty.value * factor, cur, qty.step * factor),),), q)
        alts: tuple[tuple[Reading, ...], ...] = ((Reading("money", qty.value, W.CURRENCY_WORDS[w], qty.step),),)
        if w in ("pound", "pounds"):
            alts = alts + ((Reading("n", qty.value, "lb", qty.step),),)
        return self.make(i, j + 1, "money", alts, q)

    def half_at(self, j: int) -> str | None:
        """``"am"`` or ``"pm"`` when token ``j`` opens ``am``, ``pm``, ``a.m.`` or ``p.m.``."""
        w = self.low(j)
        if w in ("am", "pm"):
            return w
        if w in ("a", "p") and self.low(j + 1) == "." and self.low(j + 2) == "m":
            return w + "m"
        return None

    def time(self, i: int, j: int, hour: int, minute: int, *, lead_zero: bool = False) -> tuple[NumberMention | None, int]:
        """A clock time ending before token ``j`` (am/pm, ``noon``, ``midnight`` read from ``j``), as
        minutes after midnight (numdates.clock_minutes: 12am is 00:00, 12pm 12:00). Without am/pm an
        hour from 1 to 11 written without a leading zero (``7:30``) is either half of the day; an
        impossible time (``25:00``, ``9:75``, ``13am``) is left alone, read as nothing."""
        half = self.half_at(j)
        if half is not None:
            j += 1 if self.low(j) in ("am", "pm") else (4 if self.low(j + 3) == "." else 3)
        elif hour == 12 and minute == 0 and self.low(j) in W.CLOCK_WORDS:
            half, j = ("am" if W.CLOCK_WORDS[self.low(j)] == 0 else "pm"), j + 1  # "12 noon", "12 midnight"
        if minute > 59 or hour > 24 or (hour == 24 and minute > 0) or (half == "am" and hour > 12) or (half and hour == 0 and half == "pm"):
            return None, j
        value = D.clock_minutes(hour % 24, minute, half)
        q = qualifier_before(self, i)
        if half is None and 1 <= hour <= 11 and not lead_zero:
            alts = ((Reading("time", float(value)),), (Reading("time", float(value + 720)),))
            s, e, txt = self.span(i, j)
            return NumberMention(s, e, txt, "time", alts, q, (), HALF_OPEN), j
        return self.make(i, j, "time", ((Reading("time", float(value)),),), q)

    def ordinal_word(self, i: int) -> tuple[NumberMention, int]:
        w = self.low(i)
        if w in W.TENS:
            value, j = W.TENS[w] + W.ORDINAL_WORDS[self.low(i + 2)], i + 3
        else:
            value, j = W.ORDINAL_WORDS[w], i + 1
        if value <= 31 and (self.low(j) in W.MONTHS or (self.low(j) == "of" and self.low(j + 1) in W.MONTHS)):
            return self.day_first(i, j if self.low(j) != "of" else j + 1, Quantity(float(value), 1.0, j, False, True, False))
        return self.make(i, j, "ordinal", ((Reading("ord", float(value)),),), qualifier_before(self, i))

    def day_or_ordinal(self, i: int, j: int, qty: Quantity) -> tuple[NumberMention, int]:
        if qty.value <= 31 and (self.low(j) in W.MONTHS or (self.low(j) == "of" and self.low(j + 1) in W.MONTHS)):
            return self.day_first(i, j if self.low(j) != "of" else j + 1, qty)
        return self.make(i, j, "ordinal", ((Reading("ord", qty.value),),), qualifier_before(self, i))

    def _year_at(self, k: int) -> float | None:
        if self.is_num(k) and len(self.t[k].text) == 4 and self.t[k].text.isdigit() and 1000 <= int(self.t[k].text) <= 2100:
            return float(self.t[k].text)
        return None

    def day_first(self, i: int, m: int, day: Quantity) -> tuple[NumberMention, int]:
        month = W.MONTHS[self.low(m)]
        j = m + 1
        if self.low(j) == "." and self.adj(m, j) and self.low(m) in _MONTH_ABBREVIATIONS:
            j += 1
        k = j + 1 if self.low(j) == "," else j
        year = self._year_at(k)
        return self._date(i, (k + 1) if year else j, year, month, day.value)

    def month_first(self, i: int) -> tuple[NumberMention, int] | None:
        w = self.low(i)
        month = W.MONTHS[w]
        j = i + 1
        if self.low(j) == "." and self.adj(i, j) and w in _MONTH_ABBREVIATIONS:
            j += 1
        day: float | None = None
        if self.is_num(j) and self.t[j].text.isdigit() and 1 <= int(self.t[j].text) <= 31 and not self._year_at(j):
            day = float(self.t[j].text)
            j += 1
            if self.low(j) in W.ORDINAL_SUFFIXES and self.adj(j - 1, j):
                j += 1
        k = j + 1 if self.low(j) == "," else j
        year = self._year_at(k)
        if year is not None:
            j = k + 1
        if day is None and year is None:
            if w in W.AMBIGUOUS_MONTHS and self.low(i - 1) not in W.MONTH_CUES:
                return None
            if len(w) <= 4 and w != "may" and w != "june" and w != "july":
                return None  # "Mar", "Dec" alone: too ambiguous
        return self._date(i, j, year, month, day)

    def _date(self, i: int, j: int, year: float | None, month: int, day: float | None) -> tuple[NumberMention, int]:
        parts: list[Reading] = []
        if year is not None and day is not None:
            parts.append(Reading("ymd", year * 10000 + month * 100 + day))
        elif year is not None:
            parts.append(Reading("ym", year * 100 + month))
        elif day is not None:
            parts.append(Reading("md", month * 100 + day))
        else:
            parts.append(Reading("month", float(month)))
        alts = (tuple(parts),)
        mention, nxt = self.make(i, j, "date", alts, qualifier_before(self, i))
        return mention, nxt


def date_facets(r: Reading) -> tuple[Reading, ...]:
    """The coarser readings a full source date also supports (``3 March 2014`` -> ``March 2014``, ``2014``...)."""
    v = int(r.value)
    if r.family == "ymd":
        y, m, d = v // 10000, (v // 100) % 100, v % 100
        return (r, Reading("ym", y * 100 + m), Reading("md", m * 100 + d), Reading("month", float(m)), Reading("n", float(y)))
    if r.family == "ym":
        return (r, Reading("month", float(v % 100)), Reading("n", float(v // 100)))
    if r.family == "md":
        return (r, Reading("month", float(v // 100)))
    return (r,)


def extract_numbers(text: str, *, view: TextView | None = None) -> list[NumberMention]:
    """Every number mention in ``text``, in reading order, with character spans into ``text``.

    The scanner reads a repaired, digit-folded view of ``text`` (:mod:`sumcheck.factcheck.textview`);
    spans and mention texts always refer to ``text`` as given.
    """
    if not text:
        return []
    view = view if view is not None else TextView.of(text)
    out = []
    for m in _Extractor(view.text).run():
        s, e = view.span(m.start, m.end)
        out.append(NumberMention(s, e, text[s:e], m.kind, m.alternatives, m.qualifier, m.offers, m.note))
    from sumcheck.factcheck.paraphrase import extend_mentions  # ranks, spans of time, scores in words

    return extend_mentions(text, out)
