"""Score summaries against one or several references, with an explicit configuration and backend.

Two backends give the same numbers (the tests hold both to rouge-score 0.1.2 and ROUGE-1.5.5):

* ``rust``: ``rouge-score-rs`` (an independent Rust port of rouge-score), batched over pairs;
* ``python``: this package's own pure functions (:mod:`sumcheck.rouge.core`, :mod:`sumcheck.rouge.tokenize`).

``impl: auto`` takes ``rust`` when ``rouge_score_rs`` imports, else ``python``. rouge-score-rs keeps
a full ``int32`` table for ROUGE-Lsum, so an item whose longest reference and prediction sentences
could need more than :data:`RUST_LSUM_MAX_CELLS` cells is scored by the Python backend, whose
LCS memory is bounded (same numbers, a few MB instead of GB).

ROUGE-Lsum sentences. rouge-score splits only on newlines; here the split is a setting:
``sentences`` (default) splits with :func:`sumcheck.summarize.text.split_sentences` (signature
``lsum-split:sumcheck-rules-v1``), ``newline`` splits on line breaks like rouge-score. Sentences are
joined with ``\\n`` before tokenisation; both tokenizers treat a newline as a separator, so ROUGE-1/2/L
are unchanged by the joining.

Several references: for each ROUGE type the reference with the highest F wins (the first one on
ties), as rouge-score's ``score_multi`` does.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from sumcheck.summarize.errors import ConfigError
from sumcheck.summarize.text import SPLITTER_NAME, sentence_texts

from sumcheck.rouge import core
from sumcheck.rouge.tokenize import TOKENIZER_NAMES, get_tokenizer

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")
PYTHON_IMPL = "sumcheck-python-1"
RUST_LSUM_MAX_CELLS = 2_000_000  # ~8 MB of rouge-score-rs table per sentence pair
_NGRAM_TYPE = re.compile(r"rouge([1-9])")
# Characters whose str.lower() holds an [a-z0-9] character: exactly these (checked over all of Unicode).
_HAS_ROUGE_SCORE_TOKEN = re.compile("[A-Za-z0-9\u0130\u212a]")
_ASCII_LETTER = re.compile("[A-Za-z\u0130\u212a]")
# Above this share of a text's letters outside [a-z], rouge-score's tokenizer has dropped most of the
# words and a score would rest on what is left (digits, a Latin name): the item is unscored instead.
MAX_UNREAD_LETTERS = 0.5
# A necessary condition for sumcheck.summarize.text.split_sentences to cut anywhere but at a newline
# (a sentence end, optional closing quotes/brackets, then a space); texts without it are one sentence.
_MAYBE_BOUNDARY = re.compile("[.!?\u2026][\"'\u201d\u2019\u00bb)\\]}]*[ \t\r\u00a0]")
LSUM_SPLITS = {"sentences": SPLITTER_NAME, "newline": "newline"}


class RougeConfigError(ConfigError):
    """A ROUGE setting with an unknown value."""


@dataclass(frozen=True)
class RougeConfig:
    """Everything that changes the numbers (all of it goes into the signature)."""

    types: tuple[str, ...] = ROUGE_TYPES
    stem: bool = True
    tokenizer: str = "rouge-score"
    lsum_split: str = "sentences"
    impl: str = "auto"

    def __post_init__(self) -> None:
        for t in self.types:
            if t not in ("rougeL", "rougeLsum") and not _NGRAM_TYPE.fullmatch(t):
                raise RougeConfigError(f"unknown ROUGE type {t!r}; use rouge1..rouge9, rougeL, rougeLsum")
        if not self.types:
            raise RougeConfigError("no ROUGE types requested")
        if self.tokenizer not in TOKENIZER_NAMES:
            raise RougeConfigError(f"unknown rouge tokenizer {self.tokenizer!r}; use 'rouge-score', 'unicode' or 'char'")
        if self.lsum_split not in LSUM_SPLITS:
            raise RougeConfigError(f"unknown lsum_split {self.lsum_split!r}; use 'sentences' or 'newline'")
        if self.impl not in ("auto", "rust", "python"):
            raise RougeConfigError(f"unknown rouge impl {self.impl!r}; use 'auto', 'rust' or 'python'")
        if not isinstance(self.stem, bool):
            raise RougeConfigError(f"rouge stemmer must be true or false, got {self.stem!r}")


@dataclass(frozen=True)
class ItemScore:
    """One prediction's scores per ROUGE type, or ``scores=None`` with the reason it is unscored."""

    scores: Mapping[str, core.Score] | None
    reason: str | None = None
    n_references: int = 0

    def to_json(self) -> dict[str, Any]:
        if self.scores is None:
            return {"score": None, "reason": self.reason}
        return {t: s.to_json() for t, s in self.scores.items()}


