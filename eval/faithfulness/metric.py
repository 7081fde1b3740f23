"""``faithfulness``: the :class:`~sumcheck.metric.Metric` wrapper around the backends.

Settings (all optional): ``backend`` (``offline`` | ``nli`` | ``alignscore`` | ``minicheck`` |
``hhem`` | ``llm-judge``), ``config`` (path of the calibrated offline model, default
``configs/faithfulness.yaml``), ``device``, ``batch_size``, ``cache`` (source documents kept, offline).

Trained checkers (:mod:`sumcheck.faithfulness.checkers`): ``model`` (hub id with ``revision``, or a
local folder; required), ``chunking``, ``aggregation``, ``threshold``, ``max_length``, ``dtype``;
``nli``/``alignscore``/``minicheck`` classifiers: ``mode`` (``zs`` | ``entail``), ``label_map``
(``{"entailment": i, "contradiction": j}`` when ``id2label`` does not say); ``nli``: ``conv`` (a
SummaC-Conv head file); ``hhem``: ``trust_remote_code: true`` (required opt-in).
``llm-judge`` (:mod:`sumcheck.faithfulness.judge`): ``model``, ``base_url``, ``api_key_env``,
``timeout``, ``retries``, ``max_source_words``, ``aggregation``, ``threshold``.

The offline backend reads the fact-check rows from ``upstream["factcheck"]`` when the run computed
them, and otherwise computes them itself.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from sumcheck.metric import Metric, Pair
from sumcheck.summarize.errors import ConfigError

BACKENDS = ("offline", "nli", "alignscore", "minicheck", "hhem", "llm-judge")


class FaithfulnessMetric(Metric):
    name = "faithfulness"
    version = "1"

    def __init__(self, settings: Mapping[str, Any] | None = None) -> None:
        super().__init__(settings)
        self.backend = str(self.settings.get("backend", "offline"))
        if self.backend not in BACKENDS:
            raise ConfigError(f"faithfulness backend must be one of {BACKENDS}, got {self.backend!r}")
        if self.backend != "offline" and not self.settings.get("model"):
            raise ConfigError(f"faithfulness backend {self.backend!r} needs settings.model (a hub id or a local folder"
                              + ("; for llm-judge the served model name" if self.backend == "llm-judge" else "") + ")")
        self._scorer: Any = None
        self._model: Any = None

    # -- lazy parts ---------------------------------------------------------------------------
    def offline_model(self):
        if self._model is None:
            from sumcheck.faithfulness.model import load_model
            self._model = load_model(self.settings.get("config"))
        return self._model

    def scorer(self):
        if self._scorer is None:
            device = str(self.settings.get("device", "cpu"))
            batch = int(self.settings.get("batch_size", 64 if self.backend == "offline" else 32))
            if self.backend == "offline":
                from sumcheck.faithfulness.offline import OfflineScorer
                self._scorer = OfflineScorer(self.offline_model(), device=device, batch_size=batch,
                                             cache_capacity=int(self.settings.get("cache", 256)))
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
            enc = f"{MODEL_NAME}@sha256:{weights_digest(model_dir())[:12]}" + ("" if m.encoder_dtype == "float32" else f";{m.encoder_dtype}")
            return {"backend": "offline", "enc": enc,
                    "chunks": m.chunking, "agg": m.aggregation, "lex": "porter", "model": m.digest()}
        s = self.settings
        if self.backend == "llm-judge":
            from sumcheck.faithfulness.judge import PROMPT_VERSION
            return {"backend": "llm-judge", "model": str(s["model"]), "prompt": PROMPT_VERSION,
                    "agg": str(s.get("aggregation", "mean")), "thr": str(s.get("threshold", 0.5)),
                    "src_words": str(s.get("max_source_words", 1500))}
        from sumcheck.faithfulness.checkers import PRESETS, resolve
        p = {**PRESETS[self.backend], **s}
        # the resolved identity pins the checkpoint's exact files (hub commit or SHA-256 of the folder)
        fields = {"backend": self.backend, "ckpt": resolve(str(s["model"]), s.get("revision")).identity,
                  "chunks": str(p["chunking"]), "agg": str(p["aggregation"]), "thr": str(p.get("threshold", 0.5)),
                  "ctx": str(p.get("max_length", "model"))}
        if "mode" in p:
            fields["mode"], fields["input"] = str(p["mode"]), str(p["input_format"])
        if s.get("label_map"):
            fields["labels"] = ",".join(f"{k}={v}" for k, v in sorted(dict(s["label_map"]).items()))
        if s.get("conv"):
            from sumcheck.faithfulness.checkers import ConvHead
            fields["conv"] = ConvHead.load(str(s["conv"])).digest()
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
        sources = [p.document.text for p in pairs]
        summaries = [p.prediction.summary for p in pairs]
        if self.backend == "offline":
            results = self.scorer().score(sources, summaries, self._factcheck_rows(pairs, upstream))
        else:
            results = self.scorer().score(sources, summaries)
        return [r.to_json() for r in results]

    def item_values(self, row: Mapping[str, Any]) -> dict[str, float | None]:
        return {"faithfulness": row.get("score")}
