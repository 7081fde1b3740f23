"""JSON from outside (a user's JSONL, a run folder, a baseline, the review log, a server's body), read
so that hostile text is an ordinary "this line is not usable" error and never an internal error.

``json.loads`` has two ways out besides :class:`json.JSONDecodeError`: nesting deeper than the
interpreter's recursion limit raises :class:`RecursionError` (about 1,000 levels; less when called deep
in a stack), and an integer longer than ``sys.get_int_max_str_digits()`` (4,300 digits by default,
CPython 3.11+, CVE-2020-10735) raises a bare :class:`ValueError`. :func:`loads` turns both into a
:class:`JSONLimitError` and also refuses nesting deeper than :data:`MAX_DEPTH` levels, so that no
value that was read can make a later step (copying, writing it back) recurse too deep either.
"""

from __future__ import annotations

import json
import sys
from typing import Any

MAX_DEPTH = 100  # levels of arrays/objects; real rows use 2-4


class JSONLimitError(ValueError):
    """Valid-looking JSON beyond what sumcheck reads: nested more than :data:`MAX_DEPTH` levels, or an
    integer with more digits than Python converts. The message is one line saying which."""


def loads(text: str | bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    """``json.loads(text)``, with the limits of the module docstring.

    Raises :class:`json.JSONDecodeError` (malformed JSON, as ``json.loads``) or
    :class:`JSONLimitError` (too deep, too many digits); both are ``ValueError``.

    >>> loads('{"id": 7, "x": [[1]]}')
    {'id': 7, 'x': [[1]]}
    >>> loads("[" * 101 + "]" * 101)
    Traceback (most recent call last):
    sumcheck.summarize.safejson.JSONLimitError: nested more than 100 levels deep
    >>> loads('{"id": ' + "9" * 5000 + "}")
    Traceback (most recent call last):
    sumcheck.summarize.safejson.JSONLimitError: a number with more than 4300 digits
    """
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise JSONLimitError(f"nested more than {max_depth} levels deep") from None
    except ValueError as exc:
        if "digits" in str(exc):  # "Exceeds the limit (4300 digits) for integer string conversion"
            raise JSONLimitError(f"a number with more than {_digit_limit()} digits") from None
        raise
    if _brackets(text) > max_depth and _deeper_than(value, max_depth):
        raise JSONLimitError(f"nested more than {max_depth} levels deep")
    return value


def _digit_limit() -> int:
    get = getattr(sys, "get_int_max_str_digits", None)
    return int(get()) if get else 4300


def _brackets(text: str | bytes) -> int:
    """An upper bound of the nesting depth, counted in C (most lines need no walk at all)."""
    if isinstance(text, (bytes, bytearray)):
        return text.count(b"[") + text.count(b"{")
    return text.count("[") + text.count("{")


def _deeper_than(value: Any, limit: int) -> bool:
    """Is ``value`` nested more than ``limit`` levels deep? (iterative: no recursion of its own)"""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False