def rust_version() -> str | None:
    """``rouge_score_rs.__version__`` when it imports, else None."""
    try:
        import rouge_score_rs
    except ImportError:
        return None
    return str(rouge_score_rs.__version__)


def _to_score(s: Any) -> core.Score:
    """rouge-score-rs's ``Score`` (a namedtuple of floats: precision, recall, fmeasure) as ours."""
    return core.Score._make(s)


class RougeScorer:
    """Scores (references, summary) items under one :class:`RougeConfig`."""

    def __init__(self, config: RougeConfig | None = None) -> None:
        self.config = config or RougeConfig()
        version = rust_version()
        if self.config.impl == "rust" and version is None:
            raise RougeConfigError("rouge impl 'rust' asked for but rouge-score-rs is not installed; use impl: auto or python")
        self.use_rust = version is not None and self.config.impl != "python"
        self.impl_name = f"rouge-score-rs-{version}" if self.use_rust else PYTHON_IMPL
        self._tokenize: Callable[[str], list[str]] = functools.partial(get_tokenizer(self.config.tokenizer), stem=self.config.stem)
        self._rust: Any = None

    def __getstate__(self) -> dict[str, Any]:
        """Picklable for worker processes: the native scorer is rebuilt on first use there."""
        state = dict(self.__dict__)
        state["_rust"] = None
        return state

    # -- text preparation -------------------------------------------------------------------
    def lsum_text(self, text: str) -> str:
        """``text`` with exactly one sentence per line, per the ``lsum_split`` setting."""
        if self.config.lsum_split == "newline" or "rougeLsum" not in self.config.types:
            return text
        if "\n" not in text and _MAYBE_BOUNDARY.search(text) is None:
            return text  # split_sentences can only cut after [.!?…] + closers + a space, or at a newline
        return "\n".join(sentence_texts(text))

    def has_tokens(self, text: str) -> bool:
        if self.config.tokenizer == "rouge-score":
            return _HAS_ROUGE_SCORE_TOKEN.search(text) is not None
        return bool(self._tokenize(text))

    def unread_share(self, text: str) -> float:
        """The share of ``text``'s letters that the tokenizer drops: letters outside ``[a-z]`` for
        rouge-score's (a Cyrillic summary whose digits alone would be scored), 0 for the others."""
        if self.config.tokenizer != "rouge-score" or text.isascii():
            return 0.0
        letters = sum(1 for ch in text if ch.isalpha())
        return 1.0 - len(_ASCII_LETTER.findall(text)) / letters if letters else 0.0

    def _unscored_reason(self, *, references: Sequence[str], summary: str) -> tuple[str | None, list[str]]:
        """(reason or None, the references to score against)."""
        refs = [r for r in references if r and not r.isspace()]
        if not refs:
            return "no reference summary", []
        if not summary or summary.isspace():
            return "empty summary", []
        tok = TOKENIZER_NAMES[self.config.tokenizer]
        from sumcheck.lang import is_punctuation_only

        if is_punctuation_only(summary):  # the same reason as the fact-check and faithfulness (issue 14)
            return "summary has no words (punctuation only)", []
        if not self.has_tokens(summary):
            return f"summary has no tokens under tokenizer {tok} (another script? try tokenizer: unicode)", []
        share = self.unread_share(summary)
        if share > MAX_UNREAD_LETTERS:
            return (f"summary: {share:.0%} of its letters are outside tokenizer {tok}'s a-z (another script? "
                    "try tokenizer: unicode)", [])
        usable = [r for r in refs if self.has_tokens(r) and self.unread_share(r) <= MAX_UNREAD_LETTERS]
        if not usable:
            return f"reference has no tokens under tokenizer {tok}, or most of its letters are outside a-z (another script? try tokenizer: unicode)", []
        return None, usable

    # -- backends -----------------------------------------------------------------------------
    def _python_one(self, reference: str, summary: str) -> dict[str, core.Score]:
        tok = self._tokenize
        types = self.config.types
        out: dict[str, core.Score] = {}
        ref_t: list[str] = []
        pred_t: list[str] = []
        if any(t != "rougeLsum" for t in types):
            ref_t, pred_t = tok(reference), tok(summary)
        for t in types:
            if t == "rougeL":
                out[t] = core.lcs_score(ref_t, pred_t)
            elif t == "rougeLsum":
                ref_s = [tok(s) for s in reference.split("\n") if s]
                pred_s = [tok(s) for s in summary.split("\n") if s]
                out[t] = core.summary_lcs_score(ref_s, pred_s)
            else:
                out[t] = core.ngram_score(ref_t, pred_t, int(t[5:]))
        return out

    def _rust_scorer(self) -> Any:
        if self._rust is None:
            from rouge_score_rs import RougeScorer as RsScorer
            from rouge_score_rs.tokenizers import Tokenizer as RsTokenizer

            if self.config.tokenizer == "rouge-score":
                self._rust = RsScorer(list(self.config.types), use_stemmer=self.config.stem)
            else:
                tokenize = self._tokenize

                class _Ours(RsTokenizer):
                    def tokenize(self, text: str) -> list[str]:
                        return tokenize(text)

                self._rust = RsScorer(list(self.config.types), tokenizer=_Ours())
        return self._rust

    def _lsum_too_big_for_rust(self, texts: Sequence[str]) -> bool:
        if "rougeLsum" not in self.config.types:
            return False
        if (len(texts[0]) // 2 + 1) * (max(map(len, texts[1:])) // 2 + 1) <= RUST_LSUM_MAX_CELLS:
            return False  # whole texts bound their sentences
        longest = [max((len(s) for s in t.split("\n")), default=0) // 2 + 1 for t in texts]
        return max(longest[1:]) * longest[0] > RUST_LSUM_MAX_CELLS

    @staticmethod
    def _best(per_ref: Sequence[Mapping[str, core.Score]], types: Sequence[str]) -> dict[str, core.Score]:
        best: dict[str, core.Score] = {}
        for t in types:
            best[t] = max((s[t] for s in per_ref), key=lambda s: s.fmeasure)  # first max on ties
        return best

    # -- public ---------------------------------------------------------------------------------
    def score_many(self, *, references: Sequence[Sequence[str]], summaries: Sequence[str]) -> list[ItemScore]:
        """Score ``summaries[i]`` against ``references[i]`` (a sequence of reference texts)."""
        if len(references) != len(summaries):
            raise ValueError(f"{len(references)} reference lists for {len(summaries)} summaries")
        types = self.config.types
        results: list[ItemScore | None] = [None] * len(summaries)
        # single-reference items for one rust batch call
        batch_index: list[int] = []
        batch_refs: list[str] = []
        batch_preds: list[str] = []
        batchable = self.use_rust and self.config.tokenizer == "rouge-score"
        lsum_text = self.lsum_text
        for i, (refs, summary) in enumerate(zip(references, summaries)):
            reason, usable = self._unscored_reason(references=refs, summary=summary)
            if reason is not None:
                results[i] = ItemScore(None, reason, len(usable))
                continue
            pred = lsum_text(summary)
            ref_texts = [lsum_text(r) for r in usable]
            if self.use_rust and not self._lsum_too_big_for_rust([pred, *ref_texts]):
                if batchable and len(ref_texts) == 1:
                    batch_index.append(i)
                    batch_refs.append(ref_texts[0])
                    batch_preds.append(pred)
                    continue
                rs = self._rust_scorer()
                per_ref = [{t: _to_score(s) for t, s in rs.score(r, pred).items()} for r in ref_texts]
            else:
                per_ref = [self._python_one(r, pred) for r in ref_texts]
            results[i] = ItemScore(self._best(per_ref, types), None, len(ref_texts))
        if batch_index:
            make = core.Score._make
            out = self._rust_scorer().score_batch(batch_refs, batch_preds)
            for i, scores in zip(batch_index, out):
                results[i] = ItemScore({t: make(scores[t]) for t in types}, None, 1)
        return [r for r in results if r is not None]

    def score_item(self, *, references: Sequence[str], summary: str) -> ItemScore:
        return self.score_many(references=[references], summaries=[summary])[0]
