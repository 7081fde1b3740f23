"""``faithfulness``: the :class:`~sumcheck.metric.Metric` wrapper around the backends.

Settings (all optional) are declared once, with defaults and valid values, in :data:`SETTINGS`
(printed by ``sumcheck metrics faithfulness``): ``backend`` (``offline`` | ``nli`` | ``alignscore``
| ``minicheck`` | ``hhem`` | ``llm-judge``), the offline model's ``config``, ``device``,
``batch_size``, ``cache``; for the trained checkers (:mod:`sumcheck.faithfulness.checkers`) the
checkpoint (``model``, ``revision``) and how it is applied; for ``llm-judge``
(:mod:`sumcheck.faithfulness.judge`) the endpoint and its limits.

The offline backend reads the fact-check rows from ``upstream["factcheck"]`` when the run computed
them, and otherwise computes them itself.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from sumcheck.faithfulness.judge import DEFAULTS as JUDGE
from sumcheck.metric import Metric, Pair, Setting
from sumcheck.summarize.errors import ConfigError

BACKENDS = ("offline", "nli", "alignscore", "minicheck", "hhem", "bartscore", "llm-judge")
OFFLINE_SETTINGS = ("config", "device", "batch_size", "cache")  # all the offline backend reads (its model file holds the rest)
OFFLINE_ONLY = ("config", "cache")
JUDGE_ONLY = ("base_url", "api_key_env", "max_concurrency", "timeout", "max_retries", "max_tokens", "max_source_words")
CHECKERS = "nli/alignscore/minicheck/hhem/bartscore"
SETTINGS = (
    Setting("backend", "offline", "offline: the calibrated MiniLM + lexical + fact-check model; nli (SummaC), alignscore, "
            "minicheck, hhem, bartscore: a trained checker as published (sumcheck.faithfulness.published); llm-judge: "
            "a served LLM",
            choices=BACKENDS),
    Setting("config", None, "offline: path of the calibrated model (default: the shipped faithfulness.yaml, "
            "written by `sumcheck calibrate`)", kind="path"),
    Setting("device", "cpu", "torch device: cpu, cuda, cuda:N, mps"),
    Setting("batch_size", None, "pairs per forward pass (default: 64 offline, 32 for checkers)", kind="integer"),
    Setting("cache", 256, "offline: source documents whose embeddings stay cached", kind="integer"),
    Setting("model", None, f"{CHECKERS} (required): hub id (with revision) or local folder; llm-judge: the served "
            "model name"),
    Setting("revision", None, f"{CHECKERS}: hub branch, tag or commit (resolved to a commit and recorded)"),
    Setting("method", "published", f"{CHECKERS}: published = the checker's reference implementation (SummaC-ZS/-Conv, "
            "MiniCheck, AlignScore nli_sp, HHEM-2.1-open, BARTScore); chunked = sumcheck's own chunk x sentence variant "
            "(not a published method; reads mode, chunking, aggregation, input_format)", choices=("published", "chunked")),
    Setting("mode", None, "method chunked, nli/alignscore/minicheck: zs = (P(entail) - P(contradict) + 1) / 2 (SummaC-ZS); "
            "entail = P(entail) (default: the backend's preset)", choices=("zs", "entail")),
    Setting("chunking", None, "method chunked: source chunks (default: the backend's preset)",
            choices=("sent", "win1-2", "win1-3", "words350")),
    Setting("aggregation", None, "method chunked: summary sentences -> summary score (default: the backend's preset)",
            choices=("mean", "min")),
    Setting("threshold", None, "checkers and llm-judge: score at or above which a summary is labelled consistent "
            "(default 0.5); not an offline setting: its label threshold is the calibrated model's (`threshold` in "
            "faithfulness.yaml, chosen by `sumcheck calibrate --label-recall`)", kind="number"),
    Setting("max_length", None, f"{CHECKERS}: tokens per checker input (default: the published limit: SummaC 500, "
            "MiniCheck 512 RoBERTa / 2048 DeBERTa-v3 and Flan-T5, BARTScore 1024; chunked: the model's context)",
            kind="integer"),
    Setting("dtype", None, f"{CHECKERS}: float32, bfloat16 or float16 (default: float32 as the references compute; "
            "method chunked: bfloat16 on CUDA, float32 on CPU)"),
    Setting("label_map", None, "classifiers: {entailment: i, contradiction: j} when id2label does not name them",
            kind="mapping"),
    Setting("conv", None, "nli: SummaC-Conv's published head file (.bin, e.g. summac_conv_vitc_sent_perc_e.bin, or one trained by "
            "`sumcheck calibrate-conv`); "
            "with method chunked, a YAML head trained by `sumcheck calibrate`", kind="path"),
    Setting("trust_remote_code", False, "hhem: accepted for compatibility; sumcheck runs its own re-statement of "
            "HHEM-2.1-open and never the checkpoint's code",
            kind="true/false", bool_only=True),
    # llm-judge: the openai system's names and defaults (sumcheck.faithfulness.judge)
    Setting("base_url", None, "llm-judge (required): the OpenAI-compatible API root with /v1, e.g. "
            "http://127.0.0.1:8000/v1"),
    Setting("api_key_env", None, "llm-judge: name of the environment variable holding the key (none: no key sent)"),
    Setting("max_concurrency", JUDGE["max_concurrency"], "llm-judge: requests in flight at most (per scoring process)",
            kind="integer"),
    Setting("timeout", JUDGE["timeout"], "llm-judge: seconds per attempt", kind="number"),
    Setting("max_retries", JUDGE["max_retries"], "llm-judge: retries after a 408/409/429/5xx, timeout, dropped "
            "connection or malformed body (Retry-After honoured)", kind="integer"),
    Setting("max_tokens", JUDGE["max_tokens"], "llm-judge: reply tokens at most (temperature is 0)", kind="integer"),
    Setting("max_source_words", JUDGE["max_source_words"], "llm-judge: source words per prompt (longer sources are "
            "chunked)", kind="integer"),
)


class FaithfulnessMetric(Metric):
    name = "faithfulness"
    version = "1"
    summary = "is each summary sentence supported by the source? a 0-1 score per summary, with sentence-level evidence"
    settings_spec = SETTINGS
    values = {"faithfulness": "0-1 score (1 = consistent); unscored for an empty summary or document"}
    signature = {"backend": ", ".join(BACKENDS[:-1]) + " or " + BACKENDS[-1], "enc": "offline: encoder (MiniLM weights digest, layers, precision; or the static vectors' digest)",
                 "chunks": "source chunking", "agg": "sentence aggregation", "lex": "offline: lexical stemmer",
                 "model": "offline: digest of the calibrated model", "ckpt": "nli: checkpoint",
                 "mode": "checkers: scoring mode", "thr": "checkers and llm-judge: label threshold",
                 "ctx": "checkers: tokens per input", "input": "checkers: input format", "labels": "checkers: label map",
                 "conv": "nli: digest of the SummaC-Conv head", "method": "checkers: published method or chunked",
                 "base": "alignscore/hhem: the backbone/foundation repo the checkpoint names (tokenizer, config)",
                 "dtype": "checkers: float precision of the model", "prompt": "llm-judge: prompt version",
                 "src_words": "llm-judge: source words per prompt", "max_tok": "llm-judge: reply tokens at most",
                 "code": "hash of the code the numbers depend on"}

    @classmethod
    def check_settings(cls, settings: Mapping[str, Any]) -> None:
        """The generic checks, then the backend's: a known backend, ``model`` where the backend needs
        one (and not for offline), llm-judge's endpoint settings. Raises :class:`ConfigError`; run
        configs and ``--metric-settings`` files call this at load time, so the error names the file."""
        super().check_settings(settings)
        for name, low in (("batch_size", 1), ("cache", 0), ("max_length", 32)):
            value = settings.get(name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < low):
                raise ConfigError(f"faithfulness setting {name!r} must be an integer >= {low}, got {value!r}")
        revision = settings.get("revision")
        if revision is not None and not isinstance(revision, str):
            raise ConfigError(f"faithfulness setting 'revision' must be text, got {revision!r} (a {type(revision).__name__}); "
                              "quote it in YAML, e.g. revision: \"0123456\"")
        backend = str(settings.get("backend", cls.default("backend")))
        if backend not in BACKENDS:
            raise ConfigError(f"faithfulness backend must be one of {BACKENDS}, got {backend!r}")
        threshold = settings.get("threshold")
        if threshold is not None and (isinstance(threshold, bool) or not isinstance(threshold, (int, float))):
            raise ConfigError(f"faithfulness setting 'threshold' must be a number, got {threshold!r}")
        if threshold is not None and not 0 <= threshold <= 1:
            raise ConfigError(f"faithfulness setting 'threshold' must be between 0 and 1, got {threshold!r}")
        # a setting of another backend would be taken and silently ignored (the signature would not show it)
        given = [k for k in settings if k not in ("backend", "model")]
        if backend == "offline":
            stray = [k for k in given if k not in OFFLINE_SETTINGS]
        else:
            stray = [k for k in given if k in OFFLINE_ONLY or (backend != "llm-judge" and k in JUDGE_ONLY)]
        if stray:
            raise ConfigError(f"faithfulness setting {stray[0]!r} does not apply to backend {backend!r}"
                              + (f" (it reads only {', '.join(OFFLINE_SETTINGS)})" if backend == "offline" else "")
                              + "; see `sumcheck metrics faithfulness`")
        if backend == "offline" and settings.get("model") is not None:
            raise ConfigError("the offline faithfulness backend reads its calibrated model from `config:` (a file written by "
                              "`sumcheck calibrate`); `model:` names the checkpoint of a trained backend (nli, alignscore, "
                              "minicheck, hhem) or the served model of llm-judge")
        if backend != "offline" and not settings.get("model"):
            raise ConfigError(f"faithfulness backend {backend!r} needs settings.model (a hub id or a local folder"
                              + ("; for llm-judge the served model name" if backend == "llm-judge" else "") + ")")
        if backend == "llm-judge":  # endpoint settings (the key's variable: when the metric is built)
            from sumcheck.faithfulness.judge import check_settings

            check_settings(settings, key=False)

    def __init__(self, settings: Mapping[str, Any] | None = None) -> None:
        super().__init__(settings)  # runs check_settings
        self.backend = str(self.setting("backend"))
        if self.backend == "llm-judge":  # the key's variable must be set before any summary is made
            from sumcheck.faithfulness.judge import check_settings

            check_settings(self.settings)
        self._scorer: Any = None
        self._model: Any = None

    # -- lazy parts ---------------------------------------------------------------------------
    def offline_model(self):
        if self._model is None:
            from sumcheck.faithfulness.model import load_model
            self._model = load_model(self.setting("config"))
        return self._model

    def scorer(self):
        if self._scorer is None:
            device = str(self.setting("device"))
            batch = int(self.setting("batch_size") or (64 if self.backend == "offline" else 32))
            if self.backend == "offline":
                from sumcheck.faithfulness.offline import OfflineScorer
                self._scorer = OfflineScorer(self.offline_model(), device=device, batch_size=batch,
                                             cache_capacity=int(self.setting("cache")))
            elif self.backend == "llm-judge":
                from sumcheck.faithfulness.judge import build
                self._scorer = build(self.settings)
            else:
                from sumcheck.faithfulness.checkers import build
                self._scorer = build(self.backend, {**self.settings, "device": device, "batch_size": batch})
        return self._scorer

    # -- Metric -------------------------------------------------------------------------------
    def signature_fields(self) -> dict[str, str]:
        if self.backend == "offline":
            from sumcheck.summarize.embed import MODEL_NAME, model_dir, weights_digest
            m = self.offline_model()
            if m.encoder == "static":  # the distilled vectors' own digest (sumcheck.summarize.static)
                from sumcheck.summarize.embed import load_encoder
                enc = load_encoder(kind="static").signature
            else:
                enc = (f"{MODEL_NAME}@sha256:{weights_digest(model_dir())[:12]}" + ("" if m.encoder == "minilm" else f":{m.encoder}")
                       + ("" if m.encoder_dtype == "float32" else f";{m.encoder_dtype}"))
            return {"backend": "offline", "enc": enc,
                    "chunks": m.chunking + (f":top{m.candidates}" if m.candidates else ""), "agg": m.aggregation, "lex": "porter", "model": m.digest(), "code": self.code_version()}
        s = self.settings
        if self.backend == "llm-judge":
            from sumcheck.faithfulness.judge import PROMPT_VERSION
            return {"backend": "llm-judge", "model": str(s["model"]), "prompt": PROMPT_VERSION,
                    "agg": str(s.get("aggregation", "mean")), "thr": str(s.get("threshold", 0.5)),
                    "src_words": str(self.setting("max_source_words")), "max_tok": str(self.setting("max_tokens")),
                    "code": self.code_version()}
        from sumcheck.faithfulness.checkers import PRESETS, method_name, resolve_checkpoint
        method = method_name(self.backend, s)
        # the resolved identity pins the checkpoint's exact files (hub commit or SHA-256 of the folder/file)
        fields = {"backend": self.backend, "method": method, "ckpt": resolve_checkpoint(str(s["model"]), s.get("revision")).identity,
                  "thr": str(s.get("threshold", 0.5)), "ctx": str(s.get("max_length", "published" if method != "chunked" else "model")),
                  "code": self.code_version()}
        if method != "chunked" and self.backend in ("alignscore", "hhem"):
            # the repo the checkpoint names by hub id (AlignScore's backbone, HHEM's foundation) gives the tokenizer
            from sumcheck.faithfulness.checkers import checkpoint_needs
            from sumcheck.summarize.hub import resolve_model
            fields["base"] = ",".join(resolve_model(hub_id, progress=False).identity
                                      for _, hub_id in checkpoint_needs(self.backend, str(s["model"]), s.get("revision")))
        if method == "chunked":
            p = {**PRESETS[self.backend], **s}
            fields["chunks"], fields["agg"] = str(p["chunking"]), str(p["aggregation"])
            if "mode" in p:
                fields["mode"], fields["input"] = str(p["mode"]), str(p["input_format"])
        if method != "chunked" or s.get("dtype"):  # published: float32 unless chosen; chunked: bf16 on CUDA by default
            fields["dtype"] = str(s.get("dtype") or ("float32" if method != "chunked" else "auto"))
        if s.get("label_map"):
            fields["labels"] = ",".join(f"{k}={v}" for k, v in sorted(dict(s["label_map"]).items()))
        if s.get("conv"):
            import hashlib
            from pathlib import Path
            fields["conv"] = hashlib.sha256(Path(str(s["conv"])).read_bytes()).hexdigest()[:12]
        return fields

    def _factcheck_rows(self, pairs: Sequence[Pair], upstream) -> list[Mapping[str, Any] | None] | None:
        model = self.offline_model()
        if not any(f.startswith("fc_") for f in model.features):
            return None
        if upstream and upstream.get("factcheck") is not None:
            rows = list(upstream["factcheck"])
            if len(rows) != len(pairs):
                raise ValueError("upstream factcheck rows must align with pairs")
            return rows
        from sumcheck.factcheck.metric import FactCheckMetric
        return FactCheckMetric().score(pairs)

    def score(self, pairs: Sequence[Pair], *, upstream: Mapping[str, Sequence[Mapping[str, Any]]] | None = None) -> list[dict[str, Any]]:
        if not pairs:
            return []
        from sumcheck.faithfulness.result import unscored
        from sumcheck.lang import faithfulness_unscored_reason  # issue 14: punctuation-only / unsupported language

        why = [faithfulness_unscored_reason(p.document.text, p.prediction.summary, offline=self.backend == "offline") for p in pairs]
        keep = [k for k, w in enumerate(why) if w is None]
        out: list[dict[str, Any]] = [unscored(w, self.backend).to_json() if w else {} for w in why]
        if keep:
            kept = [pairs[k] for k in keep]
            kept_up = {n: [rows[k] for k in keep] for n, rows in upstream.items() if rows is not None} if upstream else upstream
            for k, r in zip(keep, self._score_pairs(kept, kept_up)):
                out[k] = r
        return out

    def _score_pairs(self, pairs: Sequence[Pair], upstream) -> list[dict[str, Any]]:
        sources = [p.document.text for p in pairs]
        summaries = [p.prediction.summary for p in pairs]
        if self.backend == "offline":
            results = self.scorer().score(sources, summaries, self._factcheck_rows(pairs, upstream))
        else:
            results = self.scorer().score(sources, summaries)
        return [r.to_json() for r in results]

    def item_values(self, row: Mapping[str, Any]) -> dict[str, float | None]:
        return {"faithfulness": row.get("score")}
