"""Tokens and quantities: the low-level scanner under :mod:`sumcheck.factcheck.numbers`.

The text is cut once into number, word and symbol tokens; quantities (digits with separators and
scales, number words) are read from a token position with bounded look-ahead, so scanning stays
linear in the input.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from sumcheck.factcheck import numwords as W

# Scripts written without spaces between words: each character is a word token of its own, and
# digits glued to them are not names ("50所学校", "120亿元").
_UNSPACED = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_UNSPACED_RE = re.compile(f"[{_UNSPACED}]")
_VULGAR = "\u00bc-\u00be\u2150-\u215e"
# Digit groupings (the text is folded to ASCII digits first, see textview.py), tried in this order:
# Indian lakh grouping "12,34,567"; dot-grouped "1.200.000" (two or more groups, optionally with a
# decimal comma "1.200.000,50"); apostrophe-grouped "1'000'000" (Swiss); the English "1,234.5".
# A single ".ddd" group ("1.200") stays a decimal: that is how English writes 1.2.
# The lakh pattern is not tried right after a digit and a comma: inside a run of two-digit groups
# that never ends in a three-digit one ("12,34,56,...,78") it would rescan the rest of the run from
# every group (quadratic); from the run's first digit it is scanned once.
_NUM = (
    "(?<![0-9],)[0-9]{1,3}(?:,[0-9]{2})+,[0-9]{3}(?![0-9])(?:\\.[0-9]+)?"
    "|[0-9]{1,3}(?:\\.[0-9]{3}){2,}(?![0-9])(?:,[0-9]+)?"
    "|[0-9]{1,3}(?:['\u2019][0-9]{3})+(?![0-9])(?:\\.[0-9]+)?"
    "|[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\\.[0-9]+)?"
)
_TOKEN_RE = re.compile(f"(?P<num>{_NUM})|(?P<frac>[{_VULGAR}])|(?P<word>[{_UNSPACED}]|[^\\W\\d_{_UNSPACED}{_VULGAR}]+)|(?P<sym>\\S)")
_DOT_GROUPED = re.compile("[0-9]{1,3}(?:\\.[0-9]{3}){2,}(?:,[0-9]+)?")
MAX_DIGITS = 40
_GROUP_SPACES = frozenset(" \u00a0\u202f\u2009")
DASHES = frozenset({"-", "–", "—"})
_NAME_PREFIXES = frozenset({"mid", "pre", "post", "early", "late", "under", "over"})



class _Tok(NamedTuple):
    kind: str
    text: str
    low: str
    start: int
    end: int


@dataclass(frozen=True)
class Quantity:
    value: float
    step: float
    end: int  # index of the next token
    digits: bool
    integer: bool
    plain: bool  # digits only, no scale, no separators (a year candidate)
    ambiguous_m: bool = False
    scale: float = 1.0  # the scale word or suffix applied ("7.5m" -> 1e6), for ranges that share it


def tokenize(text: str) -> list[_Tok]:
    return [_Tok(m.lastgroup or "sym", m.group(), m.group().lower(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def _num_value(tok: str) -> tuple[float, float, bool]:
    """(value, step, is integer) of one digit token: ``"1,234.5"`` -> (1234.5, 0.1, False)."""
    if _DOT_GROUPED.fullmatch(tok):
        tok = tok.replace(".", "").replace(",", ".")
    clean = tok.replace(",", "").replace("'", "").replace("\u2019", "")
    if "." in clean:
        decimals = len(clean) - clean.index(".") - 1
        return float(clean), 10.0 ** -decimals, False
    return float(int(clean)), 1.0, True


class Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.t = tokenize(text)
        self.n = len(self.t)

    # -- token helpers -------------------------------------------------------------------------
    def low(self, i: int) -> str:
        return self.t[i].low if 0 <= i < self.n else ""

    def adj(self, i: int, j: int) -> bool:
        return 0 <= i < self.n and 0 <= j < self.n and self.t[i].end == self.t[j].start

    def is_num(self, i: int) -> bool:
        return 0 <= i < self.n and self.t[i].kind == "num"

    def unspaced(self, i: int) -> bool:
        """Is token ``i`` a character of a script written without spaces (Chinese, Japanese, Thai)?"""
        return 0 <= i < self.n and self.t[i].kind == "word" and _UNSPACED_RE.match(self.t[i].text) is not None

    def glued_to_name(self, i: int) -> bool:
        """A digit token that is part of a name: ``G20``, ``MH-17``, ``Covid-19``, ``3D``."""
        if self.adj(i - 1, i) and self.t[i - 1].kind == "word" and not self.unspaced(i - 1):
            return True
        if self.adj(i - 1, i) and self.low(i - 1) in DASHES and self.adj(i - 2, i - 1) and self.t[i - 2].kind == "word" and self.low(i - 2) not in _NAME_PREFIXES:
            return True
        return False

    # -- quantities ----------------------------------------------------------------------------
    def ratio_follows(self, j: int) -> bool:
        """Does ``in five``, ``in every 10`` or ``out of five`` start at token ``j`` (a share: ``one in five``)?"""
        k = j + 1 if self.low(j) == "in" else j + 2 if (self.low(j), self.low(j + 1)) == ("out", "of") else -1
        if k < 0:
            return False
        k += self.low(k) == "every"
        return self.is_num(k) or self.low(k) in W.ONES or self.low(k) in W.TENS

    def quantity(self, i: int) -> Quantity | None:
        if self.is_num(i):
            return self._digits(i)
        return self._words(i)

    def _digits(self, i: int) -> Quantity | None:
        tok = self.t[i]
        if len(tok.text) > MAX_DIGITS:
            return None  # a digit string this long is an id or noise, not a quantity
        value, step, integer = _num_value(tok.text)
        j = i + 1
        plain = integer and "," not in tok.text
        # "1, 000" (tokenised benchmark text): a comma, a space, then exactly three digits
        while integer and len(tok.text) <= 3 and "," not in tok.text and self.low(j) == "," and self.adj(j - 1, j) and self.is_num(j + 1) and len(self.t[j + 1].text) == 3 and self.t[j + 1].text.isdigit() and self.t[j + 1].start - self.t[j].end == 1 and not (self.is_num(j + 2) or self.low(j + 2) == ","):
            value = value * 1000 + int(self.t[j + 1].text)
            plain = False
            j += 2
            tok = self.t[j - 1]
        # "10 000": groups of three separated by a (narrow) space
        while integer and self.is_num(j) and len(self.t[j].text) == 3 and self.t[j].text.isdigit() and len(tok.text.replace(",", "")) <= 3 and self.t[j].start - self.t[j - 1].end == 1 and self.text[self.t[j - 1].end] in _GROUP_SPACES and not (j + 1 < self.n and self.adj(j, j + 1) and self.low(j + 1) in {".", ","} and self.is_num(j + 2) and self.adj(j + 1, j + 2)):
            value = value * 1000 + int(self.t[j].text)
            plain = False
            j += 1
        if self.adj(j - 1, j) and j < self.n and self.t[j].kind == "frac":
            value += unicodedata.numeric(self.t[j].text)  # "2½"
            return Quantity(value, 0.1, j + 1, True, False, False)
        if self.adj(j - 1, j) and self.t[j - 1].kind == "num" and j < self.n and self.t[j].kind == "word":
            suf = self.low(j)
            if suf in W.SCALE_SUFFIXES or suf in W.SCALE_WORDS:
                scale = W.SCALE_SUFFIXES.get(suf) or W.SCALE_WORDS[suf]
                end = self._abbrev_dot(j)
                return Quantity(value * scale, step * scale, end, True, False, False, ambiguous_m=suf == "m", scale=scale)
            return Quantity(value, step, j, True, integer, plain)
        if j < self.n and self.low(j) in W.SCALE_WORDS:
            scale = W.SCALE_WORDS[self.low(j)]
            end = self._abbrev_dot(j)
            return Quantity(value * scale, step * scale if scale >= 1e3 else 1.0, end, True, False, False, scale=scale)
        if j < self.n and self.low(j) in ("dozen",):
            return Quantity(value * 12, 1.0, j + 1, True, True, False)
        return Quantity(value, step, j, True, integer, plain)

    def _abbrev_dot(self, j: int) -> int:
        """The token after a scale word at ``j``, past an abbreviation's full stop that does not end the
        sentence ("5 mln. euros"; in "cost $1.8 bln." the full stop is the sentence's)."""
        w = self.low(j)
        if w not in W.SCALE_WORDS_FULL and self.low(j + 1) == "." and self.adj(j, j + 1):
            nxt = self.t[j + 1 + 1].text if j + 2 < self.n else ""
            if nxt[:1].islower() or nxt[:1] in W.CURRENCY_SYMBOLS:
                return j + 2
        return j + 1

    def cjk(self, i: int) -> Quantity | None:
        """A run of Chinese/Japanese numerals ("三千五百" = 3500, "两万" = 20000); a lone 一 is not a number."""
        j, total, section, num, used = i, 0.0, 0.0, 0.0, 0
        while j < self.n and self.adj(j - 1, j) if j > i else j < self.n:
            ch = self.t[j].text
            if ch in W.CJK_DIGITS:
                num = float(W.CJK_DIGITS[ch])
            elif ch in W.CJK_UNITS:
                section += (num or 1.0) * W.CJK_UNITS[ch]
                num = 0.0
            elif ch in W.CJK_BIG and used:
                total = (total + section + num) * W.CJK_BIG[ch]
                section = num = 0.0
            else:
                break
            used += 1
            j += 1
        if used == 0 or (used == 1 and self.t[i].text in ("一", "〇", "零")):
            return None
        return Quantity(total + section + num, 1.0, j, False, True, False)

    def mixed_follows(self, j: int) -> bool:
        """Does ``and a half``, ``-and-a-quarter`` start at token ``j`` (``one and a half``)?"""
        k = j + (self.low(j) in DASHES)
        if self.low(k) != "and":
            return False
        k += 1 + (self.low(k + 1) in DASHES)
        if self.low(k) not in ("a", "one"):
            return False
        k += 1 + (self.low(k + 1) in DASHES)
        return self.low(k) in W.DENOMINATORS

    def _words(self, i: int) -> Quantity | None:
        total, current, j, last, used = 0.0, 0.0, i, "", 0
        step = 1.0
        scale_v = 1.0
        if self.low(i) in ("a", "an") and self.low(i + 1) in ("hundred", "thousand", "million", "billion", "trillion", "dozen"):
            current, j, last, used = 1.0, i + 1, "ones", 1
        elif self.low(i) in ("nought", "naught") and self.low(i + 1) == "point":
            j, last, used = i + 1, "ones", 1  # "nought point five"
        while j < self.n:
            w = self.low(j)
            if w in W.ONES and last not in ("ones", "teen"):
                current += W.ONES[w]
                last = "ones" if W.ONES[w] < 10 else "teen"
            elif w in W.TENS and last not in ("ones", "tens", "teen"):
                current += W.TENS[w]
                last = "tens"
            elif w == "hundred" and last in ("ones", "teen", "tens") and current < 100:
                current *= 100
                last = "hundred"
            elif w in ("thousand", "million", "billion", "trillion", "lakh", "lakhs", "crore", "crores") and last in ("ones", "teen", "tens", "hundred"):
                scale = W.SCALE_WORDS[w]
                total += current * scale
                current, last, step, scale_v = 0.0, "scale", scale, scale
            elif w == "dozen" and last in ("ones", "teen", "tens") and current < 100:
                current *= 12
                last = "dozen"
            elif w in DASHES and last == "tens" and self.adj(j - 1, j) and self.adj(j, j + 1) and self.low(j + 1) in W.ONES:
                j += 1
                continue
            elif w == "and" and last in ("hundred", "scale") and (self.low(j + 1) in W.ONES or self.low(j + 1) in W.TENS):
                j += 1
                continue
            else:
                break
            if last != "scale":
                step = 1.0
            used += 1
            j += 1
        value = total + current
        if used == 0:
            return None
        if self.low(j) == "point" and last in ("ones", "teen", "tens", "hundred") and total == 0.0:
            dec = self.spelled_decimal(i, j, current)
            if dec is not None:
                return dec
        if self.low(i) in ("nought", "naught"):
            return None  # "nought" alone is a word ("all for nought"), only "nought point five" a number
        if used == 1 and last == "ones" and value == 1 and self.low(j) not in W.DENOMINATORS and not (self.low(j) in DASHES and self.low(j + 1) in W.DENOMINATORS) and not self.ratio_follows(j) and not self.mixed_follows(j):
            return None  # a lone "one" is not a fact to check (but "one in five", "one and a half" are)
        if last == "dozen":
            scale_v = 12.0
        return Quantity(value, step, j, False, True, False, scale=scale_v if last in ("scale", "dozen") else 1.0)

    def spelled_decimal(self, i: int, j: int, whole: float) -> Quantity | None:
        """``one point two`` (1.2), ``nought point five``, ``three point seven five``, each with the step of
        its last digit, times a scale word after it (``one point two million`` = 1.2e6, step 1e5).
        ``at one point`` is the idiom ("at one point two men ran") unless a scale, percent or
        currency word follows the digits."""
        k = j + 1
        digits = ""
        while self.low(k) in W.DIGIT_WORDS and len(digits) < 6:
            digits += str(W.DIGIT_WORDS[self.low(k)])
            k += 1
        if not digits:
            return None
        nxt = self.low(k)
        scale = W.SCALE_NOUNS.get(nxt) if nxt not in ("hundred", "dozen") else None
        if self.low(i - 1) == "at" and self.low(i) == "one" and scale is None and nxt not in W.PERCENT_WORDS and nxt != "per" and nxt not in W.CURRENCY_WORDS:
            return None
        value = whole + int(digits) / 10.0 ** len(digits)
        step = 10.0 ** -len(digits)
        if scale is not None:
            return Quantity(value * scale, step * scale, k + 1, False, False, False, scale=scale)
        return Quantity(value, step, k, False, False, False)


def qualifier_before(sc: Scanner, i: int) -> str | None:
    if i >= 3 and (sc.low(i - 3), sc.low(i - 2), sc.low(i - 1)) in W.QUALIFIERS_3:
        return f"{sc.low(i - 3)} {sc.low(i - 2)} {sc.low(i - 1)}"
    if i >= 2 and (sc.low(i - 2), sc.low(i - 1)) in W.QUALIFIERS_2:
        return f"{sc.low(i - 2)} {sc.low(i - 1)}"
    if i >= 1 and sc.low(i - 1) in W.QUALIFIERS_1 and sc.low(i - 1) != "up":
        return sc.low(i - 1)
    return None


def currency_before(sc: Scanner, i: int) -> tuple[str, int] | None:
    """(currency, index of the amount) when token ``i`` opens a money amount."""
    w = sc.low(i)
    if w in W.CURRENCY_SYMBOLS:
        if sc.low(i - 1) in W.DOLLAR_PREFIXES and sc.adj(i - 1, i) and w == "$":
            return W.DOLLAR_PREFIXES[sc.low(i - 1)], i + 1
        return W.CURRENCY_SYMBOLS[w], i + 1
    if w in W.DOLLAR_PREFIXES and sc.low(i + 1) == "$" and sc.adj(i, i + 1):
        return W.DOLLAR_PREFIXES[w], i + 2
    if w in ("usd", "gbp", "eur", "inr", "rs") and sc.is_num(i + 1):
        return W.CURRENCY_WORDS[w], i + 1
    if w in ("rs", "inr") and sc.low(i + 1) == "." and sc.is_num(i + 2):
        return W.CURRENCY_WORDS[w], i + 2  # "Rs. 500"
    return None


def unit_after(sc: Scanner, j: int) -> tuple[str | None, int]:
    """The unit written after the number that ends before token ``j`` (``5 km``, ``25°C``, ``25C``,
    ``five-year``) and the token after it."""
    if sc.low(j) in ("°", "º"):
        if sc.adj(j, j + 1) and sc.t[j + 1].text in ("C", "F", "c", "f"):
            return ("degC" if sc.low(j + 1) == "c" else "degF"), j + 2
        return "deg", j + 1
    if sc.adj(j - 1, j) and 0 <= j < sc.n and sc.t[j].text in W.GLUED_UNITS and sc.t[j].kind == "word":
        return W.GLUED_UNITS[sc.t[j].text], j + 1
    k = j + 1 if sc.low(j) in DASHES and sc.adj(j - 1, j) else j
    w = sc.low(k)
    if w in W.UNITS and not (w in ("g", "in") and not sc.adj(j - 1, k)):
        if sc.low(k + 1) in DASHES and sc.low(k + 2) == "old" and sc.adj(k, k + 1):
            return W.UNITS[w], k + 3  # "16-year-old"
        return W.UNITS[w], k + 1
    return None, j
