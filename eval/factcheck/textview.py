"""The text the number scanner (and the source name index) reads: mojibake repaired, every digit system and sign made ASCII,
with a map from each character of that view back to the text as given.

Two steps, both cheap when there is nothing to do (pure-ASCII text skips both):

1. **Repair** (only where the text shows UTF-8 read as Latin-1/Windows-1252): text that was decoded
   with the wrong codec upstream (``Â£80m`` for ``£80m``, ``donâ€™t``) is repaired with ``ftfy.fix_encoding``
   (`ftfy <https://ftfy.readthedocs.io>`_, pinned in ``.ci/constraints.txt``; its version is part of
   the fact-check signature, see :data:`REPAIR`). Each whitespace-separated chunk is repaired on its
   own and aligned back to its original characters (``difflib``), so offsets stay exact outside the
   repaired chunks and cover the whole repaired sequence inside them.
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
_CHUNK_RE = re.compile(f"\\S*[\u00c2-\u00f4][{_CONTINUATION}]\\S*")


def repair_signature() -> str:
    """``ftfy-<version>`` (recorded in the fact-check metric's signature)."""
    return f"ftfy-{_ftfy_version()}"


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
    for m in _CHUNK_RE.finditer(text):
        chunk = m.group()
        fixed = ftfy.fix_encoding(chunk)
        gap = text[pos:m.start()]
        pieces.append(gap)
        starts.extend(range(pos, m.start()))
        ends.extend(range(pos + 1, m.start() + 1))
        if fixed == chunk:
            pieces.append(chunk)
            starts.extend(range(m.start(), m.end()))
            ends.extend(range(m.start() + 1, m.end() + 1))
        else:
            changed = True
            pieces.append(fixed)
            base = m.start()
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
                ends[-1] = m.end()
        pos = m.end()
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
