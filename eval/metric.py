"""The contract every metric implements, and the registry that names them.

A metric scores ``(document, prediction)`` pairs one row at a time and says, for each row, which
numbers it contributes to the corpus score. It knows nothing of the CLI, the run folder or the report.

* ``score(pairs)`` returns one JSON-able dict per pair, in order. A row it cannot score carries
  ``None`` for its headline value and a ``reason``; never 0.
* ``item_values(row)`` maps one of those dicts to the per-item numbers that are averaged into corpus
  values (``None`` for unscored). Bootstrap intervals and paired tests resample exactly these.
* ``signature_fields()`` names every setting that changes the numbers; the pipeline adds the data
  hash, ``n``, the system's model and the aggregation to make the reproducibility signature. Each
  metric includes ``"code": self.code_version()``, the hash of the source its numbers depend on
  (:data:`CODE_MODULES`), so that the signature follows the code: the gate refuses to compare
  numbers made by different checker code unless told to (``--allow-code-change``).

Each metric also describes itself in one place, as data: ``summary``, ``settings`` (a tuple of
:class:`Setting`: name, default, valid values), ``values`` (the per-item numbers it records and when
each is unscored) and ``signature`` (what each signature field records). Unknown settings and values
outside ``choices`` are rejected from that description (:meth:`Metric.check_settings`), and
``sumcheck metrics`` prints it, so the valid settings are written down exactly once.
"""

from __future__ import annotations

import difflib
import importlib
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar, Mapping, Sequence

from sumcheck.summarize.errors import ConfigError
from sumcheck.summarize.records import Document, Prediction


@dataclass(frozen=True)
class Setting:
    """One setting a metric accepts under ``metrics.<name>:`` in a run config.

    ``default`` is what applies when the setting is left out (``None``: none, or computed; ``help``
    says which). ``choices``, when given, is the complete list of valid values; ``kind`` names the
    type in words (``"text"``, ``"true/false"``, ``"integer"``, ``"path"``, ``"list"``...).
    """

    name: str
    default: Any
    help: str
    choices: tuple[Any, ...] | None = None
    kind: str = "text"
    bool_only: bool = False  # reject anything but true/false (YAML's yes/no arrive as booleans)


@dataclass(frozen=True)
class Pair:
    """A summary together with the document it summarises."""

    document: Document
    prediction: Prediction


CODE_MODULES: dict[str, tuple[str, ...] | str] = {
    # the metric's own package plus what it calls that changes its numbers (the sentence splitter)
    "factcheck": ("sumcheck.factcheck", "sumcheck.summarize.text"),
    "rouge": ("sumcheck.rouge", "sumcheck.summarize.text"),
    # the calibrated model's code hash, as `sumcheck calibrate` records it (features, encoder, fact-check)
    "faithfulness": "sumcheck.faithfulness.calibrate:code_version",
}
"""Metric name -> the modules whose code its numbers depend on, or ``"module:function"`` returning the
version string. A metric not listed here is versioned by its own package."""


