"""The ``offline`` backend: MiniLM alignment + lexical support + fact-check results, combined by
the calibrated logistic model of :mod:`sumcheck.faithfulness.model`.

All summary sentences of a batch are encoded in one call; each source is chunked and indexed once
and kept in a per-document cache (:class:`sumcheck.faithfulness.align.SourceCache`) with the
embeddings of its chunks encoded so far. A model with ``candidates: m`` aligns each summary sentence
with only the ``m`` chunks sharing most content words with it, so only those chunks are encoded
(all new ones of a batch in one call); with ``candidates: 0`` every chunk is.

Issue 26: each summary sentence is also checked for explicit contradictions (negation, opposite
predicates, swapped roles) against its best-aligned source sentences
(:mod:`sumcheck.faithfulness.contradiction`); its findings are listed with the sentence, its
verdict is supported / contradicted / not found / unchecked, a contradicted sentence's score is
multiplied by the model's ``contradiction_factor`` and the summary is labelled unfaithful when any
sentence is contradicted or not found. The per-sentence feature ``contradiction`` (1.0 with a
finding) carries the findings into calibration.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from sumcheck.faithfulness.align import PreparedSource, SourceCache
from sumcheck.faithfulness.contradiction import ALIGNED, KINDS, SentenceCheck
from sumcheck.faithfulness.features import SentenceEvidence, sentence_evidence
from sumcheck.faithfulness.lexical import candidate_chunks
from sumcheck.faithfulness.model import OfflineModel
from sumcheck.faithfulness.result import EMPTY_SOURCE, EMPTY_SUMMARY, FaithfulnessResult, SentenceScore, unscored
from sumcheck.summarize.errors import ConfigError, InputError
from sumcheck.summarize.text import split_sentences

BACKEND = "offline"


class OfflineScorer:
    """Scores (source, summary) texts; ``cache_capacity=0`` disables the per-document cache."""

    def __init__(self, model: OfflineModel | None, *, chunking: str | None = None, device: str = "cpu",
                 cache_capacity: int = 256, batch_size: int = 64, encoder=None, encoder_dtype: str | None = None,
                 candidates: int | None = None, contradictions: bool = True, encoder_kind: str | None = None) -> None:
        from sumcheck.summarize.embed import load_encoder

        if model is not None and chunking is not None and chunking != model.chunking:
            raise ConfigError(f"the calibrated model was fitted with chunking {model.chunking!r}, not {chunking!r}; "
                              "recalibrate with `sumcheck calibrate --chunking ...` to change it")
        self.model = model
        if model is not None and candidates is not None and candidates != model.candidates:
            raise ConfigError(f"the calibrated model aligns with {model.candidates or 'all'} candidate chunks, not "
                              f"{candidates}; recalibrate with `sumcheck calibrate --candidates ...` to change it")
        self.chunking = chunking or (model.chunking if model else "sent")
        if candidates is not None and (isinstance(candidates, bool) or not isinstance(candidates, int) or candidates < 0):
            raise ConfigError(f"candidates must be an integer >= 0 (0 = every chunk), got {candidates!r}")
        self.candidates = model.candidates if model is not None else int(candidates or 0)
        # the encoder and its precision are the calibrated model's (a model is only valid with the encoder it was fitted on)
        if model is not None and encoder_kind is not None and encoder_kind != model.encoder:
            raise ConfigError(f"the calibrated model was fitted with the {model.encoder!r} encoder, not {encoder_kind!r}; "
                              "recalibrate with `sumcheck calibrate --encoder ...` to change it")
        self.encoder_kind = model.encoder if model is not None else (encoder_kind or "minilm")
        dtype = model.encoder_dtype if model is not None else (encoder_dtype or "float32")
        self.encoder = encoder or load_encoder(device=device, dtype=dtype, kind=self.encoder_kind)
        self.cache = SourceCache(self.encoder, chunking=self.chunking, capacity=cache_capacity, batch_size=batch_size)
        self.batch_size = batch_size
        self.contradictions = contradictions  # run the contradiction check (issue 26); off: no findings, no verdicts

    def evidence(self, sources: Sequence[str], summaries: Sequence[str],
                 factcheck: Sequence[Mapping[str, Any] | None] | None = None) -> list[list[SentenceEvidence] | None]:
        """Per pair, the features of each summary sentence (None when the pair cannot be scored)."""
        if len(sources) != len(summaries):
            raise InputError("sources and summaries must have the same length")
        fc = list(factcheck) if factcheck is not None else [None] * len(sources)
        sents = [split_sentences(s) for s in summaries]
        live = [i for i in range(len(sources)) if sents[i] and sources[i].strip()]
        preps = self.cache.prepare_many([sources[i] for i in live])
        if self.candidates:
            cands = [[candidate_chunks(s.text, prep.lexicon, self.candidates) for s in sents[i]] for i, prep in zip(live, preps)]
            self.cache.ensure([(prep, [j for c in cs for j in c]) for prep, cs in zip(preps, cands)])
        else:
            cands = [None] * len(live)
            self.cache.ensure([(prep, None) for prep in preps])
        flat = [s.text for i in live for s in sents[i]]
        emb = self.encoder.encode(flat, batch_size=self.batch_size)
        out: list[list[SentenceEvidence] | None] = [None] * len(sources)
        at = 0
        for i, prep, cs in zip(live, preps, cands):
            n = len(sents[i])
            out[i] = sentence_evidence(summaries[i], emb[at:at + n], prep, fc[i], sentences=sents[i], candidates=cs)
            at += n
        if self.contradictions:
            self._check([(sources[i], prep, out[i]) for i, prep in zip(live, preps)])
        return out

    def _check(self, todo: Sequence[tuple[str, PreparedSource, list[SentenceEvidence] | None]]) -> None:
        """Run the contradiction check on every sentence of ``todo`` (one parse call) and record, per
        sentence, its :class:`SentenceCheck` (``check``) and the feature ``contradiction``."""
        from sumcheck.faithfulness.contradiction import checker, compared_sentences

        jobs, where = [], []
        for source, prep, evs in todo:
            why = _language_reason(source)
            sents = [(c.text, c.start) for c in prep.chunks] if evs and why is None else []
            for e in evs or ():
                if why is not None:
                    object.__setattr__(e, "check", SentenceCheck((), why))
                    continue
                chunks, before = compared_sentences(sents, e.aligned[:ALIGNED])
                jobs.append((e.sentence.text, e.sentence.start, chunks, before))
                where.append(e)
        for e, res in zip(where, checker().check_many(jobs) if jobs else []):
            object.__setattr__(e, "check", res)
        for _, _, evs in todo:
            for e in evs or ():
                chk = getattr(e, "check", None)
                found = chk.findings if chk is not None else ()
                e.features["contradiction"] = 1.0 if found else 0.0  # type: ignore[index]
                for kind in KINDS:  # per kind, for the record (bench/contradiction.py); not model features
                    e.features[f"contradiction_{kind}"] = float(sum(f.kind == kind for f in found))  # type: ignore[index]

    def score(self, sources: Sequence[str], summaries: Sequence[str],
              factcheck: Sequence[Mapping[str, Any] | None] | None = None) -> list[FaithfulnessResult]:
        model = self.model
        if model is None:
            raise ConfigError("scoring needs a calibrated model (configs/faithfulness.yaml, see `sumcheck calibrate`)")
        evidence = self.evidence(sources, summaries, factcheck)
        results = []
        for summ, ev in zip(summaries, evidence):
            if ev is None:
                results.append(unscored(EMPTY_SUMMARY if not split_sentences(summ) else EMPTY_SOURCE, BACKEND))
                continue
            results.append(_result(model, ev))
        return results


def _result(model: OfflineModel, evidence: list[SentenceEvidence]) -> FaithfulnessResult:
    sentences = []
    for e in evidence:
        ev = e.evidence or (None, None)
        score = model.sentence_score(e.features)
        chk: SentenceCheck | None = getattr(e, "check", None)
        if chk is None:  # the check was switched off (OfflineScorer(contradictions=False))
            sentences.append(SentenceScore(e.sentence.start, e.sentence.end, e.sentence.text, score, ev[0], ev[1]))
            continue
        flags = int(e.features.get("fc_unsupported", 0))
        verdict = model.verdict(score, bool(chk.findings), chk.unscored is None, flagged=flags > 0)
        why = None
        if verdict == "not found":
            why = (f"weak support: score {score:.3f} below the label threshold {model.threshold:.3f}" if score < model.threshold
                   else "the fact-check flags it")
            if flags:
                why += f"; the fact-check flags {flags} number{'s' if flags > 1 else ''} or name{'s' if flags > 1 else ''} in it"
        sentences.append(SentenceScore(e.sentence.start, e.sentence.end, e.sentence.text, score, ev[0], ev[1], reason=why,
                                       verdict=verdict, findings=chk.findings, check_reason=chk.unscored))
    score = model.aggregate([s.score for s in sentences])
    label = model.label(score)
    if any(s.verdict in ("contradicted", "not found") for s in sentences):
        label = "unfaithful"
    return FaithfulnessResult(score, label, tuple(sentences), BACKEND)


def _language_reason(source: str) -> str | None:
    """Why the contradiction check cannot read ``source`` (the parser reads English), or None."""
    from sumcheck import lang as L

    found = L._detect_document(source)
    code = L.trusted_code(found)
    if code not in (L.UNDETERMINED, "en"):
        return f"contradiction check unscored: the source reads as {code!r} and the parser (en_core_web_sm) reads English only"
    return None
