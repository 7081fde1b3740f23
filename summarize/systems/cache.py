"""A cache of generated summaries, one small JSON file per (system settings, document).

The key is a SHA-256 over everything that changes the output and nothing else: the model's identity
(hub commit or file checksum; for an API system its ``base_url`` and ``model``), the resolved dtype
and device type, the generation settings, the prompt or prefix, the truncation limit, the torch and
transformers versions (local models) and the document text. The system's ``name``, its
``batch_size`` and the document's id are left out, so renaming a system, changing the batch size
or re-running the same text under another id reuses the summary: the batch size cannot change a
summary, since inputs are padded per batch with attention masks and, with sampling on, each
document draws from its own generator seeded by the run's seed and its text
(:func:`sumcheck.summarize.systems.runtime.document_seed`). An API key is never part of a key.

Files live under ``<cache root>/summaries/<key[:2]>/<key>.json`` (see
:func:`sumcheck.summarize.systems.resolve.cache_root`) and are written atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from sumcheck.summarize import safejson
from sumcheck.summarize.redact import redact
from sumcheck.summarize.systems.resolve import cache_root


def text_digest(text: str) -> str:
    """SHA-256 of the UTF-8 text.

    >>> text_digest("abc")[:12]
    'ba7816bf8f01'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cache_key(settings: Mapping[str, Any], document_text: str) -> str:
    """SHA-256 of the canonical JSON of ``settings`` plus the document's digest."""
    blob = json.dumps({"settings": settings, "document": text_digest(document_text)}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class SummaryCache:
    """Get and put ``{"summary": str, "meta": {...}}`` records by key."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or cache_root()) / "summaries"

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        path = self._path(key)
        try:
            record = safejson.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return None  # an unreadable entry is a miss; the next put overwrites it
        if not isinstance(record, dict) or not isinstance(record.get("summary"), str):
            return None
        return record

    def put(self, key: str, record: Mapping[str, Any]) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(redact(json.dumps(dict(record), ensure_ascii=False)))  # never an API key on disk
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


def serve_cached(cache: "SummaryCache", settings: Mapping[str, Any], documents: Sequence[Any], system: str, *,
                 use_cache: bool, on_result: Callable[[int, Any], None] | None = None) -> tuple[list[str], list[Any], list[int]]:
    """Answer what the summary cache already holds, for any system.

    Returns ``(keys, out, todo)``: each document's cache key, the predictions in input order
    (``None`` where the cache has nothing, or ``use_cache`` is off) and the indices still to generate.
    Each hit is a :class:`~sumcheck.summarize.records.Prediction` with ``meta["cache"] = "hit"``,
    reported to ``on_result(index, prediction)`` at once.
    """
    from sumcheck.summarize.records import Prediction

    keys = [cache_key(settings, d.text) for d in documents]
    out: list[Any] = [None] * len(documents)
    todo: list[int] = []
    for i, (doc, key) in enumerate(zip(documents, keys)):
        record = cache.get(key) if use_cache else None
        if record is None:
            todo.append(i)
            continue
        out[i] = Prediction(doc.id, system, record["summary"], {**record.get("meta", {}), "cache": "hit"})
        if on_result is not None:
            on_result(i, out[i])
    return keys, out, todo
