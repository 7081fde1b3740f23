"""Load a checkpoint only when every weight the model needs is in it.

transformers fills any parameter that a checkpoint lacks (or holds with another shape) with fresh
random values and carries on; scoring or generating with such a model gives numbers that mean
nothing. :func:`from_pretrained_checked` asks transformers for its loading report
(``output_loading_info=True``: ``missing_keys``, ``mismatched_keys``, ``error_msgs``) and raises
:class:`IncompleteWeightsError` naming those tensors. Weights that the model ties to another one
(e.g. BART's ``lm_head.weight`` to ``model.shared.weight``, saved once) are not reported missing by
transformers, so they pass. Keys in the checkpoint that the model does not use (``unexpected_keys``)
are not an error: a classifier may be saved with an unused head.

:func:`check_state_dict` does the same for a ``state_dict`` loaded by hand (``load_state_dict(strict=False)``'s
result).
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from sumcheck.summarize.errors import ModelNotAvailableError


class IncompleteWeightsError(ModelNotAvailableError):
    """A checkpoint lacks weights its model needs (they would be initialised at random)."""


def _names(keys: Iterable[Any]) -> list[str]:
    out = []
    for k in keys or ():
        out.append(str(k[0]) if isinstance(k, (tuple, list)) else str(k))  # mismatched: (name, saved shape, model shape)
    return sorted(set(out))


def describe(missing: Iterable[str], mismatched: Iterable[str] = (), *, limit: int = 8) -> str:
    parts = []
    for what, keys in (("missing", list(missing)), ("with the wrong shape", list(mismatched))):
        if keys:
            shown = ", ".join(keys[:limit]) + (f" and {len(keys) - limit} more" if len(keys) > limit else "")
            parts.append(f"{len(keys)} {what} ({shown})")
    return "; ".join(parts)


def check_loading_info(info: Mapping[str, Any], what: str) -> None:
    """Raise :class:`IncompleteWeightsError` when transformers' loading report shows newly initialised
    tensors (``missing_keys`` or ``mismatched_keys``) or errors."""
    missing, mismatched = _names(info.get("missing_keys")), _names(info.get("mismatched_keys"))
    errors = [str(e) for e in info.get("error_msgs") or []]
    if missing or mismatched or errors:
        detail = describe(missing, mismatched) or "; ".join(errors)[:300]
        raise IncompleteWeightsError(f"{what}: the checkpoint does not hold every weight of the model, so these would be "
                                     f"initialised at random: {detail}; refusing to use it (is it the right checkpoint "
                                     "for this model class?)")


def from_pretrained_checked(auto_class: Any, path: str, *, what: str, **kwargs: Any) -> Any:
    """``auto_class.from_pretrained(path, **kwargs)``, refused (:class:`IncompleteWeightsError`) when any
    weight was not in the checkpoint."""
    model, info = auto_class.from_pretrained(path, output_loading_info=True, **kwargs)
    check_loading_info(info, what)
    return model


def check_state_dict(result: Any, what: str, *, allowed_missing: Iterable[str] = ()) -> None:
    """``module.load_state_dict(state, strict=False)``'s result: every missing key is an error
    (``allowed_missing``: buffers that are rebuilt, not learned)."""
    allowed = set(allowed_missing)
    missing = [k for k in result.missing_keys if k not in allowed]
    check_loading_info({"missing_keys": missing}, what)
