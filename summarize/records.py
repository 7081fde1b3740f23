"""Typed records that cross module boundaries on the producing side.

A :class:`Document` is what a run reads; a :class:`Prediction` is one system's summary of it.
Both are frozen: a record, once made, is evidence and does not change.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Mapping


def content_id(text: str) -> str:
    """A stable id derived from content: the first 16 hex digits of its SHA-1.

    >>> content_id("hello")
    'aaf4c61ddcc5e8a2'
    """
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Document:
    """A source document, optionally with gold reference summaries.

    ``origin`` says where the record came from (``file:line``) so that errors can name it.
    ``meta`` carries extra input fields (title, label...) through to the records unchanged.
    """

    id: str
    text: str
    references: tuple[str, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)
    origin: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "document": self.text}
        if self.references:
            out["references"] = list(self.references)
        if self.meta:
            out["meta"] = dict(self.meta)
        return out


@dataclass(frozen=True)
class Prediction:
    """One system's summary of one document.

    ``meta`` records how it was made (input tokens kept, whether the input was truncated,
    cache hit, generation seconds...). ``summary`` may be empty: scoring then says so.
    """

    doc_id: str
    system: str
    summary: str
    meta: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.doc_id, "system": self.system, "summary": self.summary, "meta": dict(self.meta)}

    @classmethod
    def from_json(cls, row: Mapping[str, Any]) -> "Prediction":
        return cls(doc_id=str(row["id"]), system=str(row["system"]), summary=str(row["summary"]), meta=dict(row.get("meta") or {}))
