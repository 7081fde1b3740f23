"""Generation progress per document and the cache-hit count behind the run summary line (issue 17)."""

from pathlib import Path

import pytest

from sumcheck.pipeline import Run
from sumcheck.summarize.records import Document, Prediction


def test_rows_finishing_mid_batch_are_reported_once_each():
    torch = pytest.importorskip("torch")
    from sumcheck.summarize.systems.hf import _RowsFinished

    eos, reports = 2, []
    criterion = _RowsFinished(eos, reports.append)
    # step 1: row 1 produced its end token; step 2: row 0 too; step 3: both padded with eos
    steps = [torch.tensor([[5, 7], [5, eos]]), torch.tensor([[5, 7, eos], [5, eos, eos]]),
             torch.tensor([[5, 7, eos, eos], [5, eos, eos, eos]])]
    for ids in steps:
        stop = criterion(ids, None)
        assert not bool(stop.any())  # it never stops generation itself
    assert reports == [1, 1]


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
            self.progress_seen.append(len(rest))
            self.on_progress(len(rest))  # all rows of the batch finished before the batch returned
        for i, d in rest:
            p = Prediction(d.id, self.name, "made " + d.text, {"cache": "miss"})
            on_result(i, p)
            out.append(p)
        return out


def test_cache_hits_are_counted_and_the_hook_is_wired(tmp_path: Path):
    docs = [Document(id=f"d{i}", text=f"Document {i}.") for i in range(4)]
    run = Run(tmp_path / "run", documents=docs, info={"kind": "test"}, quiet=False)
    system = FakeSystem()
    assert run.generate([system]) == 4
    assert run.from_cache == 1
    assert system.progress_seen == [3]
    assert system.on_progress is None  # the hook is removed after the system ran
    assert len(run.existing_predictions()) == 4
