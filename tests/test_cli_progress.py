"""Generation progress per document and the cache-hit count behind the run summary line (issue 17)."""

from pathlib import Path

import pytest

from sumcheck.pipeline import Run
from sumcheck.summarize.records import Document, Prediction


def test_generation_progress_moves_within_a_batch():
    torch = pytest.importorskip("torch")
    from sumcheck.summarize.systems.hf import _RowProgress

    eos, reports = 2, []
    criterion = _RowProgress(eos, 4, reports.append)  # max_new_tokens 4: a row moves 1/4 per token
    # step 1: row 1 produced its end token (done: 1), row 0 moved 1/4
    # steps 2-3: row 0 moves to 3/4; step 4: row 0 reaches the token limit (topped up to 1)
    steps = [[[5, 7], [5, eos]], [[5, 7, 8], [5, eos, eos]], [[5, 7, 8, 9], [5, eos, eos, eos]],
             [[5, 7, 8, 9, 10], [5, eos, eos, eos, eos]]]
    for ids in steps:
        stop = criterion(torch.tensor(ids), None)
        assert not bool(stop.any())  # it never stops generation itself
    assert reports == pytest.approx([1.25, 0.25, 0.25, 0.25])
    assert sum(reports) == pytest.approx(2.0)  # a batch reports exactly its size


def test_without_a_token_limit_only_finished_rows_count():
    torch = pytest.importorskip("torch")
    from sumcheck.summarize.systems.hf import _RowProgress

    reports = []
    criterion = _RowProgress(2, None, reports.append)
    criterion(torch.tensor([[5, 7], [5, 8]]), None)
    criterion(torch.tensor([[5, 7, 2], [5, 8, 9]]), None)
    assert reports == [1.0]


class FakeSystem:
    """Summarises the first document from the 'cache', the rest 'generated', reporting rows finished early."""

    name = "fake"

    def __init__(self) -> None:
        self.on_progress = None
        self.progress_seen = []

    def generate(self, documents, on_result=None):
        out = []
        for i, d in enumerate(documents):
            if i == 0:
                p = Prediction(d.id, self.name, "cached " + d.text, {"cache": "hit"})
                on_result(i, p)
                out.append(p)
        rest = list(enumerate(documents))[1:]
        if self.on_progress is not None and rest:
            self.on_progress(0.0)  # "the model is loaded"
            for _ in range(len(rest) * 3):  # progress in thirds of a document while the "batch" runs
                self.progress_seen.append(1 / 3)
                self.on_progress(1 / 3)
        for i, d in rest:
            p = Prediction(d.id, self.name, "made " + d.text, {"cache": "miss"})
            on_result(i, p)
            out.append(p)
        return out


def test_cache_hits_are_counted_and_the_hook_is_wired(tmp_path: Path, monkeypatch):
    import io

    from tqdm import tqdm

    import sumcheck.pipeline as pipeline

    bars, seen = [], []

    class Recording(tqdm):
        def update(self, n=1):
            super().update(n)
            seen.append(self.n)

        def reset(self, total=None):
            super().reset(total)
            seen.append(f"reset {self.total}")

    def progress(total, desc, quiet, unit="doc"):
        bars.append(Recording(total=total, desc=desc, file=io.StringIO(), mininterval=0))
        return bars[-1]

    monkeypatch.setattr(pipeline, "_progress", progress)
    docs = [Document(id=f"d{i}", text=f"Document {i}.") for i in range(4)]
    run = Run(tmp_path / "run", documents=docs, info={"kind": "test"}, quiet=False)
    system = FakeSystem()
    assert run.generate([system]) == 4
    assert run.from_cache == 1
    assert sum(system.progress_seen) == pytest.approx(3)
    assert system.on_progress is None  # the hook is removed after the system ran
    assert len(run.existing_predictions()) == 4
    # the cache hit left the bar's total (3 to generate); progress moved in whole documents while
    # the "batch" ran, reached 3/3 and never went past it;
    # the clock restarted once the model was loaded, so loading does not count in the ETA
    assert bars[0].total == 3 and seen == ["reset 3", 1, 2, 3]
    # ... and the bar says why its total shrank (a new user read 0/7, 0/6, ... as lost work; session 16)
    assert bars[0].postfix == "1 from the cache"


@pytest.mark.parametrize("kind", ["t5", "llama"])
def test_real_generation_reports_progress_and_is_unchanged_by_it(tmp_path, monkeypatch, kind):
    pytest.importorskip("transformers")
    from pydantic import TypeAdapter

    from sumcheck.summarize.spec import SystemSpec
    from sumcheck.summarize.systems import build_system
    from summarize_helpers import build_llama, build_t5, words_text

    monkeypatch.setenv("SUMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    model = (build_t5 if kind == "t5" else build_llama)(tmp_path / kind)
    entry = {"name": f"tiny-{kind}", "type": "seq2seq" if kind == "t5" else "causal", "model": str(model),
             "device": "cpu", "batch_size": 8, "generation": {"max_new_tokens": 6, "min_new_tokens": 6}}
    if kind == "llama":
        entry["prompt"] = "summarize : {document}"
    docs = [Document(f"d{i}", words_text(n, i)) for i, n in enumerate([7, 30, 12, 20, 3])]
    plain = build_system(TypeAdapter(SystemSpec).validate_python(entry), progress=False, use_cache=False)
    expected = [p.summary for p in plain.generate(docs)]
    hooked = build_system(TypeAdapter(SystemSpec).validate_python(entry), progress=False, use_cache=False)
    reports = []
    hooked.on_progress = reports.append
    assert [p.summary for p in hooked.generate(docs)] == expected
    # one batch of 5 rows, 6 tokens each: a start signal, then progress on every step, 5 documents in all
    assert reports[0] == 0.0 and len(reports) >= 6
    assert sum(reports) == pytest.approx(len(docs))
