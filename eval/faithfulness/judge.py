"""The ``llm-judge`` backend: an instruction-following model behind an OpenAI-compatible
``/chat/completions`` endpoint judges each summary sentence against the source.

For every summary sentence the judge is asked for a verdict (supported / not supported) and the
exact source span that supports it, as one JSON object. A sentence scores 1 when the verdict is
"supported" and the quoted span is found in the source (its span becomes the evidence), 0 when
"not supported". A reply that cannot be parsed, or a "supported" whose quote is not in the
source, leaves that sentence *unscored* with the reason (never 0). The summary aggregates its
scored sentences (mean or min); with none scored it is unscored.

Sources longer than ``max_source_words`` are split into word-budget chunks (never cut); a
sentence is judged against each chunk until one supports it.

The prompt is versioned (:data:`PROMPT_VERSION`, part of the metric signature): changing its
text without changing the version is a bug.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np

from sumcheck.faithfulness.chunks import make_chunks
from sumcheck.faithfulness.result import EMPTY_SOURCE, EMPTY_SUMMARY, FaithfulnessResult, SentenceScore, unscored
from sumcheck.summarize.errors import ConfigError, InputError, ModelNotAvailableError
from sumcheck.summarize.text import split_sentences

BACKEND = "llm-judge"
PROMPT_VERSION = "judge-v1"
SYSTEM = ("You check whether a sentence is supported by a source document. Answer with one JSON object and nothing else: "
          '{"verdict": "supported" or "not supported", "evidence": "<an exact quote from the source that supports the '
          'sentence, or an empty string>"}.')
USER = "Source document:\n<<<\n{source}\n>>>\n\nSentence to check:\n<<<\n{sentence}\n>>>"

_FENCE_RE = re.compile(r"```(?:json)?\s*(.*?)```", re.S)
_VERDICT_RE = re.compile(r"verdict\W+(not[ _-]?supported|unsupported|supported)", re.I)


@dataclass(frozen=True)
class Verdict:
    supported: bool | None  # None: the reply could not be parsed
    evidence: str
    reason: str | None = None


def parse_reply(text: str) -> Verdict:
    """The verdict and quoted evidence from a judge's reply, tolerant of code fences, prose around
    the JSON object and ``verdict: ...`` / ``evidence: ...`` lines.

    >>> parse_reply('Sure! {"verdict": "supported", "evidence": "rates rose"}')
    Verdict(supported=True, evidence='rates rose', reason=None)
    >>> parse_reply("VERDICT: not supported").supported
    False
    >>> parse_reply("I think so.").reason
    'unparseable judge reply'
    """
    body = text or ""
    m = _FENCE_RE.search(body)
    candidates = [m.group(1)] if m else []
    start, end = body.find("{"), body.rfind("}")
    if 0 <= start < end:
        candidates.append(body[start:end + 1])
    for cand in candidates:
        try:
            obj = json.loads(cand)
        except ValueError:
            continue
        if isinstance(obj, dict) and isinstance(obj.get("verdict"), str):
            v = _verdict(obj["verdict"])
            if v is not None:
                ev = obj.get("evidence")
                return Verdict(v, ev if isinstance(ev, str) else "")
    m = _VERDICT_RE.search(body)
    if m:
        ev = re.search(r"evidence\W+\"?(.+?)\"?\s*$", body, re.I | re.M)
        return Verdict(bool(_verdict(m.group(1))), ev.group(1).strip() if ev else "")
    return Verdict(None, "", "unparseable judge reply")


def _verdict(word: str) -> bool | None:
    w = re.sub(r"[\s_-]+", " ", word.strip().lower())
    if w in ("supported", "yes", "true", "consistent"):
        return True
    if w in ("not supported", "unsupported", "no", "false", "inconsistent"):
        return False
    return None


def locate(quote: str, source: str) -> tuple[int, int] | None:
    """The character span of ``quote`` in ``source``: exact, else ignoring case and runs of
    whitespace; None when absent or empty.

    >>> locate("Rates  ROSE", "In May rates rose again.")
    (7, 17)
    """
    q = quote.strip().strip('"').strip()
    if not q:
        return None
    at = source.find(q)
    if at >= 0:
        return at, at + len(q)
    pattern = r"\s+".join(re.escape(w) for w in q.split())
    m = re.search(pattern, source, re.I)
    return (m.start(), m.end()) if m else None


class OpenAIChat:
    """A minimal OpenAI-compatible chat client (httpx): temperature 0, bounded retries on
    connection errors and 5xx. The key comes only from the environment variable named by
    ``api_key_env`` (never stored)."""

    def __init__(self, base_url: str, model: str, *, api_key_env: str | None = None, timeout: float = 60.0,
                 retries: int = 2, max_tokens: int = 256) -> None:
        if not base_url:
            raise ConfigError("llm-judge needs settings.base_url (an OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1)")
        self.base_url, self.model = base_url.rstrip("/"), model
        self.api_key_env, self.timeout, self.retries, self.max_tokens = api_key_env, timeout, retries, max_tokens

    def complete(self, system: str, user: str) -> str | None:
        """The reply text, or None when the endpoint answered but not with a chat completion."""
        import httpx

        headers = {}
        if self.api_key_env:
            key = os.environ.get(self.api_key_env)
            if not key:
                raise ConfigError(f"llm-judge: environment variable {self.api_key_env} (settings.api_key_env) is not set")
            headers["Authorization"] = f"Bearer {key}"
        payload = {"model": self.model, "temperature": 0, "max_tokens": self.max_tokens,
                   "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}]}
        last: Exception | None = None
        for _ in range(self.retries + 1):
            try:
                r = httpx.post(f"{self.base_url}/chat/completions", json=payload, headers=headers, timeout=self.timeout)
            except httpx.HTTPError as exc:
                last = exc
                continue
            if r.status_code >= 500:
                last = RuntimeError(f"HTTP {r.status_code}")
                continue
            if r.status_code >= 400:
                raise ConfigError(f"llm-judge endpoint {self.base_url} refused the request: HTTP {r.status_code} "
                                  f"{r.text[:200]!r}")
            try:
                content = r.json()["choices"][0]["message"]["content"]
            except (ValueError, KeyError, IndexError, TypeError):
                return None
            return content if isinstance(content, str) else None
        raise ModelNotAvailableError(f"llm-judge endpoint {self.base_url} did not answer after {self.retries + 1} tries: {last}")


class JudgeScorer:
    def __init__(self, client: Any, *, aggregation: str = "mean", threshold: float = 0.5,
                 max_source_words: int = 1500) -> None:
        if aggregation not in ("mean", "min"):
            raise ConfigError(f"llm-judge aggregation must be mean or min, got {aggregation!r}")
        if max_source_words < 50:
            raise ConfigError("llm-judge max_source_words must be at least 50")
        self.client, self.aggregation, self.threshold = client, aggregation, float(threshold)
        self.chunking = f"words{int(max_source_words)}"

    def _sentence(self, source: str, chunks, text: str) -> tuple[float | None, tuple[int, int] | None, str | None]:
        reason = None  # a chunk whose reply could not be used: without a "supported", the sentence stays unscored
        for c in chunks:
            reply = self.client.complete(SYSTEM, USER.format(source=c.text, sentence=text))
            v = parse_reply(reply) if reply is not None else Verdict(None, "", "endpoint reply is not a chat completion")
            if v.supported is None:
                reason = v.reason
                continue
            if v.supported:
                span = locate(v.evidence, c.text)
                if span is None:
                    reason = "the judge's quoted evidence is not in the source"
                    continue
                return 1.0, (c.start + span[0], c.start + span[1]), None
        if reason is not None:
            return None, None, reason
        return 0.0, None, None

    def score(self, sources: Sequence[str], summaries: Sequence[str]) -> list[FaithfulnessResult]:
        if len(sources) != len(summaries):
            raise InputError("sources and summaries must have the same length")
        out = []
        for src, summ in zip(sources, summaries):
            sents = split_sentences(summ)
            if not sents:
                out.append(unscored(EMPTY_SUMMARY, BACKEND))
                continue
            chunks = make_chunks(src, self.chunking)
            if not chunks:
                out.append(unscored(EMPTY_SOURCE, BACKEND))
                continue
            scored = []
            for s in sents:
                value, span, reason = self._sentence(src, chunks, s.text)
                scored.append(SentenceScore(s.start, s.end, s.text, value, span[0] if span else None,
                                            span[1] if span else None, reason))
            vals = [x.score for x in scored if x.score is not None]
            if not vals:
                out.append(unscored("no summary sentence could be judged: " + (scored[0].reason or "?"), BACKEND))
                continue
            total = float(min(vals)) if self.aggregation == "min" else float(np.mean(vals))
            out.append(FaithfulnessResult(total, "faithful" if total >= self.threshold else "unfaithful", tuple(scored),
                                          BACKEND))
        return out


def build(settings: Mapping[str, Any]) -> JudgeScorer:
    model = settings.get("model")
    if not model:
        raise ConfigError("faithfulness backend 'llm-judge' needs settings.model (the model name the endpoint serves)")
    client = OpenAIChat(str(settings.get("base_url") or ""), str(model), api_key_env=settings.get("api_key_env"),
                        timeout=float(settings.get("timeout", 60)), retries=int(settings.get("retries", 2)))
    return JudgeScorer(client, aggregation=str(settings.get("aggregation", "mean")),
                       threshold=float(settings.get("threshold", 0.5)),
                       max_source_words=int(settings.get("max_source_words", 1500)))
