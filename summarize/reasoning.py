"""Reasoning blocks in model replies: split a reply into its answer and its reasoning.

Reasoning models write their chain of thought before the answer, between delimiters:
``<think>...</think>`` (DeepSeek-R1, Qwen3, QwQ), ``[THINK]...[/THINK]`` (Magistral),
``<thinking>...</thinking>``, ``<reasoning>...</reasoning>``, ``<|begin_of_thought|>...<|end_of_thought|>``
(Sky-T1, OpenThinker) or ``◁think▷...◁/think▷`` (Kimi). Scoring that text as part of the summary
flags numbers and names that only the reasoning mentions and drags ROUGE down, so every system
strips it before scoring and keeps it in the prediction's ``meta["reasoning"]``.

Which delimiters are stripped is a system setting (``reasoning_delimiters``; ``[]`` strips nothing),
part of the summary cache key and of the model signature. :func:`split_reasoning` is the one
implementation, used for local models (``causal``, ``vllm``) and servers (``openai``) alike.

Rules, for each ``(open, close)`` pair:

* every ``open ... close`` block is removed, wherever it is;
* a ``close`` with no ``open`` before it ends a block that began with the reply (chat templates that
  open the block in the prompt, e.g. DeepSeek-R1's and Qwen3's ``<think>\\n`` generation prompt);
* an ``open`` with no ``close`` after it (the reply was cut inside its reasoning) makes the reply a
  failed generation: the answer, if any, is not known to be complete;
* a reply with no text left after its reasoning is a failed generation too.

A failure gives an empty answer and a one-line ``error``, which the run records like any other
failed generation (the row is unscored with that reason, and asked again by the next run).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

Delimiters = tuple[tuple[str, str], ...]

DEFAULT_REASONING_DELIMITERS: Delimiters = (
    ("<think>", "</think>"),
    ("[THINK]", "[/THINK]"),
    ("<thinking>", "</thinking>"),
    ("<reasoning>", "</reasoning>"),
    ("<|begin_of_thought|>", "<|end_of_thought|>"),
    ("◁think▷", "◁/think▷"),
)


@dataclass(frozen=True)
class ReasoningSplit:
    """A reply split in two: ``answer`` (what is scored, stripped of surrounding whitespace),
    ``reasoning`` (the text of the removed blocks, joined by blank lines; ``None`` when there was
    none) and ``error`` (``None``, or why the reply is a failed generation)."""

    answer: str
    reasoning: str | None = None
    error: str | None = None


def normalize_delimiters(pairs: Iterable[Sequence[str]] | None) -> Delimiters:
    """A tuple of ``(open, close)`` string pairs; ``None`` gives :data:`DEFAULT_REASONING_DELIMITERS`.

    Raises :class:`ValueError` for a pair that is not two non-empty strings.
    """
    if pairs is None:
        return DEFAULT_REASONING_DELIMITERS
    out = []
    for pair in pairs:
        if isinstance(pair, str) or len(pair) != 2 or not all(isinstance(s, str) and s.strip() for s in pair):
            raise ValueError(f"a reasoning delimiter is a pair of non-empty strings [open, close], not {pair!r}")
        out.append((pair[0], pair[1]))
    return tuple(out)


def delimiter_tag(delimiters: Delimiters) -> str:
    """How a signature names the delimiters: ``none`` or ``<think>..</think>,[THINK]..[/THINK]``.

    >>> delimiter_tag((("<think>", "</think>"),)), delimiter_tag(())
    ('<think>..</think>', 'none')
    """
    return ",".join(f"{o}..{c}" for o, c in delimiters) or "none"


def split_reasoning(text: str, delimiters: Delimiters = DEFAULT_REASONING_DELIMITERS, *,
                    extra_reasoning: str | None = None, finish_reason: str | None = None) -> ReasoningSplit:
    """Split ``text`` into answer and reasoning (see the module docstring for the rules).

    ``extra_reasoning`` is reasoning the server sent apart from the text (``reasoning_content``,
    thinking parts): kept with the rest, and a reply whose text is then empty is a failed
    generation. ``finish_reason`` (``length``: cut at the token limit) only words the error.

    >>> split_reasoning("<think>The doc says 42.</think>\\n\\nProfits rose.")
    ReasoningSplit(answer='Profits rose.', reasoning='The doc says 42.', error=None)
    >>> split_reasoning("hmm, 42?</think> Profits rose.").answer
    'Profits rose.'
    >>> split_reasoning("[THINK]so the answer is", finish_reason="length").error
    'reply cut inside an unclosed [THINK] reasoning block (finish_reason: length)'
    >>> split_reasoning("<think>all thought</think>  ").error
    'no answer after the reasoning block'
    >>> split_reasoning("Plain summary.", ())
    ReasoningSplit(answer='Plain summary.', reasoning=None, error=None)
    """
    blocks: list[str] = [extra_reasoning.strip()] if extra_reasoning and extra_reasoning.strip() else []
    rest = text
    cut_note = f" (finish_reason: {finish_reason})" if finish_reason else ""
    for open_, close in delimiters:
        # a close before any open: the block began in the prompt (the template opened it)
        first_close, first_open = rest.find(close), rest.find(open_)
        if first_close >= 0 and (first_open < 0 or first_close < first_open):
            blocks.append(rest[:first_close].strip())
            rest = rest[first_close + len(close):]
        while True:
            start = rest.find(open_)
            if start < 0:
                break
            end = rest.find(close, start + len(open_))
            if end < 0:
                blocks.append(rest[start + len(open_):].strip())
                return ReasoningSplit("", _joined(blocks), f"reply cut inside an unclosed {open_} reasoning block{cut_note}")
            blocks.append(rest[start + len(open_):end].strip())
            rest = rest[:start] + rest[end + len(close):]
    answer = rest.strip()
    reasoning = _joined(blocks)
    if reasoning is not None and not answer:
        return ReasoningSplit("", reasoning, f"no answer after the reasoning block{cut_note}")
    return ReasoningSplit(answer, reasoning, None)


def _joined(blocks: list[str]) -> str | None:
    kept = [b for b in blocks if b]
    return "\n\n".join(kept) if kept or blocks else None