class Metric(ABC):
    """Base class. Subclasses set ``name`` (the key in ``results.jsonl``) and ``version``."""

    name: ClassVar[str]
    version: ClassVar[str] = "1"
    # the key that holds a row's headline value (``None`` with a ``reason`` when unscored)
    headline: ClassVar[str] = "score"
    # the self-description (module docstring): shown by `sumcheck metrics`, enforced by check_settings
    summary: ClassVar[str] = ""
    settings_spec: ClassVar[tuple[Setting, ...]] = ()
    values: ClassVar[Mapping[str, str]] = {}
    signature: ClassVar[Mapping[str, str]] = {}

    def __init__(self, settings: Mapping[str, Any] | None = None) -> None:
        self.settings = dict(settings or {})
        self.check_settings(self.settings)

    @classmethod
    def check_settings(cls, settings: Mapping[str, Any]) -> None:
        """Reject unknown settings (with the nearest valid name) and values outside ``choices``.

        Raises :class:`ConfigError`; the config loader prefixes the file and ``metrics.<name>``.
        """
        if not isinstance(settings, Mapping):
            raise ConfigError(f"{cls.name} settings must be a mapping (e.g. `{cls.name}: {{}}`), got {type(settings).__name__}")
        spec = {s.name: s for s in cls.settings_spec}
        unknown = [str(k) for k in settings if k not in spec]
        if unknown:
            named = ", ".join(repr(k) for k in sorted(unknown))
            if not spec:
                raise ConfigError(f"unknown {cls.name} setting(s) {named}: {cls.name} takes no settings (write `{cls.name}: {{}}`)")
            near = {k: h for k in sorted(unknown) if (h := nearest(k, sorted(spec)))}
            hint = (f"; did you mean {next(iter(near.values()))!r}?" if len(unknown) == 1 and near else
                    "; did you mean " + ", ".join(f"{h!r} for {k!r}" for k, h in near.items()) + "?" if near else "")
            raise ConfigError(f"unknown {cls.name} setting(s) {named}{hint}"
                              + f" (settings: {', '.join(spec)}; see `sumcheck metrics {cls.name}`)")
        for key, value in settings.items():
            s = spec[key]
            if s.bool_only and not isinstance(value, bool):
                raise ConfigError(f"{cls.name} setting {key!r} must be true or false, got {value!r}")
            if s.choices is not None and value not in s.choices:
                raise ConfigError(f"{cls.name} setting {key!r} must be one of {', '.join(map(str, s.choices))}; got {value!r}")

    def setting(self, name: str) -> Any:
        """A setting's value, or its declared default when the config leaves it out."""
        return self.settings.get(name, self.default(name))

    @classmethod
    def default(cls, name: str) -> Any:
        """A setting's declared default; ``KeyError`` for a setting the metric does not declare."""
        for s in cls.settings_spec:
            if s.name == name:
                return s.default
        raise KeyError(f"{cls.name} declares no setting {name!r}")

    @abstractmethod
    def signature_fields(self) -> dict[str, str]:
        """Settings that change this metric's numbers, e.g. ``{"tok": "rouge-score", "stem": "yes"}``."""

    @abstractmethod
    def score(self, pairs: Sequence[Pair], *, upstream: Mapping[str, Sequence[Mapping[str, Any]]] | None = None) -> list[dict[str, Any]]:
        """One JSON-able dict per pair, in the order given.

        ``upstream`` holds the rows of metrics computed earlier in the same run, keyed by metric
        name and aligned with ``pairs`` (faithfulness reads the fact-check rows from it).
        """

    def code_version(self) -> str:
        """The version of the code behind this metric's numbers (see :data:`CODE_MODULES`).

        >>> from sumcheck.rouge.metric import RougeMetric
        >>> RougeMetric().code_version().startswith("code.sha1:")
        True
        """
        from sumcheck.provenance import code_version

        source = CODE_MODULES.get(self.name)
        if isinstance(source, str):
            module, _, attr = source.partition(":")
            return str(getattr(importlib.import_module(module), attr)())
        if source is None:
            source = (type(self).__module__.rpartition(".")[0] or type(self).__module__,)
        return code_version(tuple(source))

    def note_documents(self, documents: Sequence[Document]) -> None:  # noqa: B027 - optional hook
        """Called once with every document of the run before scoring (a resumed run may score only
        some of them in this process, but signature fields such as the reference count cover all)."""

    @abstractmethod
    def item_values(self, row: Mapping[str, Any]) -> dict[str, float | None]:
        """The per-item numbers (keyed by corpus name) that one scored row contributes.

        ``item_values({})`` must give every key with ``None``: that is how unscored rows are written.
        """

    @classmethod
    def value_reason(cls, row: Mapping[str, Any], key: str) -> str | None:
        """Why value ``key`` of this scored row is unscored, when the row itself says (None: the
        reason declared in :attr:`values` applies)."""
        return None


# name -> "module:Class"; imported only when a run asks for it, so `sumcheck --help` stays fast.
REGISTRY: dict[str, str] = {
    "factcheck": "sumcheck.factcheck.metric:FactCheckMetric",
    "rouge": "sumcheck.rouge.metric:RougeMetric",
    "faithfulness": "sumcheck.faithfulness.metric:FaithfulnessMetric",
}


def nearest(name: str, choices: Sequence[str]) -> str | None:
    """The closest valid name for a typo, or None.

    >>> nearest("rogue", ["factcheck", "rouge", "faithfulness"])
    'rouge'
    """
    found = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.5)
    return found[0] if found else None


def metric_class(name: str) -> type[Metric]:
    """Resolve a registered metric by name (importing its module now)."""
    if name not in REGISTRY:
        hint = nearest(name, sorted(REGISTRY))
        raise ConfigError(f"unknown metric {name!r}" + (f"; did you mean {hint!r}?" if hint else f"; known: {', '.join(sorted(REGISTRY))}"))
    module, _, attr = REGISTRY[name].partition(":")
    return getattr(importlib.import_module(module), attr)


def metric_names() -> list[str]:
    """The registered metric names, in the order a run computes them."""
    return list(REGISTRY)


def build_metric(name: str, settings: Mapping[str, Any] | None = None) -> Metric:
    return metric_class(name)(settings)
