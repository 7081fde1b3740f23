"""The text the number scanner (and the source name index) reads: mojibake repaired, every digit system and sign made ASCII,
with a map from each character of that view back to the text as given.

Two steps, both cheap when there is nothing to do (pure-ASCII text skips both):

1. **Repair** (only where the text shows UTF-8 read as Latin-1/Windows-1252): text that was decoded
   with the wrong codec upstream (``Â£80m`` for ``£80m``, ``donâ€™t``) is repaired with ``ftfy.fix_encoding``
   (`ftfy <https://ftfy.readthedocs.io>`_, pinned in ``.ci/constraints.txt``; its version is part of
   the fact-check signature, see :data:`REPAIR`). Each whitespace-separated chunk is repaired on its
   own (one longer than :data:`MAX_CHUNK` characters, such as Chinese text, in bounded pieces around
   its mis-decoded pairs, so the time stays linear) and aligned back to its original characters
   (``difflib``), so offsets stay exact outside the repaired chunks and cover the whole repaired
   sequence inside them.
2. **One-to-one folding** (length-preserving): every Unicode decimal digit (``unicodedata.decimal``:
   fullwidth ``３``, Arabic-Indic ``٣``, Devanagari ``३``, Bengali, Thai...) becomes its ASCII digit,
   fullwidth ASCII forms (U+FF01-FF5E) become ASCII, the minus sign U+2212 becomes ``-``, the fraction
   slash U+2044 becomes ``/`` and the Arabic decimal/thousands separators U+066B/U+066C become ``.``/``,``.

>>> v = TextView.of("About ３,０００ people")
>>> v.text
'About 3,000 people'
>>> v.span(6, 11)
(6, 11)
>>> w = TextView.of("It cost Â£80m.")
>>> w.text, w.span(8, 12), "It cost Â£80m."[slice(*w.span(8, 12))]
('It cost £80m.', (8, 13), 'Â£80m')
"""

from __future__ import annotations

import difflib
import functools
import re
import sys
import unicodedata
from array import array
from dataclasses import dataclass


@functools.lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """code point -> replacement, built once per process (about 0.3 s: one pass over Unicode)."""
    table: dict[int, str] = {}
    for cp in range(0x80, sys.maxunicode + 1):
        ch = chr(cp)
        if unicodedata.category(ch) == "Nd":
            table[cp] = str(unicodedata.decimal(ch))
    for cp in range(0xFF01, 0xFF5F):  # fullwidth ASCII forms
        table[cp] = chr(cp - 0xFEE0)
    table[0x2212] = "-"  # MINUS SIGN
    table[0x2044] = "/"  # FRACTION SLASH
    table[0x066B] = "."  # ARABIC DECIMAL SEPARATOR
    table[0x066C] = ","  # ARABIC THOUSANDS SEPARATOR
    table[0x3000] = " "  # IDEOGRAPHIC SPACE
    return table


def _ftfy_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ftfy")
    except PackageNotFoundError:  # pragma: no cover - a declared dependency
        return "absent"


REPAIR = "ftfy-fix_encoding"
# The shape of UTF-8 read as Latin-1 / Windows-1252: a lead byte shown as Â..ô followed by a
# continuation byte shown as a C1 control, a Latin-1 symbol or a cp1252 punctuation mark ("Â£",
# "â€™", "Ã©"). Only whitespace-separated chunks holding one are handed to ftfy (a cheap filter:
# ftfy's own badness check costs about 1.6 ms per news article).
_CONTINUATION = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_MOJIBAKE_RE = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]")
_CONTINUATION_CHARS = frozenset(filter(re.compile(f"[{_CONTINUATION}]").fullmatch, map(chr, range(0x80, 0x2200))))
_SPACE_RE = re.compile(r"\s")
# A chunk longer than this (Chinese or Japanese text, written without spaces; a run of symbols) is
# repaired in pieces of at most this many characters, cut before a character that cannot continue a
# mis-decoded sequence, and only the pieces that hold one are handed to ftfy: aligning a whole chunk
# (difflib) costs the square of its length (a 200,000-character Chinese article with one mis-decoded
# name took 3 min 20 s). No chunk holding mojibake in the shared validation cuts is this long.
MAX_CHUNK = 256


def repair_signature() -> str:
    """``ftfy-<version>`` (recorded in the fact-check metric's signature)."""
    return f"ftfy-{_ftfy_version()}"


