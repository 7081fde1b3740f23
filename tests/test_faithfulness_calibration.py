"""Leave-one-dataset-out estimation, the calibration embedding table, synthetic claims and the local
support features (no model weights needed: a fake encoder stands in for MiniLM)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from sumcheck.faithfulness.calibrate import LabelledSet, fit, leave_one_dataset_out
from sumcheck.faithfulness.embcache import EmbeddingTable, table_for
from sumcheck.faithfulness.lexical import index_source, local_features
from sumcheck.faithfulness.synthetic import synthesize


def _set(name, n, seed, pos_rate, noise=0.1):
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < pos_rate).astype(int)
    sents = [[{"align": 0.3 * yy + rng.normal(0, noise), "num_support": float(rng.random() < 0.5)}] for yy in y]
    return LabelledSet(name, sents, list(y), [f"{name}{i}" for i in range(n)])


def test_lodo_never_lets_the_held_out_labels_reach_the_weights(monkeypatch):
    import sumcheck.faithfulness.calibrate as cal
    sets = [_set("a", 200, 1, 0.3), _set("b", 200, 2, 0.6), _set("c", 200, 3, 0.5)]
    seen = []
    real_fit = cal.fit
    monkeypatch.setattr(cal, "fit", lambda train, **kw: (seen.append(sorted(s.name for s in train)), real_fit(train, **kw))[1])
    res = leave_one_dataset_out(sets, features=("align", "num_support"), chunking="sent")
    assert seen == [["b", "c"], ["a", "c"], ["a", "b"]]
    assert min(res.per_dataset.values()) > 0.8  # the signal transfers across datasets
    # scrambling a held-out dataset's labels ruins only its own figure, and leaves the others' untouched
    scrambled = LabelledSet("c", sets[2].sentences, list(np.random.default_rng(9).permutation(sets[2].labels)), sets[2].groups)
    res2 = leave_one_dataset_out(sets[:2] + [scrambled], features=("align", "num_support"), chunking="sent")
    assert res2.per_dataset["c"] < 0.62


def test_lodo_drops_extra_pairs_made_from_held_out_documents(monkeypatch):
    import sumcheck.faithfulness.calibrate as cal
    sets = [_set("a", 100, 1, 0.5), _set("b", 100, 2, 0.5)]
    extra = LabelledSet("synthetic", sets[0].sentences[:50] + sets[1].sentences[:50], sets[0].labels[:50] + sets[1].labels[:50],
                        sets[0].groups[:50] + sets[1].groups[:50])
    sizes = []
    real_fit = cal.fit
    monkeypatch.setattr(cal, "fit", lambda train, **kw: (sizes.append({s.name: len(s.labels) for s in train}), real_fit(train, **kw))[1])
    leave_one_dataset_out(sets, extra=[extra], features=("align",), chunking="sent")
    assert sizes == [{"b": 100, "synthetic": 50}, {"a": 100, "synthetic": 50}]


class FakeEncoder:
    """Deterministic 8-dim vectors from the text's hash; counts what it encodes."""

    signature, dim, dtype = "fake@1", 8, "float32"

    def __init__(self):
        self.calls = 0

    def encode(self, texts, batch_size=64):
        self.calls += len(texts)
        out = np.stack([np.random.default_rng(abs(hash(t)) % 2**32).normal(size=8) for t in texts]).astype(np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


class _Data:
    def __init__(self, pairs):
        self.pairs = pairs


class _Pair:
    def __init__(self, document, summary):
        self.document, self.summary = document, summary


def test_embedding_table_is_read_back_exactly_and_keyed_by_the_text_set(tmp_path):
    data = [_Data([_Pair("One fact here. Another fact there.", "A summary. Two sentences."),
                   _Pair("One fact here. Another fact there.", "Different summary.")])]
    enc = FakeEncoder()
    first = table_for(data, enc, "sent", cache_dir=tmp_path)
    assert enc.calls == 5  # 2 source sentences + 3 distinct summary sentences, each once
    again = table_for(data, enc, "sent", cache_dir=tmp_path)
    assert enc.calls == 5 and set(again.vectors) == set(first.vectors)
    for t in first.vectors:
        np.testing.assert_array_equal(first.vectors[t], again.vectors[t])
    more = data + [_Data([_Pair("New source.", "New summary.")])]
    table_for(more, enc, "sent", cache_dir=tmp_path)
    assert enc.calls == 5 + 7  # another text set: encoded afresh in one sorted call, not patched
    assert len(list(tmp_path.glob("minilm-*.npz"))) == 2
    t = EmbeddingTable(enc, first.vectors)
    np.testing.assert_array_equal(t.encode(["A summary."])[0], first.vectors["A summary."])


def test_synthetic_claims_are_deterministic_and_each_corruption_is_one_edit():
    docs = ["Anna Berg, the mayor of Oslo, said on Monday that 3,000 homes would be built by 2030. "
            "She was not consulted about the plan. The council has 45 members. Critics in Bergen said the cost was too high.",
            "Heavy rain flooded the valley on Friday and two bridges were closed by the police. "
            "Schools in the valley will stay shut until Wednesday, officials said."]
    a = synthesize(docs, seed=3, per_doc=3)
    assert a == synthesize(list(reversed(docs)), seed=3, per_doc=3)
    assert a != synthesize(docs, seed=4, per_doc=3) or len(a) < 4
    assert len(a) % 2 == 0 and [c.label for c in a] == [1, 0] * (len(a) // 2)
    for good, bad in zip(a[::2], a[1::2]):
        assert good.document == bad.document and good.claim != bad.claim
        if bad.kind == "negation":
            assert abs(len(re.findall(r"\bnot\b", good.claim)) - len(re.findall(r"\bnot\b", bad.claim))) == 1
        if bad.kind == "number-swap":
            assert re.findall(r"\d", good.claim) != re.findall(r"\d", bad.claim)
        if bad.kind == "addition":
            assert bad.claim.startswith(good.claim.rstrip(".!? ")) and len(bad.claim) > len(good.claim)


@pytest.mark.parametrize("sentence,aligned,expect", [
    # an entity swapped in from elsewhere in the document: supported globally, not by its aligned chunk
    ("Bob Stone won the race.", [0], {"local_uni": 2 / 4, "lex_best": 2 / 4, "lex_pair": 1.0}),
    ("Ann Lee won the race.", [0], {"local_uni": 1.0, "neg_mismatch": 0.0}),
    ("Ann Lee did not win the race.", [0], {"neg_mismatch": 1.0}),
    ("Ann Lee won the race and Bob Stone came second.", [0], {"lex_pair": 1.0}),
    ("She won the race.", [0], {"pron_mismatch": 0.0}),
    ("He won the race.", [0], {"pron_mismatch": 1.0}),
])
def test_local_features(sentence, aligned, expect):
    chunks = ["Ann Lee won the race, and she was thrilled.", "Bob Stone came second."]
    src = index_source(" ".join(chunks), chunks)
    got = local_features(sentence, src, aligned)
    for k, v in expect.items():
        assert got[k] == pytest.approx(v), k


def test_a_fold_whose_training_part_has_one_label_is_a_clear_error():
    # new-user trial, session 5: one valid file could crash calibrate with sklearn's "only one class"
    from sumcheck.faithfulness.calibrate import LabelledSet, cross_validate
    from sumcheck.summarize.errors import InputError

    sentences = [[{"align": 0.1 * i, "uni_support": 1 - 0.07 * i}] for i in range(8)]
    # every consistent pair comes from one document, so the fold holding it leaves only label 0 to train on
    ds = LabelledSet("mix", sentences, [1, 1, 1, 1, 0, 0, 0, 0], ["d0", "d0", "d0", "d0", "d1", "d2", "d3", "d4"])
    with pytest.raises(InputError, match=r"mix: with --folds 2, the training part of fold \d holds only label 0"):
        cross_validate([ds], folds=2, seed=1, features=("align", "uni_support"), chunking="sent")


def test_the_provenance_command_records_paths_relative_to_where_it_ran(tmp_path, monkeypatch):
    from sumcheck.cli.cmd_calibrate import _relative

    monkeypatch.chdir(tmp_path / "..")
    assert _relative(str(tmp_path / "cuts" / "frank_val.jsonl")) == f"{tmp_path.name}/cuts/frank_val.jsonl"
    assert _relative("../shared/data/frank_val.jsonl") == "../shared/data/frank_val.jsonl"  # already relative: as given
