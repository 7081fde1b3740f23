"""Issue 25: today's models end to end (reasoning replies, list content, chat templates that refuse the
system role, completions cut at the token limit, systems that produce nothing).

Local models are tiny Llamas wired as a *chain*: the residual stream carries the current token's
one-hot embedding unchanged (attention and MLP outputs are zero) and the output head maps each token
to one chosen successor, so greedy decoding writes exactly the sequence the test lays out (e.g.
``<think> cat </think> dog sat </s>``). Expected summaries, reasoning, token counts and finish reasons
follow from that construction. Served models go through the fault-injecting server
(tests/openai_helpers.py), whose replies the tests choose.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from sumcheck.summarize.errors import ConfigError
from sumcheck.summarize.reasoning import split_reasoning
from sumcheck.summarize.records import Document
from sumcheck.summarize.spec import SystemSpec
from sumcheck.summarize.systems import build_system

ADAPTER = TypeAdapter(SystemSpec)
SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "documents.jsonl"

CHAT = ("{% for m in messages %}<s> {{ m['role'] }} {{ m['content'] }} </s> {% endfor %}"
        "{% if add_generation_prompt %}<s> assistant {% endif %}")
# Gemma-style: the template raises on a system message (raise_exception -> jinja2 TemplateError)
NO_SYSTEM = ("{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}" + CHAT)
# Mistral-style wording, and a template that refuses every conversation
NO_SYSTEM_MISTRAL = ("{% for m in messages %}{% if m['role'] not in ['user', 'assistant'] %}"
                     "{{ raise_exception('Only user and assistant roles are supported!') }}{% endif %}{% endfor %}" + CHAT)
REFUSES_ALL = "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}"


# ---- the pure splitter --------------------------------------------------------------------------------
@pytest.mark.parametrize("reply, answer, reasoning, error", [
    ("<think>42 is in the draft</think>\n\nRates rose.", "Rates rose.", "42 is in the draft", None),
    ("[THINK]count again[/THINK]Rates rose.", "Rates rose.", "count again", None),
    ("<thinking>a</thinking>Rates <reasoning>b</reasoning>rose.", "Rates rose.", "a\n\nb", None),
    ("<|begin_of_thought|>x<|end_of_thought|> Rates rose.", "Rates rose.", "x", None),
    # the template opened the block in the prompt (DeepSeek-R1, Qwen3): only the close is generated
    ("so 42 it is\n</think>\nRates rose.", "Rates rose.", "so 42 it is", None),
    ("<think>all of it</think>", "", "all of it", "no answer after the reasoning block"),
    ("<think>cut mid thou", "", "cut mid thou", "reply cut inside an unclosed <think> reasoning block"),
    ("Rates rose. <think>and then", "", "and then", "reply cut inside an unclosed <think> reasoning block"),
    ("No reasoning here.", "No reasoning here.", None, None),
])
def test_split_reasoning_rules(reply, answer, reasoning, error):
    got = split_reasoning(reply)
    assert (got.answer, got.reasoning, got.error) == (answer, reasoning, error)


def test_split_reasoning_custom_and_no_delimiters():
    assert split_reasoning("<scratch>n=3</scratch>Done.", (("<scratch>", "</scratch>"),)).answer == "Done."
    assert split_reasoning("<think>x</think>Done.", ()).answer == "<think>x</think>Done."  # [] strips nothing


def test_reasoning_delimiters_are_validated_in_the_config():
    with pytest.raises(ValueError, match="pair of non-empty strings"):
        ADAPTER.validate_python({"name": "a", "type": "openai", "base_url": "http://x/v1", "model": "m",
                                 "reasoning_delimiters": [["<think>"]]})


# ---- tiny chain models ------------------------------------------------------------------------------------
VOCAB_WORDS = ("<think> </think> [THINK] [/THINK] cat dog sat mat ran <s> </s> user system assistant summarize the "
               "following article in one or two sentences . You are brief : council voted budget").split()


def build_chain(folder: Path, chain: dict[str, str], *, template: str | None = CHAT, special: tuple[str, ...] = (),
                response_template: dict | None = None) -> Path:
    """A Llama whose greedy output after token ``a`` is ``chain[a]`` (``</s>`` for any other token).
    ``response_template``: how ``transformers serve`` parses its replies (reasoning into ``reasoning_content``)."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    vocab = {"<unk>": 0}
    for w in VOCAB_WORDS:
        vocab.setdefault(w, len(vocab))
    tk = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    tk.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tk.decoder = decoders.WordPiece(prefix="##", cleanup=False)
    tok = PreTrainedTokenizerFast(tokenizer_object=tk, bos_token="<s>", eos_token="</s>", unk_token="<unk>",
                                  additional_special_tokens=list(special))
    if template:
        tok.chat_template = template
    if response_template is not None:
        tok.response_template = response_template
    v = len(vocab)
    hidden = (v + 3) // 4 * 4
    config = LlamaConfig(vocab_size=v, hidden_size=hidden, intermediate_size=8, num_hidden_layers=1, num_attention_heads=2,
                         num_key_value_heads=2, max_position_embeddings=512, bos_token_id=vocab["<s>"],
                         eos_token_id=vocab["</s>"], tie_word_embeddings=False)
    model = LlamaForCausalLM(config)
    with torch.no_grad():
        for p in model.parameters():
            p.zero_()
        model.model.embed_tokens.weight[:, :v] = torch.eye(v)
        model.model.norm.weight.fill_(1.0)
        for layer in model.model.layers:
            layer.input_layernorm.weight.fill_(1.0)
            layer.post_attention_layernorm.weight.fill_(1.0)
        for word, i in vocab.items():
            model.lm_head.weight[vocab[chain.get(word, "</s>")], i] = 1.0
    model.generation_config.eos_token_id = vocab["</s>"]
    model.save_pretrained(folder)
    tok.save_pretrained(folder)
    return folder


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("SUMCHECK_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def causal(folder: Path, **settings):
    entry = {"name": "chain", "type": "causal", "model": str(folder), "device": "cpu", "dtype": "float32", "batch_size": 2,
             "prompt": "summarize the following article : {document}", **settings}
    return build_system(ADAPTER.validate_python(entry), progress=False)


DOCS = [Document("d1", "the council voted the budget"), Document("d2", "the cat sat")]
THINKING = {"assistant": "<think>", "<think>": "cat", "cat": "</think>", "</think>": "dog", "dog": "sat"}


def test_local_reasoning_block_is_stripped_kept_and_recorded(tmp_path):
    folder = build_chain(tmp_path / "m", THINKING)
    preds = causal(folder, generation={"max_new_tokens": 16}).generate(DOCS)
    for p in preds:  # the chain writes "<think> cat </think> dog sat" then </s>
        assert p.summary == "dog sat" and p.meta["reasoning"] == "cat" and "error" not in p.meta
        assert p.meta["finish_reason"] == "stop" and p.meta["completion_truncated"] is False
        assert p.meta["completion_tokens"] == 5 and p.meta["prompt_tokens"] == p.meta["input_tokens"]


def test_local_reasoning_delimiters_that_are_special_tokens_survive_decoding(tmp_path):
    # Magistral's [THINK] is a special token: skip_special_tokens alone would drop the marks and
    # leave "cat dog" as the summary
    chain = {"assistant": "[THINK]", "[THINK]": "cat", "cat": "[/THINK]", "[/THINK]": "dog"}
    folder = build_chain(tmp_path / "m", chain, special=("[THINK]", "[/THINK]"))
    pred = causal(folder, generation={"max_new_tokens": 16}).generate(DOCS[:1])[0]
    assert (pred.summary, pred.meta["reasoning"]) == ("dog", "cat")


def test_local_reply_cut_inside_its_reasoning_is_a_failed_generation(tmp_path):
    folder = build_chain(tmp_path / "m", {**THINKING, "cat": "cat"})  # thinks "cat cat cat ..." forever
    system = causal(folder, generation={"max_new_tokens": 4})
    pred = system.generate(DOCS[:1])[0]
    assert pred.summary == "" and pred.meta["error"] == "reply cut inside an unclosed <think> reasoning block (finish_reason: length)"
    assert pred.meta["reply"] == "<think> cat cat cat" and pred.meta["completion_truncated"] is True
    again = causal(folder, generation={"max_new_tokens": 4}).generate(DOCS[:1])[0]
    assert again.meta["cache"] == "miss"  # a failure is not cached


def test_delimiters_are_a_setting_in_the_cache_key_and_signature(tmp_path):
    folder = build_chain(tmp_path / "m", THINKING)
    default = causal(folder, generation={"max_new_tokens": 16})
    off = causal(folder, generation={"max_new_tokens": 16}, reasoning_delimiters=[])
    assert "think:<think>..</think>" in default.model_signature() and "think:none" in off.model_signature()
    assert default.generate(DOCS[:1])[0].summary == "dog sat"
    kept = off.generate(DOCS[:1])[0]
    assert kept.meta["cache"] == "miss" and kept.summary == "<think> cat </think> dog sat"


def test_local_completion_stopped_at_max_new_tokens_is_marked(tmp_path):
    folder = build_chain(tmp_path / "m", {"assistant": "dog", "dog": "sat", "sat": "dog"})  # never ends
    preds = causal(folder, generation={"max_new_tokens": 3}).generate(DOCS)
    for p in preds:
        assert p.summary == "dog sat dog" and p.meta["finish_reason"] == "length" and p.meta["completion_truncated"] is True
        assert p.meta["completion_tokens"] == 3


def _hand_prompt(content: str) -> str:
    return f"<s> user {content} </s> <s> assistant "


@pytest.mark.parametrize("template", [NO_SYSTEM, NO_SYSTEM_MISTRAL], ids=["gemma-style", "mistral-style"])
def test_system_prompt_goes_into_the_user_turn_when_the_template_refuses_it(tmp_path, template):
    folder = build_chain(tmp_path / "m", {"assistant": "dog"}, template=template)
    system = causal(folder, system_prompt="You are brief .", generation={"max_new_tokens": 4})
    pred = system.generate(DOCS[:1])[0]
    assert pred.summary == "dog" and pred.meta["system_prompt_in_user_turn"] is True
    expected = _hand_prompt("You are brief .\n\nsummarize the following article : the council voted the budget")
    assert pred.meta["input_tokens"] == len(expected.split())
    ok = causal(build_chain(tmp_path / "ok", {"assistant": "dog"}), system_prompt="You are brief .",
                generation={"max_new_tokens": 4}).generate(DOCS[:1])[0]
    assert "system_prompt_in_user_turn" not in ok.meta  # a template with a system role keeps it


def test_a_template_that_refuses_the_prompt_is_one_config_error(tmp_path):
    folder = build_chain(tmp_path / "m", {"assistant": "dog"}, template=REFUSES_ALL)
    with pytest.raises(ConfigError, match=r"^system 'chain': the model's chat template refuses the prompt.*"
                                          r"Conversation roles must alternate.*chat_template: false") as info:
        causal(folder, system_prompt="You are brief .", generation={"max_new_tokens": 4}).generate(DOCS[:1])
    assert "\n" not in str(info.value)


def _config(tmp_path: Path, systems: str, metrics: str = "{factcheck: {}, rouge: {}}") -> Path:
    path = tmp_path / "run.yaml"
    path.write_text(f"""version: 1
name: issue25
data: {{path: {SEEDS}, limit: 3}}
systems:
{systems}
metrics: {metrics}
statistics: {{resamples: 50}}
report: false
""", encoding="utf-8")
    return path


def test_run_with_a_gemma_style_template_records_the_merge_and_counts_cut_completions(tmp_path, capsys):
    from sumcheck.cli import main

    folder = build_chain(tmp_path / "m", {"assistant": "dog", "dog": "sat", "sat": "dog"}, template=NO_SYSTEM)
    config = _config(tmp_path, f"""  - name: gemma
    type: causal
    model: {folder}
    device: cpu
    system_prompt: You are brief.
    generation: {{max_new_tokens: 2}}""", metrics="{rouge: {}}")
    assert main(["run", str(config), "--out", str(tmp_path / "run"), "-q"]) == 0
    out = capsys.readouterr().out
    assert "3 cut at the token limit" in out
    assert "gemma: the chat template refuses the system role, so system_prompt opened the user turn of 3 of 3 prompts" in out
    usage = json.loads((tmp_path / "run" / "run.json").read_text())["usage"]["gemma"]
    assert usage["completion_truncated"] == 3 and usage["system_prompt_in_user_turn"] == 3 and usage["rows"] == 3
    assert usage["completion_tokens"] == 6
    from sumcheck.report.data import load_run

    notes = load_run(tmp_path / "run").notes  # the report says it too
    assert "gemma: 3 of 3 completions were cut at the token limit (finish_reason: length; completion_truncated in predictions.jsonl)" in notes


def test_python_run_raises_a_config_error_not_a_template_error(tmp_path):
    import sumcheck

    folder = build_chain(tmp_path / "m", {"assistant": "dog"}, template=REFUSES_ALL)
    config = {"version": 1, "name": "x", "data": {"path": str(SEEDS), "limit": 1},
              "systems": [{"name": "bad", "type": "causal", "model": str(folder), "device": "cpu",
                           "generation": {"max_new_tokens": 2}}],
              "metrics": {"rouge": {}}, "statistics": {"resamples": 50}}
    with pytest.raises(ConfigError, match="chat template refuses"):
        sumcheck.run(config, out=tmp_path / "run")


def test_cli_run_with_a_refusing_template_exits_2_with_one_line(tmp_path, capsys):
    from sumcheck.cli import main

    folder = build_chain(tmp_path / "m", {"assistant": "dog"}, template=REFUSES_ALL)
    config = _config(tmp_path, f"""  - name: bad
    type: causal
    model: {folder}
    device: cpu
    generation: {{max_new_tokens: 2}}""", metrics="{rouge: {}}")
    capsys.readouterr()  # (saving the model drew a progress bar)
    assert main(["run", str(config), "--out", str(tmp_path / "run"), "-q"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("sumcheck: error: system 'bad': the model's chat template refuses") and "\n" not in err


# ---- served models: the fault-injecting server --------------------------------------------------------------
@pytest.fixture()
def server():
    pytest.importorskip("openai")
    from openai_helpers import FaultServer

    with FaultServer() as srv:
        yield srv


def api(server, **kw):
    entry = {"name": "api", "type": "openai", "base_url": server.base_url, "model": "ok", "max_concurrency": 1,
             "max_retries": 0, "prompt": "{document}", **kw}
    return build_system(ADAPTER.validate_python(entry), progress=False)


@pytest.mark.parametrize("open_, close, setting", [
    ("<think>", "</think>", None), ("[THINK]", "[/THINK]", None),
    ("<scratchpad>", "</scratchpad>", [["<scratchpad>", "</scratchpad>"]]),  # another member, named in the config
])
def test_served_reasoning_block_is_stripped_and_kept(server, open_, close, setting):
    from openai_helpers import REASONING, summary_for

    server.reply = lambda prompt: f"{open_}{REASONING}{close}\n\n{summary_for(prompt)}"
    extra = {} if setting is None else {"reasoning_delimiters": setting}
    pred = api(server, **extra).generate(DOCS[:1])[0]
    assert pred.summary == summary_for(DOCS[0].text) and pred.meta["reasoning"] == REASONING


@pytest.mark.parametrize("model", ["parts", "reasoning-field"])
def test_list_content_and_reasoning_fields_are_read(server, model):
    from openai_helpers import REASONING, summary_for

    pred = api(server, model=model).generate(DOCS[:1])[0]
    # before issue 25 the list content failed every row: "malformed response (the first choice has no text)"
    assert "error" not in pred.meta and server.count(model) == 1
    assert pred.summary == summary_for(DOCS[0].text) and pred.meta["reasoning"] == REASONING


def test_served_reply_that_is_reasoning_only_is_a_failed_generation(server):
    pred = api(server, model="reasoning-only").generate(DOCS[:1])[0]
    assert pred.summary == "" and pred.meta["error"] == "no answer after the reasoning block (finish_reason: length)"
    assert pred.meta["completion_truncated"] is True


def test_served_reply_cut_inside_its_block_is_failed_and_asked_again(server):
    server.reply = lambda prompt: "<think>the budget was 42 million and"
    system = api(server)
    assert system.generate(DOCS[:1])[0].meta["error"].startswith("reply cut inside an unclosed <think> reasoning block")
    system.generate(DOCS[:1])
    assert server.count() == 2  # not cached


def test_run_scores_the_answer_only_and_exits_3_when_a_system_produced_nothing(server, tmp_path, capsys):
    from openai_helpers import REASONING, summary_for

    from sumcheck.cli import main

    server.reply = lambda prompt: f"<think>{REASONING}</think>{summary_for(prompt)}"
    config = _config(tmp_path, f"""  - name: thinker
    type: openai
    base_url: {server.base_url}
    model: ok
    prompt: "{{document}}"
  - name: down
    type: openai
    base_url: {server.base_url}
    model: unavailable
    max_retries: 0""")
    assert main(["run", str(config), "--out", str(tmp_path / "run"), "-q"]) == 3
    err = capsys.readouterr().err
    assert "system 'down' produced no summary: all 3 generations failed (first: http 503" in err and "'thinker'" not in err
    rows = [json.loads(line) for line in (tmp_path / "run" / "results.jsonl").read_text().splitlines()]
    thinker = [r for r in rows if r["system"] == "thinker"]
    docs = [json.loads(line) for line in SEEDS.read_text(encoding="utf-8").splitlines()[:3]]
    assert [r["summary"] for r in thinker] == [summary_for(d["document"]) for d in docs]
    flagged = {f["text"] for r in thinker for f in r["factcheck"].get("flags", [])}
    assert not flagged & {"1999", "Kyoto"}  # only the reasoning mentions them: nothing is flagged for it
    run = json.loads((tmp_path / "run" / "run.json").read_text())
    assert "think:<think>..</think>" in run["models"]["thinker"]


def test_run_escapes_the_server_error_it_prints_for_a_system_that_produced_nothing(server, tmp_path, capsys):
    # review of issue 25: the exit-3 line printed the server's error text raw, so an ESC ]0;...BEL in it set
    # the terminal's title; the README promises messages with control and bidi characters escaped
    from openai_helpers import HOSTILE

    from sumcheck.cli import main

    config = _config(tmp_path, f"""  - name: down
    type: openai
    base_url: {server.base_url}
    model: hostile
    max_retries: 0""")
    assert main(["run", str(config), "--out", str(tmp_path / "run"), "-q"]) == 3
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    assert "system 'down' produced no summary: all 3 generations failed (first: http 503" in err
    assert "busy \\x1b]0;pwned\\x07 try \\u202elater" in err
    # the run folder keeps the server's words as they came
    rows = [json.loads(line) for line in (tmp_path / "run" / "predictions.jsonl").read_text().splitlines()]
    assert HOSTILE in rows[0]["meta"]["error"]


# ---- a real `transformers serve` on a chain model -------------------------------------------------------
# transformers' declarative response template (as Qwen3's): <think> blocks go to reasoning_content
SERVE_RESPONSE_TEMPLATE = {"defaults": {"role": "assistant"}, "start_anchor": "<s> assistant",
                           "fields": {"reasoning_content": {"open": "<think>", "close": "</think>", "content": "text"},
                                      "content": {"close": "</s>", "content": "text"}}}


@pytest.fixture(scope="module")
def served_chain(tmp_path_factory):
    """``transformers serve`` (models loaded on demand, named by folder) with two chain Llamas that think
    before they answer and never end their answer: ``<think> cat </think> dog sat dog sat ...`` (so
    ``max_tokens`` cuts it). ``raw`` sends that text as it is; ``parsed`` has a response template, so
    the server itself moves the reasoning into ``reasoning_content``."""
    for module in ("openai", "fastapi", "uvicorn"):
        pytest.importorskip(module)
    from serve_helpers import transformers_serve

    root = tmp_path_factory.mktemp("served-chain")
    folder = build_chain(root / "model", {**THINKING, "sat": "dog"})
    parsed = build_chain(root / "parsed", {**THINKING, "sat": "dog"}, response_template=SERVE_RESPONSE_TEMPLATE)
    log = root / "server.log"
    with transformers_serve([], log) as port:
        yield {"base_url": f"http://127.0.0.1:{port}/v1", "model": str(folder), "parsed": str(parsed), "log": log}


@pytest.mark.slow
def test_transformers_serve_reasoning_reply_is_stripped_and_its_cut_answer_counted(served_chain, tmp_path, capsys):
    from serve_helpers import completions_served

    from sumcheck.cli import main

    config = _config(tmp_path, f"""  - name: served
    type: openai
    base_url: {served_chain["base_url"]}
    model: {served_chain["model"]}
    max_concurrency: 1
    timeout: 300
    max_retries: 0
    generation: {{max_tokens: 6, temperature: 0.0}}""", metrics="{rouge: {}}")
    before = completions_served(served_chain["log"])
    assert main(["run", str(config), "--out", str(tmp_path / "run"), "-q"]) == 0
    assert completions_served(served_chain["log"]) - before == 3
    out = capsys.readouterr().out
    preds = [json.loads(line) for line in (tmp_path / "run" / "predictions.jsonl").read_text().splitlines()]
    for p in preds:  # six tokens: "<think> cat </think>" then "dog sat dog", cut by max_tokens
        assert p["summary"] == "dog sat dog" and p["meta"]["reasoning"] == "cat", p
        assert p["meta"]["finish_reason"] == "length" and p["meta"]["completion_truncated"] is True
        assert p["meta"]["completion_tokens"] == 6
    assert "3 cut at the token limit" in out and "served: 3 of 3 completions were cut at the token limit" in out
    assert json.loads((tmp_path / "run" / "run.json").read_text())["usage"]["served"]["completion_truncated"] == 3


# ---- the gate sees missing output; ROUGE says which rows lost letters ----------------------------------------
def _score(tmp_path: Path, name: str, summaries: list[str], metrics: str, extra: tuple[str, ...] = ()) -> Path:
    from sumcheck.cli import main

    docs = [json.loads(line) for line in SEEDS.read_text(encoding="utf-8").splitlines()][:len(summaries)]
    rows = [{"id": f"d{i}", "document": d["document"][:1500], "reference": d["document"][:300], "summary": s}
            for i, (d, s) in enumerate(zip(docs, summaries))]
    data = tmp_path / f"{name}.jsonl"
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / name
    assert main(["score", str(data), "--out", str(out), "--metrics", metrics, "--system", "sys", "--no-report", "-q",
                 *extra]) == 0
    return out


@pytest.mark.slow
@pytest.mark.parametrize("bad", ["", "...", "—"])
def test_gate_fails_a_candidate_whose_summaries_are_missing_when_only_the_fact_check_is_gated(tmp_path, capsys, bad):
    # issue 25's report: `gate` exited 0 "PASS: no regression", noting "no document scored by both runs"
    from sumcheck.cli import main

    docs = [json.loads(line)["document"] for line in SEEDS.read_text(encoding="utf-8").splitlines()][:4]
    good = [d[:160] for d in docs]  # the lead of each document: the fact-check scores every one
    base = _score(tmp_path, "base", good, "factcheck")
    cand = _score(tmp_path, "cand", [bad, good[1], bad, good[3]], "factcheck")  # a partial drop: 2 of 4
    capsys.readouterr()
    assert main(["gate", str(base), str(cand), "--out", str(tmp_path / "gate")]) == 1
    out = capsys.readouterr().out
    assert "sys fact_precision: coverage 2/4 (50.0%): the candidate has no output to score for 2 of the 4 documents" in out
    junit = (tmp_path / "gate" / "junit.xml").read_text(encoding="utf-8")
    assert 'type="coverage"' in junit
    assert "coverage 2/4" in (tmp_path / "gate" / "comparison.md").read_text(encoding="utf-8")


COUNCIL = ("The council approved 300 new homes on the edge of the town on Tuesday, after a debate that "
           "lasted most of the evening. Building is due to start next spring.")


@pytest.mark.slow
@pytest.mark.parametrize("metrics", ["factcheck", "factcheck,rouge"])
def test_gate_passes_a_candidate_summary_with_nothing_checkable(tmp_path, capsys, metrics):
    # review of issue 25: a candidate that drops the one number has a summary with words and nothing for the
    # fact-check to check ("a property of a summary, not a fault", configs/gate.yaml); with no reference,
    # ROUGE is unscored on every row of both runs. It was called "no output" and the gate exited 1 with
    # "coverage 1/2 ... (unscored by every metric (no number or named entity in the summary): 1)"
    from sumcheck.cli import main

    def score(name: str, summaries: list[str]) -> Path:
        data = tmp_path / f"{name}.jsonl"
        data.write_text("".join(json.dumps({"id": f"d{i}", "document": COUNCIL, "summary": s}) + "\n"
                                for i, s in enumerate(summaries)), encoding="utf-8")
        assert main(["score", str(data), "--out", str(tmp_path / name), "--metrics", metrics, "--system", "sys",
                     "--no-report", "-q"]) == 0
        return tmp_path / name

    base = score("base", ["The council approved 300 new homes."])
    cand = score("cand", ["The council approved new homes."])
    rows = [json.loads(line) for line in (cand / "results.jsonl").read_text().splitlines()]
    assert rows[0]["factcheck"]["precision"] is None  # the premise: nothing checkable in the candidate
    capsys.readouterr()
    assert main(["gate", str(base), str(cand), "--out", str(tmp_path / "gate")]) == 0
    out = capsys.readouterr().out
    assert "PASS" in out and "coverage 1/2" not in out and "no output" not in out
    # the same candidate with its summary gone is still a coverage regression
    empty = score("empty", [""])
    capsys.readouterr()
    assert main(["gate", str(base), str(empty), "--out", str(tmp_path / "gate2")]) == 1
    assert "fact_precision: coverage 0/1" in capsys.readouterr().out


def test_rouge_note_counts_rows_that_lost_letters_to_the_default_tokenizer(tmp_path, capsys):
    from sumcheck.cli import main

    rows = [{"id": "es", "document": "Cristóbal Pérez ganó en Málaga.", "reference": "Pérez ganó en Málaga.",
             "summary": "Pérez ganó."},
            {"id": "en", "document": "The council voted for the budget.", "reference": "Council voted budget.",
             "summary": "The council voted."},
            {"id": "fr", "document": "Le budget a été voté.", "reference": "Budget voté.", "summary": "Budget voted."},
            # no reference: ROUGE leaves the row unscored, so it is not one of the rows that "lost letters"
            {"id": "noref", "document": "Señora Núñez habló.", "summary": "Núñez habló."}]
    data = tmp_path / "mixed.jsonl"
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert main(["score", str(data), "--out", str(tmp_path / "r"), "--metrics", "rouge", "--no-report", "-q"]) == 0
    out = capsys.readouterr().out
    # es: accents in summary and reference; fr: in the reference only; en: none; noref: unscored, not counted
    assert ("rouge: 2 of 3 rows lost letters to the rouge-score tokenizer, which keeps [a-z0-9] only ('Pérez' is read "
            "as 'p rez'); set `tokenizer: unicode` under metrics.rouge to keep them") in out
    settings = tmp_path / "uni.yaml"
    settings.write_text("rouge: {tokenizer: unicode}\n", encoding="utf-8")
    assert main(["score", str(data), "--out", str(tmp_path / "u"), "--metric-settings", str(settings), "--no-report", "-q"]) == 0
    assert "lost letters" not in capsys.readouterr().out


@pytest.mark.slow
def test_transformers_serve_reasoning_content_is_read_and_a_reasoning_only_reply_fails(served_chain, tmp_path):
    system = build_system(ADAPTER.validate_python({
        "name": "served", "type": "openai", "base_url": served_chain["base_url"], "model": served_chain["parsed"],
        "max_concurrency": 1, "timeout": 300, "max_retries": 0, "generation": {"max_tokens": 6}}), progress=False)
    pred = system.generate(DOCS[:1])[0]
    # the server split the reply itself: reasoning_content "cat", content "dog sat dog"
    assert (pred.summary, pred.meta["reasoning"], pred.meta["completion_truncated"]) == ("dog sat dog", "cat", True)
    short = build_system(ADAPTER.validate_python({
        "name": "served", "type": "openai", "base_url": served_chain["base_url"], "model": served_chain["parsed"],
        "max_concurrency": 1, "timeout": 300, "max_retries": 0, "generation": {"max_tokens": 2}}), progress=False)
    cut = short.generate(DOCS[:1])[0]  # "<think> cat": the budget ran out inside the reasoning
    assert cut.summary == "" and cut.meta["reasoning"] == "cat"
    assert cut.meta["error"] == "no answer after the reasoning block (finish_reason: length)", cut.meta


def test_python_run_warns_when_a_system_produced_nothing(server, tmp_path):
    import sumcheck

    config = {"version": 1, "name": "x", "data": {"path": str(SEEDS), "limit": 2},
              "systems": [{"name": "down", "type": "openai", "base_url": server.base_url, "model": "unavailable",
                           "max_retries": 0}],
              "metrics": {"rouge": {}}, "statistics": {"resamples": 50}}
    with pytest.warns(RuntimeWarning, match="system 'down' produced no summary"):
        result = sumcheck.run(config, out=tmp_path / "run")
    assert all(r.summary == "" for r in result.rows)
