"""``faithfulness``: the :class:`~sumcheck.metric.Metric` wrapper around the backends.

Settings (all optional) are declared once, with defaults and valid values, in :data:`SETTINGS`
(printed by ``sumcheck metrics faithfulness``): ``backend`` (``offline`` | ``nli``), the offline
model's ``config``, ``device``, ``batch_size``, ``cache``, and for ``nli`` the checkpoint and how
it is applied.

The offline backend reads the fact-check rows from ``upstream["factcheck"]`` when the run computed
them, and otherwise computes them itself.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from sumcheck.metric import Metric, Pair, Setting
from sumcheck.summarize.errors import ConfigError

BACKENDS = ("offline", "nli")
SETTINGS = (
    Setting("backend", "offline", "offline: the calibrated MiniLM + lexical + fact-check model; nli: a Hugging Face "
            "pair classifier", choices=BACKENDS),
    Setting("config", None, "offline: path of the calibrated model (default: the shipped faithfulness.yaml, "
            "written by `sumcheck calibrate`)", kind="path"),
    Setting("device", "cpu", "torch device: cpu, cuda, cuda:N, mps"),
    Setting("batch_size", None, "pairs per forward pass (default: 64 offline, 32 nli)", kind="integer"),
    Setting("cache", 256, "offline: source documents whose embeddings stay cached", kind="integer"),
    Setting("model", None, "nli (required): hub id (from the local cache only) or local folder of the checkpoint"),
    Setting("mode", "zs", "nli: zs = (P(entail) - P(contradict) + 1) / 2 (SummaC-ZS); entail = P(entail) (AlignScore)",
            choices=("zs", "entail")),
    Setting("chunking", "sent", "nli: source chunks: sentences, windows of 1-2 or 1-3 sentences, 350-word blocks",
            choices=("sent", "win1-2", "win1-3", "words350")),
    Setting("aggregation", "mean", "nli: summary sentences -> summary score", choices=("mean", "min")),
    Setting("threshold", 0.5, "nli: score at or above which a summary is labelled consistent", kind="number"),
    Setting("label_map", None, "nli: {entailment: i, contradiction: j} when the checkpoint's labels are not named",
            kind="mapping"),
)


class FaithfulnessMetric(Metric):
    name = "faithfulness"
    version = "1"
    summary = "is each summary sentence supported by the source? a 0-1 score per summary, with sentence-level evidence"
    settings_spec = SETTINGS
    values = {"faithfulness": "0-1 score (1 = consistent); unscored for an empty summary or document"}
    signature = {"backend": "offline or nli", "enc": "offline: MiniLM weights digest and precision",
                 "chunks": "source chunking", "agg": "sentence aggregation", "lex": "offline: lexical stemmer",
                 "model": "offline: digest of the calibrated model", "ckpt": "nli: checkpoint",
                 "mode": "nli: scoring mode", "thr": "nli: label threshold"}

    def __init__(self, settings: Mapping[str, Any] | None = None) -> None:
        super().__init__(settings)
        self.backend = str(self.setting("backend"))
        if self.backend not in BACKENDS:
            raise ConfigError(f"faithfulness backend must be one of {BACKENDS}, got {self.backend!r}")
        if self.backend == "nli" and not self.settings.get("model"):
            raise ConfigError("faithfulness backend 'nli' needs settings.model (a hub id or a local folder)")
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
            else:
                from sumcheck.faithfulness.nli import NliScorer
                get = self.setting
                self._scorer = NliScorer(str(get("model")), device=device, mode=str(get("mode")),
                                         chunking=str(get("chunking")), aggregation=str(get("aggregation")),
                                         threshold=float(get("threshold")), label_override=get("label_map"),
                                         batch_size=batch)
        return self._scorer

    # -- Metric -------------------------------------------------------------------------------
    def signature_fields(self) -> dict[str, str]:
        if self.backend == "offline":
            from sumcheck.summarize.embed import MODEL_NAME, model_dir, weights_digest
            m = self.offline_model()
            enc = f"{MODEL_NAME}@sha256:{weights_digest(model_dir())[:12]}" + ("" if m.encoder_dtype == "float32" else f";{m.encoder_dtype}")
            return {"backend": "offline", "enc": enc,
                    "chunks": m.chunking, "agg": m.aggregation, "lex": "porter", "model": m.digest()}
        get = self.setting
        return {"backend": "nli", "ckpt": str(get("model")), "mode": str(get("mode")),
                "chunks": str(get("chunking")), "agg": str(get("aggregation")), "thr": str(get("threshold"))}

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
