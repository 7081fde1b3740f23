"""The ``llm-judge`` backend: an instruction-following model behind an OpenAI-compatible
``/chat/completions`` endpoint judges each summary sentence against the source.

For every summary sentence the judge is asked for a verdict (supported / not supported) and the
exact source span that supports it, as one JSON object. A sentence scores 1 when the verdict is
"supported" and the quoted span is found in the source (its span becomes the evidence), 0 when
"not supported". A reply that cannot be parsed, or a "supported" whose quote is not in the
source, leaves that sentence *unscored* with the reason (never 0). The summary aggregates its
scored sentences (mean or min); with none scored it is unscored (its sentences, with their
reasons, are still listed).

Requests go through :class:`sumcheck.summarize.openai_client.OpenAIClient`, the client of the
``openai`` summarizer system, with the same settings names: ``base_url`` (the API root with
``/v1``), ``model`` (the name the server knows the model by), ``api_key_env`` (the environment
variable holding the key: read when the client is made, never stored, logged or signed),
``max_concurrency``, ``timeout`` (seconds per attempt) and ``max_retries``; plus ``max_tokens`` (the
reply budget). Temperature is 0. The settings' old name ``retries`` is now ``max_retries``.

Sources longer than ``max_source_words`` are split into word-budget chunks (never cut). Judging
goes in rounds: round *k* sends chunk *k* for every sentence that no earlier chunk supported (so a
sentence stops at the first chunk that supports it), all of a round's requests through
:meth:`~sumcheck.summarize.openai_client.OpenAIClient.complete_many` (at most ``max_concurrency`` in
flight, per scoring process).

Failures, decided by what the client reports for a request (after its retries, which honour
``Retry-After``):

* the endpoint as a whole is unusable, and scoring stops with a one-line typed error (the ones the
  ``openai`` system raises): HTTP 401/403 (the key) -> :class:`ConfigError`; HTTP 404 (no such
  model, or a ``base_url`` without ``/v1``) -> :class:`ModelNotAvailableError`; a connection error
  before this scorer has had any answer from the server (refused, unknown host: a wrong
  ``base_url`` or a server that is not running) -> :class:`ModelNotAvailableError`. An unset
  ``api_key_env`` variable is a :class:`ConfigError` as soon as the metric is built.
* one request failed (429/5xx/timeout/dropped connection still failing after the retries, another
  4xx, a body that is not a completion): that chunk's judgement is missing, and the sentence, unless
  another chunk supports it, is unscored with ``judge request failed: <the client's reason>``.
* a reply that cannot be read: ``unparseable judge reply``, or, when the server stopped at
  ``max_tokens`` (``finish_reason: length``), ``judge reply cut at max_tokens (N) before a verdict
  could be read``.

Each judged row carries ``usage``: ``requests``, ``failed``, ``prompt_tokens`` and
``completion_tokens`` (summed as the server counts them; None when it sends no counts) and
``served_models`` (the model names the server reported). The served model is recorded there, not
in the metric signature: the signature is computed in the driver, before scoring, while rows may be
scored in worker processes or in an earlier session of a resumed run.

The prompt is versioned (:data:`PROMPT_VERSION`, part of the metric signature): changing its
text without changing the version is a bug.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np

from sumcheck.faithfulness.chunks import Chunk, make_chunks
from sumcheck.faithfulness.result import EMPTY_SOURCE, EMPTY_SUMMARY, FaithfulnessResult, SentenceScore, unscored
from sumcheck.summarize import safejson
from sumcheck.summarize.errors import ConfigError, InputError, SumcheckError
from sumcheck.summarize.openai_client import ChatRequest, Completion, answered, endpoint_error, read_api_key
from sumcheck.summarize.text import split_sentences

log = logging.getLogger(__name__)

BACKEND = "llm-judge"
PROMPT_VERSION = "judge-v1"
SYSTEM = ("You check whether a sentence is supported by a source document. Answer with one JSON object and nothing else: "
          '{"verdict": "supported" or "not supported", "evidence": "<an exact quote from the source that supports the '
          'sentence, or an empty string>"}.')
USER = "Source document:\n<<<\n{source}\n>>>\n\nSentence to check:\n<<<\n{sentence}\n>>>"

# the settings' defaults (the metric declares them from here); the client's names and defaults
DEFAULTS: dict[str, Any] = {"timeout": 60.0, "max_retries": 4, "max_concurrency": 4, "max_tokens": 256,
                            "max_source_words": 1500, "aggregation": "mean", "threshold": 0.5}
RENAMED = {"retries": "max_retries"}

UNPARSEABLE = "unparseable judge reply"
NOT_IN_SOURCE = "the judge's quoted evidence is not in the source"

_FENCE_RE = re.compile(r"```(?:json)?\s*(.*?)```", re.S)
_VERDICT_RE = re.compile(r"verdict\W+(not[ _-]?supported|unsupported|supported)", re.I)
_URL_RE = re.compile(r"^https?://\S+$")


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
            obj = safejson.loads(cand)  # a model's reply: a bracket run is no verdict, not a RecursionError
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
    return Verdict(None, "", UNPARSEABLE)


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


def _number(settings: Mapping[str, Any], name: str, kind: type, low: float, strict: bool = False) -> Any:
    value = settings.get(name)
    value = DEFAULTS[name] if value is None else value
    try:
        if isinstance(value, bool):
            raise TypeError
        out = kind(value)
    except (TypeError, ValueError):
        raise ConfigError(f"faithfulness llm-judge setting {name!r} must be a number, got {value!r}") from None
    if out < low or (strict and out == low):
        raise ConfigError(f"faithfulness llm-judge setting {name!r} must be {'>' if strict else '>='} {low:g}, got {value!r}")
    return out


def check_settings(settings: Mapping[str, Any], *, key: bool = True) -> dict[str, Any]:
    """The client's settings, validated (with the defaults filled in); raises a one-line
    :class:`ConfigError` naming the setting. With ``key``, reads the key's variable only to check it
    is set (a config is loaded without it: `sumcheck pull` needs no key)."""
    for old, new in RENAMED.items():
        if old in settings:
            raise ConfigError(f"faithfulness llm-judge setting {old!r} is now {new!r} (the openai system's name)")
    model = settings.get("model")
    if not isinstance(model, str) or not model.strip():
        raise ConfigError("faithfulness backend 'llm-judge' needs settings.model (the model name the endpoint serves)")
    base_url = settings.get("base_url")
    if not isinstance(base_url, str) or not _URL_RE.match(base_url.strip()):
        raise ConfigError("faithfulness backend 'llm-judge' needs settings.base_url: an OpenAI-compatible API root with "
                          f"its /v1 (e.g. http://127.0.0.1:8000/v1), got {base_url!r}")
    key_env = settings.get("api_key_env")
    if key_env is not None and (not isinstance(key_env, str) or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", key_env)):
        raise ConfigError(f"faithfulness llm-judge setting 'api_key_env' must name an environment variable, got {key_env!r}")
    try:
        if key:
            read_api_key(key_env)
    except ConfigError as exc:
        raise ConfigError(f"faithfulness llm-judge: {exc}") from None
    return {"base_url": base_url.strip(), "model": model, "api_key_env": key_env,
            "timeout": _number(settings, "timeout", float, 0, strict=True),
            "max_retries": _number(settings, "max_retries", int, 0),
            "max_concurrency": _number(settings, "max_concurrency", int, 1),
            "max_tokens": _number(settings, "max_tokens", int, 1),
            "threshold": _threshold(settings),
            "max_source_words": _number(settings, "max_source_words", int, 50),
            "aggregation": _aggregation(settings)}


def _threshold(settings: Mapping[str, Any]) -> float:
    value = _number(settings, "threshold", float, 0)
    if value > 1:
        raise ConfigError(f"faithfulness llm-judge setting 'threshold' must be between 0 and 1 (a summary score), got {value:g}")
    return value


def _aggregation(settings: Mapping[str, Any]) -> str:
    value = settings.get("aggregation")
    value = DEFAULTS["aggregation"] if value is None else value
    if value not in ("mean", "min"):
        raise ConfigError(f"faithfulness llm-judge setting 'aggregation' must be mean or min, got {value!r}")
    return str(value)


@dataclass
class _Sentence:
    """One summary sentence on its way through the chunk rounds."""

    row: int
    start: int
    end: int
    text: str
    chunks: Sequence[Chunk]
    value: float | None = None
    span: tuple[int, int] | None = None
    reason: str | None = None  # the last unusable chunk judgement: without a support, the sentence is unscored

    def result(self) -> SentenceScore:
        # no chunk supported it: 0 when every chunk answered "not supported", else unscored with the reason
        score = self.value if self.value is not None else (0.0 if self.reason is None else None)
        return SentenceScore(self.start, self.end, self.text, score, self.span[0] if self.span else None,
                             self.span[1] if self.span else None, None if score is not None else self.reason)


@dataclass
class _Usage:
    requests: int = 0
    failed: int = 0
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    served_models: set[str] = field(default_factory=set)

    def add(self, c: Completion) -> None:
        self.requests += 1
        self.failed += not c.ok
        if c.prompt_tokens is not None:
            self.prompt_tokens = (self.prompt_tokens or 0) + c.prompt_tokens
        if c.completion_tokens is not None:
            self.completion_tokens = (self.completion_tokens or 0) + c.completion_tokens
        if c.model:
            self.served_models.add(str(c.model))

    def to_json(self) -> dict[str, Any]:
        return {"requests": self.requests, "failed": self.failed, "prompt_tokens": self.prompt_tokens,
                "completion_tokens": self.completion_tokens, "served_models": sorted(self.served_models)}


class JudgeScorer:
    """Scores (source, summary) pairs with ``client`` (an :class:`OpenAIClient`) asking ``model``."""

    def __init__(self, client: Any, model: str, *, max_tokens: int = DEFAULTS["max_tokens"],
                 aggregation: str = DEFAULTS["aggregation"], threshold: float = DEFAULTS["threshold"],
                 max_source_words: int = DEFAULTS["max_source_words"]) -> None:
        if aggregation not in ("mean", "min"):
            raise ConfigError(f"llm-judge aggregation must be mean or min, got {aggregation!r}")
        if max_source_words < 50:
            raise ConfigError("llm-judge max_source_words must be at least 50")
        self.client, self.model, self.max_tokens = client, model, int(max_tokens)
        self.aggregation, self.threshold = aggregation, float(threshold)
        self.chunking = f"words{int(max_source_words)}"
        self._reached = False  # has the endpoint answered anything (an HTTP status) yet?

    def __repr__(self) -> str:
        return f"JudgeScorer(model={self.model!r}, client={self.client!r})"

    def request(self, chunk: str, sentence: str) -> ChatRequest:
        return ChatRequest(model=self.model, max_tokens=self.max_tokens, temperature=0.0,
                           messages=({"role": "system", "content": SYSTEM},
                                     {"role": "user", "content": USER.format(source=chunk, sentence=sentence)}))

    def _endpoint_error(self, error: str) -> SumcheckError | None:
        """The typed error when a failed request shows the whole endpoint unusable (module docstring)."""
        return endpoint_error(error, reached=self._reached, who="llm-judge", where=getattr(self.client, "base_url", "the endpoint"),
                              model=self.model, key_setting="settings.api_key_env", model_setting="settings.model",
                              url_setting="settings.base_url")

    def _arrived(self, _: int, c: Completion) -> None:
        if answered(c):
            self._reached = True
        if not c.ok:
            err = self._endpoint_error(c.error)
            if err is not None:
                raise err

    def _round(self, todo: list[_Sentence], k: int, usage: list[_Usage]) -> tuple[int, int]:
        """Judge every sentence of ``todo`` against its ``k``-th chunk; returns (failed, cut) counts."""
        results = self.client.complete_many([self.request(s.chunks[k].text, s.text) for s in todo], on_result=self._arrived)
        failed = cut = 0
        for s, c in zip(todo, results):
            usage[s.row].add(c)
            chunk = s.chunks[k]
            if not c.ok:
                failed += 1
                s.reason = f"judge request failed: {c.error}"
                continue
            v = parse_reply(c.text)
            if v.supported is None:
                cut += c.truncated
                s.reason = (f"judge reply cut at max_tokens ({self.max_tokens}) before a verdict could be read"
                            if c.truncated else v.reason)
                continue
            if v.supported:
                span = locate(v.evidence, chunk.text)
                if span is None:
                    s.reason = NOT_IN_SOURCE
                    continue
                s.value, s.span = 1.0, (chunk.start + span[0], chunk.start + span[1])
        return failed, cut

    def score(self, sources: Sequence[str], summaries: Sequence[str]) -> list[FaithfulnessResult]:
        if len(sources) != len(summaries):
            raise InputError("sources and summaries must have the same length")
        out: list[FaithfulnessResult | None] = [None] * len(sources)
        rows: dict[int, list[_Sentence]] = {}
        for i, (src, summ) in enumerate(zip(sources, summaries)):
            sents = split_sentences(summ)
            if not sents:
                out[i] = unscored(EMPTY_SUMMARY, BACKEND)
                continue
            chunks = make_chunks(src, self.chunking)
            if not chunks:
                out[i] = unscored(EMPTY_SOURCE, BACKEND)
                continue
            rows[i] = [_Sentence(i, s.start, s.end, s.text, chunks) for s in sents]
        usage = [_Usage() for _ in sources]
        pending = [s for sents in rows.values() for s in sents]
        k = failed = cut = 0
        while True:
            todo = [s for s in pending if s.value is None and k < len(s.chunks)]
            if not todo:
                break
            f, c = self._round(todo, k, usage)
            failed, cut, k = failed + f, cut + c, k + 1
        if k:
            total = [u for u in usage if u.requests]
            log.info("llm-judge %s: %d requests in %d round(s), %d failed, %d cut at max_tokens; tokens: %s prompt, %s completion",
                     self.model, sum(u.requests for u in total), k, failed, cut,
                     sum(u.prompt_tokens or 0 for u in total), sum(u.completion_tokens or 0 for u in total))
        for i, sents in rows.items():
            scored = tuple(s.result() for s in sents)
            vals = [x.score for x in scored if x.score is not None]
            if not vals:
                out[i] = FaithfulnessResult(None, None, scored, BACKEND,
                                            "no summary sentence could be judged: " + (scored[0].reason or "?"),
                                            usage[i].to_json())
                continue
            agg = float(min(vals)) if self.aggregation == "min" else float(np.mean(vals))
            out[i] = FaithfulnessResult(agg, "faithful" if agg >= self.threshold else "unfaithful", scored, BACKEND,
                                        usage=usage[i].to_json())
        return [r for r in out if r is not None]


def build(settings: Mapping[str, Any]) -> JudgeScorer:
    """The scorer for a ``faithfulness: {backend: llm-judge, ...}`` settings mapping (module docstring)."""
    from sumcheck.summarize.openai_client import OpenAIClient

    s = check_settings(settings)
    client = OpenAIClient(base_url=s["base_url"], api_key_env=s["api_key_env"], timeout=s["timeout"],
                          max_retries=s["max_retries"], max_concurrency=s["max_concurrency"])
    return JudgeScorer(client, s["model"], max_tokens=s["max_tokens"], aggregation=s["aggregation"],
                       threshold=s["threshold"], max_source_words=s["max_source_words"])
