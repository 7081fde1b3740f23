"""The faithfulness row shape shared by every backend.

Scored: ``{"score", "label", "sentences": [{"start", "end", "text", "score", "evidence": {"start", "end"}}],
"backend"}``; the offline backend adds per sentence ``"verdict"`` (supported / contradicted / not found /
unchecked), ``"findings"`` (contradictions: ``{"kind", "start", "end", "text", "source": {"start", "end",
"text"}, "reason"}``, summary and source spans) and, when the contradiction check did not run,
``"contradiction_check"`` (its reason); unscored: ``{"score": None, "reason", "backend"}``. Sentence spans index the summary,
evidence spans index the source document. Every sentence of the summary is listed; a sentence the
backend could not score (an unparseable judge reply) has ``"score": None`` and a ``"reason"``. An
llm-judge row that judged no sentence is unscored and still lists its sentences (each with its
reason); llm-judge rows also carry ``"usage"`` (requests, failed, prompt/completion tokens, served
models); bartscore rows ``"raw"``, BARTScore's own value (a mean log-likelihood, ``score = exp(raw)``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping


@dataclass(frozen=True)
class SentenceScore:
    start: int
    end: int
    text: str
    score: float | None  # None: this sentence could not be scored (``reason`` says why; llm-judge only)
    evidence_start: int | None
    evidence_end: int | None
    reason: str | None = None
    # offline backend (issue 26): "supported" | "contradicted" | "not found" | "unchecked" (score at or
    # above the label threshold but the contradiction check could not run: ``check_reason`` says why)
    verdict: str | None = None
    findings: tuple[Any, ...] = ()  # sumcheck.faithfulness.contradiction.Finding
    check_reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        ev = None if self.evidence_start is None else {"start": self.evidence_start, "end": self.evidence_end}
        if self.score is None:
            return {"start": self.start, "end": self.end, "text": self.text, "score": None, "evidence": None,
                    "reason": self.reason}
        out = {"start": self.start, "end": self.end, "text": self.text, "score": round(self.score, 6), "evidence": ev}
        if self.verdict is not None:
            out["verdict"] = self.verdict
            if self.verdict == "not found" and self.reason is not None:
                out["reason"] = self.reason  # why it was not found (the score against the threshold, fact-check flags)
            out["findings"] = [f.to_json() for f in self.findings]
            if self.check_reason is not None:
                out["contradiction_check"] = self.check_reason
        return out


@dataclass(frozen=True)
class FaithfulnessResult:
    score: float | None
    label: str | None
    sentences: tuple[SentenceScore, ...]
    backend: str
    reason: str | None = None
    usage: Mapping[str, Any] | None = None  # llm-judge: requests, tokens and served models behind this row
    raw: float | None = None  # bartscore: the published value (mean token log-likelihood); score = exp(raw)

    def to_json(self) -> dict[str, Any]:
        if self.score is None:
            out: dict[str, Any] = {"score": None, "reason": self.reason, "backend": self.backend}
            if self.sentences:  # llm-judge: no sentence could be judged; each one's reason
                out["sentences"] = [s.to_json() for s in self.sentences]
        else:
            out = {"score": round(self.score, 6), "label": self.label,
                   "sentences": [s.to_json() for s in self.sentences], "backend": self.backend}
            if self.raw is not None:
                out["raw"] = round(self.raw, 6)
        if self.usage is not None:
            out["usage"] = dict(self.usage)
        return out


def unscored(reason: str, backend: str) -> FaithfulnessResult:
    return FaithfulnessResult(None, None, (), backend, reason)


EMPTY_SUMMARY = "empty summary: no sentence to check"
EMPTY_SOURCE = "empty source document: nothing to check against"