def _chunks(text: str):
    """``(start, end)`` of each white-space-separated chunk of ``text`` that holds a mis-decoded pair
    (:data:`_MOJIBAKE_RE`), in order; a chunk longer than :data:`MAX_CHUNK` gives only its pieces
    that hold one. Linear in ``text``: each character is looked at a bounded number of times."""
    n = len(text)
    pos = 0
    while True:
        m = _MOJIBAKE_RE.search(text, pos)
        if m is None:
            return
        start = m.start()
        while start > pos and not text[start - 1].isspace():
            start -= 1
        space = _SPACE_RE.search(text, m.end())
        end = space.start() if space is not None else n
        if end - start <= MAX_CHUNK:
            yield start, end
        else:
            yield from _pieces(text, start, end)
        pos = end


def _pieces(text: str, start: int, end: int):
    """The pieces of the long chunk ``text[start:end]`` that hold a mis-decoded pair: at most
    :data:`MAX_CHUNK` characters each, cut before a character that is not a continuation (so no
    mis-decoded sequence is cut), or at the limit where a run of continuations is longer."""
    while start < end:
        m = _MOJIBAKE_RE.search(text, start, end)
        if m is None:
            return
        if m.start() - start > MAX_CHUNK // 2:  # skip ahead: begin the piece shortly before the pair
            start = m.start() - MAX_CHUNK // 2
            while start < m.start() and text[start] in _CONTINUATION_CHARS:
                start += 1
        cut = min(end, start + MAX_CHUNK)
        if cut < end:
            k = cut
            while k > m.end() and text[k] in _CONTINUATION_CHARS:
                k -= 1
            cut = k if k > m.end() else cut
        yield start, cut
        start = cut


def _repair(text: str) -> tuple[str, array | None, array | None]:
    """(repaired text, start map, end map); the maps are None when nothing changed."""
    if not _MOJIBAKE_RE.search(text):
        return text, None, None
    try:
        import ftfy
    except ImportError:  # pragma: no cover - a declared dependency
        return text, None, None
    pieces: list[str] = []
    starts, ends = array("q"), array("q")
    pos = 0
    changed = False
    for c_start, c_end in _chunks(text):
        chunk = text[c_start:c_end]
        fixed = ftfy.fix_encoding(chunk)
        gap = text[pos:c_start]
        pieces.append(gap)
        starts.extend(range(pos, c_start))
        ends.extend(range(pos + 1, c_start + 1))
        if fixed == chunk:
            pieces.append(chunk)
            starts.extend(range(c_start, c_end))
            ends.extend(range(c_start + 1, c_end + 1))
        else:
            changed = True
            pieces.append(fixed)
            base = c_start
            dropped: int | None = None  # start of deleted characters, given to the next kept one
            for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, chunk, fixed, autojunk=False).get_opcodes():
                if tag == "delete":
                    dropped = i1 if dropped is None else dropped
                    continue
                first = base + (i1 if dropped is None else dropped)
                dropped = None
                if tag == "equal":
                    starts.extend(range(base + i1, base + i2))
                    ends.extend(range(base + i1 + 1, base + i2 + 1))
                    starts[len(starts) - (i2 - i1)] = first
                else:  # replace / insert: every new character covers the whole old run
                    starts.extend([first] * (j2 - j1))
                    ends.extend([base + max(i2, i1 + 1)] * (j2 - j1))
            if dropped is not None and len(ends):
                ends[-1] = c_end
        pos = c_end
    pieces.append(text[pos:])
    starts.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    if not changed:
        return text, None, None
    return "".join(pieces), starts, ends


@dataclass(frozen=True)
class TextView:
    """``text`` is what the scanner reads; :meth:`span` maps a span of it back to the given text."""

    text: str
    original: str
    starts: array | None = None
    ends: array | None = None

    @property
    def repaired(self) -> bool:
        return self.starts is not None

    @classmethod
    def of(cls, original: str) -> "TextView":
        if original.isascii():
            return cls(original, original)
        text, starts, ends = _repair(original)
        return cls(text.translate(_fold_table()), original, starts, ends)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the given text that ``text[start:end]`` was read from."""
        if self.starts is None or self.ends is None:
            return start, end
        if end <= start:
            s = self.starts[start] if start < len(self.starts) else len(self.original)
            return s, s
        return self.starts[start], self.ends[end - 1]
