"""Turning a document into model input ids, with an explicit, recorded truncation policy.

* seq2seq: the encoder input is ``prefix + document``; ``max_input_tokens`` counts all of it
  (special tokens included) and the input is cut at the end.
* causal: ``max_input_tokens`` counts the document's own tokens; the document is cut at the end
  before the prompt template is filled, so the instruction always survives; the filled prompt goes
  through the model's chat template when it has one.

Each prepared input carries :class:`InputInfo`, which ends up in ``Prediction.meta``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sumcheck.summarize.errors import ConfigError

_NO_LIMIT = 10**8  # tokenizers report ~1e30 for "no limit"


@dataclass(frozen=True)
class InputInfo:
    """What was fed: ``input_tokens`` (model input length), ``document_tokens`` (the whole document),
    ``document_tokens_kept``, ``truncated`` and the ``max_input_tokens`` limit applied (None: no limit)."""

    input_tokens: int
    document_tokens: int
    document_tokens_kept: int
    truncated: bool
    max_input_tokens: int | None
    # the chat template refused the system role, so system_prompt opened the user turn instead
    system_prompt_in_user_turn: bool = False

    def to_meta(self) -> dict[str, Any]:
        out = asdict(self)
        if not self.system_prompt_in_user_turn:
            out.pop("system_prompt_in_user_turn")
        return out


class ChatTemplateError(ConfigError):
    """The model's chat template refuses the messages (a jinja2 ``TemplateError``, e.g. its
    ``raise_exception``), even with the system prompt moved into the user turn."""


def model_input_limit(tokenizer: Any, config: Any) -> int | None:
    """The model's own input limit: the smaller of the tokenizer's and the position embeddings'."""
    limits = []
    tok_max = getattr(tokenizer, "model_max_length", None)
    if isinstance(tok_max, int) and 0 < tok_max < _NO_LIMIT:
        limits.append(tok_max)
    for attr in ("max_position_embeddings", "max_encoder_position_embeddings", "n_positions"):
        value = getattr(config, attr, None)
        if isinstance(value, int) and value > 0:
            limits.append(value)
            break
    return min(limits) if limits else None


def prepare_seq2seq(tokenizer: Any, text: str, *, prefix: str, limit: int | None) -> tuple[list[int], InputInfo]:
    """Encoder ids for ``prefix + text``, cut at the end to ``limit`` tokens (specials kept)."""
    full = tokenizer(prefix + text, verbose=False)["input_ids"]
    prefix_only = len(tokenizer(prefix)["input_ids"]) if prefix else len(tokenizer("")["input_ids"])
    doc_tokens = max(0, len(full) - prefix_only)
    if limit is not None and len(full) > limit:
        ids = tokenizer(prefix + text, truncation=True, max_length=limit)["input_ids"]
        kept = max(0, doc_tokens - (len(full) - len(ids)))
        return list(ids), InputInfo(len(ids), doc_tokens, kept, True, limit)
    return list(full), InputInfo(len(full), doc_tokens, doc_tokens, False, limit)


def render_prompt(
    tokenizer: Any, document: str, *, prompt: str, system_prompt: str | None, chat_template: bool
) -> tuple[str, bool]:
    """The full prompt text, and whether it already holds the special tokens (chat-templated)."""
    text, templated, _merged = render_prompt_info(tokenizer, document, prompt=prompt, system_prompt=system_prompt,
                                                  chat_template=chat_template)
    return text, templated


def render_prompt_info(
    tokenizer: Any, document: str, *, prompt: str, system_prompt: str | None, chat_template: bool
) -> tuple[str, bool, bool]:
    """:func:`render_prompt` plus whether ``system_prompt`` went into the user turn.

    A chat template that refuses the system role (Gemma's and Mistral's raise a jinja2
    ``TemplateError`` through ``raise_exception``) gets the system prompt at the start of the first
    user turn, a blank line before the user's text, as lm-evaluation-harness does for such models.
    Raises :class:`ChatTemplateError` (one line, the template's own message) when the template
    refuses that too.
    """
    user = prompt.replace("{document}", document)
    if chat_template and getattr(tokenizer, "chat_template", None):
        from jinja2 import TemplateError

        messages = ([{"role": "system", "content": system_prompt}] if system_prompt else []) + [{"role": "user", "content": user}]
        try:
            return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True), True, False
        except TemplateError as exc:
            if not system_prompt:
                raise ChatTemplateError(f"the model's chat template refuses the prompt ({_first_line(exc)}); "
                                        "set chat_template: false to feed the prompt as plain text") from None
            refusal = _first_line(exc)
        merged = [{"role": "user", "content": system_prompt + "\n\n" + user}]
        try:
            return tokenizer.apply_chat_template(merged, tokenize=False, add_generation_prompt=True), True, True
        except TemplateError as exc:
            raise ChatTemplateError(f"the model's chat template refuses the prompt, with the system role ({refusal}) "
                                    f"and with system_prompt in the user turn ({_first_line(exc)}); set chat_template: "
                                    "false to feed the prompt as plain text") from None
    return (system_prompt + "\n\n" + user) if system_prompt else user, False, False


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def prompt_overhead(tokenizer: Any, *, prompt: str, system_prompt: str | None, chat_template: bool) -> int:
    """Tokens the prompt takes around an empty document."""
    text, templated = render_prompt(tokenizer, "", prompt=prompt, system_prompt=system_prompt, chat_template=chat_template)
    return len(tokenizer(text, add_special_tokens=not templated)["input_ids"])


def prepare_causal(
    tokenizer: Any,
    text: str,
    *,
    prompt: str,
    system_prompt: str | None,
    chat_template: bool,
    limit: int | None,
) -> tuple[list[int], InputInfo]:
    """Prompt ids with the document cut at the end to ``limit`` of its own tokens."""
    doc_ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    truncated = limit is not None and len(doc_ids) > limit
    if truncated:
        text = tokenizer.decode(doc_ids[:limit], skip_special_tokens=True)
    full, templated, merged = render_prompt_info(tokenizer, text, prompt=prompt, system_prompt=system_prompt,
                                                 chat_template=chat_template)
    ids = tokenizer(full, add_special_tokens=not templated)["input_ids"]
    kept = limit if truncated else len(doc_ids)
    return list(ids), InputInfo(len(ids), len(doc_ids), kept, truncated, limit, merged)
