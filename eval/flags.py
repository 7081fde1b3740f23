"""The identity of a fact-check flag, shared by the report, the review server and the gate.

A flag is named by the document, the system and the flagged item's kind, span and text, so that a
verdict recorded on one run still applies to the same flag in a later run of the same summaries.
"""

from __future__ import annotations

import hashlib


def flag_id(*, doc_id: str, system: str, kind: str, start: int, end: int, text: str) -> str:
    """A 16-hex-digit id, stable across runs for the same flagged span.

    >>> flag_id(doc_id="d1", system="lead3", kind="number", start=4, end=9, text="3,000")
    'aca1fec5d98e20f0'
    """
    key = "\x1f".join([doc_id, system, kind, str(start), str(end), text])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
