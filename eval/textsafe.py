"""Text from user data (system names, document ids, paths, flagged texts) made safe for where it is
shown: a terminal (:func:`plain`), GitHub Markdown (:func:`md`) or JSON printed on a terminal
(:func:`json_text`). Light on purpose: ``score``'s and ``run``'s printing import it, not the gate.

Control characters (C0, DEL, C1, the line and paragraph separators) would let a name move the
cursor, clear the screen or set the terminal's title (``ESC ]0;...BEL``); the Unicode bidirectional
formatting characters (LRM, RLM, ALM, the embeddings and overrides U+202A-U+202E and the isolates
U+2066-U+2069) would let ``id6<RLO>evil<PDF>`` show as ``id6live`` in a terminal that reorders
text. All of them are shown as escapes (``\\x1b``, ``\\u202e``).
"""

from __future__ import annotations

import re

CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
_JSON_RAW_RE = re.compile("[\x7f-\x9f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")  # what json.dumps leaves raw
_MD_SPECIAL = set("\\`*_[]<>&|~#@!{}")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def plain(text: str) -> str:
    r"""Text safe for a terminal: control and bidi formatting characters (newlines too) shown as escapes.

    >>> plain("a\nb\x1b[31m"), plain("id6\u202eevil\u202c")
    ('a\\x0ab\\x1b[31m', 'id6\\u202eevil\\u202c')
    """
    return CONTROL_RE.sub(_escape, text)


def plain_lines(text: str) -> str:
    r"""Like :func:`plain`, but line breaks (``\n``) are kept: for messages and log lines of several lines.

    >>> plain_lines("system \x1b]0;pwned\x07 failed\nsee above")
    'system \\x1b]0;pwned\\x07 failed\nsee above'
    """
    return "\n".join(plain(line) for line in text.split("\n"))


def md(text: str) -> str:
    """Text safe inside a Markdown table cell or list item on GitHub.

    >>> md("<b>@ana|x_y</b>")
    '&#60;b&#62;&#64;ana&#124;x&#95;y&#60;/b&#62;'
    """
    text = plain(text)
    return "".join(f"&#{ord(ch)};" if ch in _MD_SPECIAL else ch for ch in text)


def json_text(text: str) -> str:
    r"""JSON text (``json.dumps(..., ensure_ascii=False)``) with the characters of :data:`CONTROL_RE` that
    JSON leaves raw (DEL, C1, the separators, bidi formatting) written as ``\uXXXX`` escapes: the same JSON
    value, safe on a terminal. They can only occur inside strings, where the escape means the same.

    >>> json_text('{"s": "a\x9b2J\u202e"}')
    '{"s": "a\\u009b2J\\u202e"}'
    """
    return _JSON_RAW_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


BIDI_RE = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
BIDI_NAMES = {0x200E: "LRM", 0x200F: "RLM", 0x061C: "ALM", 0x202A: "LRE", 0x202B: "RLE", 0x202C: "PDF", 0x202D: "LRO",
              0x202E: "RLO", 0x2066: "LRI", 0x2067: "RLI", 0x2068: "FSI", 0x2069: "PDI"}


def mark_bidi(text: str) -> str:
    """Each bidirectional formatting character replaced by a visible mark naming it (Unicode's
    abbreviation), so that a name or id shows what it holds instead of being reordered by it. For
    display only: the data keeps the original text. The report also isolates such names
    (``unicode-bidi: isolate``), so that right-to-left letters in them stay inside them.

    >>> mark_bidi("id6\u202eevil\u202c"), mark_bidi("plain")
    ('id6\u27e8RLO\u27e9evil\u27e8PDF\u27e9', 'plain')
    """
    if not BIDI_RE.search(text):
        return text
    return BIDI_RE.sub(lambda m: f"\u27e8{BIDI_NAMES[ord(m.group())]}\u27e9", text)
