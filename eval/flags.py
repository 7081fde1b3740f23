"""The identity of a reviewed item, shared by the report, the review server, the export and the gate.

A fact-check flag is named by the document, the system, the flag's kind, its normalised text and
the normalised summary sentence it sits in: a verdict recorded on one run applies to the same flag
in a later run even when an edit elsewhere in the summary moved its character offsets. (An edit in
the flag's own sentence makes it a new claim, to be reviewed again.) A low-faithfulness sentence is
named the same way, with the kind ``sentence``.

Verdicts written before this scheme name flags by their offsets (:func:`legacy_flag_id`); readers
that know the run's flags translate them (see :func:`sumcheck.review.store.latest_verdicts`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

SENTENCE_KIND = "sentence"
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text as compared for identity: NFKC, case-folded, runs of whitespace as one space, trimmed.

    >>> normalise("  Paris\\u00a0 Saint-Germain ")
    'paris saint-germain'
    """
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def sentence_at(summary: str, offset: int) -> str:
    """The text of the summary sentence containing character ``offset`` (the whole summary if none).

    >>> sentence_at("Rain fell. Prices rose by 3%.", 22)
    'Prices rose by 3%.'
    """
    from sumcheck.summarize.text import split_sentences

    for sentence in split_sentences(summary):
        if sentence.start <= offset < sentence.end:
            return sentence.text
    return summary


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def flag_id(*, doc_id: str, system: str, kind: str, text: str, sentence: str) -> str:
    """A 16-hex-digit id, the same for the same flag in the same sentence, wherever the sentence is.

    >>> a = flag_id(doc_id="d1", system="lead3", kind="number", text="3,000", sentence="It cost 3,000 euros.")
    >>> a == flag_id(doc_id="d1", system="lead3", kind="number", text="3,000", sentence="It  cost 3,000 EUROS.")
    True
    >>> a == flag_id(doc_id="d1", system="lead3", kind="number", text="3,000", sentence="It cost 3,000 dollars.")
    False
    """
    return _digest("v2", doc_id, system, kind, normalise(text), normalise(sentence))


def sentence_id(*, doc_id: str, system: str, sentence: str) -> str:
    """The id of a summary sentence as a reviewable item (kind ``sentence``)."""
    return flag_id(doc_id=doc_id, system=system, kind=SENTENCE_KIND, text=sentence, sentence=sentence)


def legacy_flag_id(*, doc_id: str, system: str, kind: str, start: int, end: int, text: str) -> str:
    """The offset-based id that verdicts written before :func:`flag_id` carry.

    >>> legacy_flag_id(doc_id="d1", system="lead3", kind="number", start=4, end=9, text="3,000")
    'aca1fec5d98e20f0'
    """
    return hashlib.sha1("\x1f".join([doc_id, system, kind, str(start), str(end), text]).encode("utf-8")).hexdigest()[:16]


def summary_flag_ids(*, doc_id: str, system: str, summary: str, kind: str, start: int, end: int, text: str) -> tuple[str, str]:
    """``(id, legacy id)`` of a flag at ``start:end`` in ``summary``."""
    sentence = sentence_at(summary, start)
    return (flag_id(doc_id=doc_id, system=system, kind=kind, text=text, sentence=sentence),
            legacy_flag_id(doc_id=doc_id, system=system, kind=kind, start=start, end=end, text=text))
