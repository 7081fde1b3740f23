"""Batch planning, out-of-memory back-off, device resolution and the summary cache's key."""

from __future__ import annotations

import pytest

from sumcheck.summarize.errors import ModelNotAvailableError
from sumcheck.summarize.systems.cache import SummaryCache, cache_key
from sumcheck.summarize.systems.resolve import cache_root
from sumcheck.summarize.systems.runtime import length_sorted, resolve_placement, run_batches


def test_length_sorted_is_longest_first_and_stable():
    assert length_sorted([5, 1, 5, 9, 0]) == [3, 0, 2, 1, 4]
    assert length_sorted([]) == []


def _oom_above(limit: int, calls: list[list[int]]):
    def step(idx):
        calls.append(idx)
        if len(idx) > limit:
            raise RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB")
        return [i * 10 for i in idx]
    return step


def test_auto_batch_size_halves_on_out_of_memory_and_keeps_every_document():
    calls, done = [], []
    final = run_batches(list(range(10)), 8, _oom_above(3, calls), adaptive=True,
                        on_batch=lambda idx, res: done.append((idx, res)))
    assert final == 2  # 8 -> 4 -> 2
    assert [i for idx, _ in done for i in idx] == list(range(10))
    assert all(res == [i * 10 for i in idx] for idx, res in done)
    assert [len(c) for c in calls[:3]] == [8, 4, 2]


def test_fixed_batch_size_does_not_hide_out_of_memory():
    with pytest.raises(RuntimeError, match="out of memory"):
        run_batches(list(range(4)), 4, _oom_above(1, []), adaptive=False, on_batch=lambda i, r: None)


def test_out_of_memory_at_batch_one_and_other_errors_propagate():
    with pytest.raises(RuntimeError, match="out of memory"):
        run_batches([0, 1], 2, _oom_above(0, []), adaptive=True, on_batch=lambda i, r: None)

    def broken(idx):
        raise RuntimeError("shape mismatch")
    with pytest.raises(RuntimeError, match="shape mismatch"):
        run_batches([0, 1], 2, broken, adaptive=True, on_batch=lambda i, r: None)


def test_cpu_placement_defaults_to_float32():
    p = resolve_placement("cpu", "auto")
    assert (p.device, p.dtype) == ("cpu", "float32")
    assert resolve_placement("cpu", "bfloat16").dtype == "bfloat16"


def test_absent_cuda_is_an_error_not_a_silent_fallback():
    torch = pytest.importorskip("torch")
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    with pytest.raises(ModelNotAvailableError, match="cuda"):
        resolve_placement("cuda", "auto")
    assert resolve_placement("auto", "auto").device in ("cpu", "mps")


def test_cache_root_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SUMCHECK_CACHE_DIR", str(tmp_path / "explicit"))
    assert cache_root() == tmp_path / "explicit"
    monkeypatch.delenv("SUMCHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "sumcheck"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_root() == tmp_path / "home" / ".cache" / "sumcheck"


def test_cache_key_depends_on_settings_and_text_only():
    base = {"model": "m@1", "generation": {"num_beams": 4}}
    k = cache_key(base, "Some text.")
    assert k == cache_key({"generation": {"num_beams": 4}, "model": "m@1"}, "Some text.")  # key order is irrelevant
    assert k != cache_key(base, "Some text!")
    assert k != cache_key({**base, "generation": {"num_beams": 5}}, "Some text.")
    assert k != cache_key({**base, "model": "m@2"}, "Some text.")


def test_cache_round_trip_and_corrupt_entries(tmp_path):
    cache = SummaryCache(tmp_path)
    key = cache_key({"m": 1}, "doc")
    assert cache.get(key) is None
    cache.put(key, {"summary": "Ein Satz – mit Ümlaut.", "meta": {"output_tokens": 5}})
    assert cache.get(key) == {"summary": "Ein Satz – mit Ümlaut.", "meta": {"output_tokens": 5}}
    path = next(tmp_path.rglob(f"{key}.json"))
    path.write_text("{not json", encoding="utf-8")
    assert cache.get(key) is None  # a damaged entry is a miss, regenerated and overwritten
