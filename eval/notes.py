"""Notes shown under a run's score table (``sumcheck run``/``score``) and in its report.

They say what the numbers alone do not: completions cut at the token limit, failed generations,
system prompts moved into the user turn (from ``run.json``'s ``usage``), and rows whose letters
the default ROUGE tokenizer dropped, and how many summaries the faithfulness label calls unfaithful.
Each function is pure over what a run folder holds.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def generation_notes(run_json: Mapping[str, Any]) -> list[str]:
    """One line per system and thing to say, from ``run.json``'s ``usage`` (see
    :func:`sumcheck.jobs.generation_usage`).

    >>> generation_notes({"usage": {"smol": {"rows": 7, "completion_truncated": 2, "failed": 0}}})
    ['smol: 2 of 7 completions were cut at the token limit (finish_reason: length; completion_truncated in predictions.jsonl)']
    """
    out = []
    usage = run_json.get("usage")
    if not isinstance(usage, Mapping):
        return out
    for system, u in usage.items():
        if not isinstance(u, Mapping):
            continue
        rows = int(u.get("rows") or 0)
        cut, failed, merged = (int(u.get(k) or 0) for k in ("completion_truncated", "failed", "system_prompt_in_user_turn"))
        if cut:
            out.append(f"{system}: {cut} of {rows} completions were cut at the token limit (finish_reason: length; "
                       "completion_truncated in predictions.jsonl)")
        if failed:
            out.append(f"{system}: {failed} of {rows} generations failed (unscored; meta.error in predictions.jsonl)")
        if merged:
            out.append(f"{system}: the chat template refuses the system role, so system_prompt opened the user turn "
                       f"of {merged} of {rows} prompts")
    return out


def _non_ascii_letters(text: str) -> bool:
    """Whether ``text`` holds a letter (``str.isalpha``) outside ASCII. ASCII text is answered by
    ``str.isascii`` and otherwise only the non-ASCII characters are looked at: the note costs about
    as much as reading the rows once, not a Python step per character."""
    if text.isascii():
        return False
    return any(ch.isalpha() for ch in _NON_ASCII.findall(text))


def rouge_tokenizer_note(run_json: Mapping[str, Any], results: Iterable[Mapping[str, Any]],
                         documents: Iterable[Mapping[str, Any]]) -> str | None:
    """How many ROUGE rows lost letters to the ``rouge-score`` tokenizer, or None.

    rouge-score (the default, kept for parity with published numbers) keeps ``[a-z0-9]`` runs only,
    so a letter outside ASCII splits its word (``Cristóbal Pérez`` -> ``crist bal p rez``). A row
    counts when its summary or one of its document's references has such a letter; rows ROUGE left
    unscored (``{"score": None, "reason": ...}``) are not counted at all.

    >>> rouge_tokenizer_note({"metric_settings": {"rouge": {"tok": "rouge-score"}}},
    ...     [{"id": "a", "summary": "Cristóbal ganó.", "rouge": {}}, {"id": "b", "summary": "ok", "rouge": {}},
    ...      {"id": "c", "summary": "Pérez", "rouge": {"score": None, "reason": "no reference summary"}}],
    ...     [{"id": "a", "references": ["x"]}, {"id": "b", "references": ["fine"]}, {"id": "c", "references": []}])
    "rouge: 1 of 2 rows lost letters to the rouge-score tokenizer, which keeps [a-z0-9] only ('Cristóbal' is read as 'crist bal'); set `tokenizer: unicode` under metrics.rouge to keep them"
    """
    settings = (run_json.get("metric_settings") or {}).get("rouge")
    if not isinstance(settings, Mapping) or settings.get("tok") != "rouge-score":
        return None
    # a document's references are checked once, not once per system that summarised it
    refs_lost = {str(d.get("id")): next((r for r in d.get("references") or [] if isinstance(r, str) and _non_ascii_letters(r)), None)
                 for d in documents}
    rows = lost = 0
    example = None
    for row in results:
        block = row.get("rouge")
        if not isinstance(block, Mapping) or ("score" in block and block["score"] is None):
            continue  # no ROUGE block, or a row ROUGE left unscored (it lost nothing to the tokenizer)
        rows += 1
        summary = row.get("summary") or ""
        hit = summary if _non_ascii_letters(summary) else refs_lost.get(str(row.get("id")))
        if hit is None:
            continue
        lost += 1
        if example is None:
            example = next(w.strip(".,;:!?\"'()[]") for w in hit.split() if _non_ascii_letters(w))
    if not lost:
        return None
    from sumcheck.rouge.tokenize import tokenize_rouge_score

    shown = " ".join(tokenize_rouge_score(example, stem=False)) if example else ""
    how = f" ({example!r} is read as {shown!r})" if example else ""
    return (f"rouge: {lost} of {rows} rows lost letters to the rouge-score tokenizer, which keeps [a-z0-9] only{how}; "
            "set `tokenizer: unicode` under metrics.rouge to keep them")


def faithfulness_label_note(results: Iterable[Mapping[str, Any]]) -> list[str]:
    """One line per system whose rows carry a faithfulness label: how many of its scored summaries
    (those with a label) are ``unfaithful``, and how many of those have a sentence with a contradiction finding (the score
    table gives only the mean score). The label's operating point (precision and recall per
    validation cut) is in the README's faithfulness section.

    >>> row = lambda s, label, v: {"system": s, "faithfulness": {"label": label, "sentences": [{"verdict": v}]}}
    >>> faithfulness_label_note([row("a", "unfaithful", "contradicted"), row("a", "faithful", "supported"),
    ...                          row("a", "unfaithful", "not found"), {"system": "a", "faithfulness": {"score": None}}])
    ['a: faithfulness label unfaithful for 2 of 3 scored summaries (1 with a contradiction finding)']
    >>> faithfulness_label_note([{"system": "a", "values": {"rouge1": 0.5}}])
    []
    """
    counts: dict[str, list[int]] = {}
    for r in results:
        f = r.get("faithfulness")
        if not isinstance(f, Mapping) or f.get("label") not in ("faithful", "unfaithful"):
            continue
        c = counts.setdefault(str(r.get("system", "")), [0, 0, 0])
        c[0] += 1
        if f["label"] == "unfaithful":
            c[1] += 1
            c[2] += any(isinstance(s, Mapping) and s.get("verdict") == "contradicted" for s in f.get("sentences") or ())
    return [f"{system}: faithfulness label unfaithful for {bad} of {n} scored summaries "
            f"({found} with a contradiction finding)" for system, (n, bad, found) in counts.items()]
