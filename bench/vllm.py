"""``type: vllm`` against ``type: causal`` (transformers) on the same model and documents, one process.

Both systems get the same prompts (built by the same code), each document cut to 1024 of its own
tokens (``max_input_tokens: 1024``), bf16, greedy decoding with exactly 128 new tokens
(``min_new_tokens == max_new_tokens``) so that both do the same work; nothing is served from the
summary cache. The transformers system runs first (``batch_size: auto``, length-sorted batches),
its memory is freed, then vLLM (offline batched generation, continuous batching).

    # on a machine with an NVIDIA GPU: pip install 'sumcheck[vllm]'
    python bench/vllm.py --docs 256 --json bench/vllm.json
    python bench/vllm.py --model Qwen/Qwen2.5-0.5B-Instruct --revision 7ae557604adf67be50417f59c2c2f167def9a775 --tp 1

Prints documents/s and output tokens/s for each, the ratio, and the GPU's name (for bench/RESULTS.md).
Documents: the XSum articles in ../shared/data/xsum_docs_with_reference.jsonl (``--data`` for another JSONL
with a ``document`` column).
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "xsum_docs_with_reference.jsonl"


def load_documents(path: Path, n: int) -> list:
    from sumcheck.summarize.records import Document

    docs = []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            row = json.loads(line)
            docs.append(Document(str(row.get("id") or row.get("bbcid") or i), row["document"]))
            if len(docs) == n:
                break
    return docs


def timed(system, docs) -> dict:  # noqa: ANN001
    t0 = time.perf_counter()
    preds = system.generate(docs)
    wall = time.perf_counter() - t0
    out_tokens = sum(int(p.meta.get("output_tokens") or 0) for p in preds)
    return {"docs": len(preds), "seconds": round(wall, 2), "docs_per_s": round(len(preds) / wall, 3),
            "output_tokens_per_s": round(out_tokens / wall, 1), "output_tokens": out_tokens}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="Qwen/Qwen2.5-0.5B-Instruct")
    ap.add_argument("--revision", default="7ae557604adf67be50417f59c2c2f167def9a775")
    ap.add_argument("--docs", type=int, default=256)
    ap.add_argument("--tp", type=int, default=1, help="tensor_parallel_size for vLLM")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()

    import torch
    from pydantic import TypeAdapter

    from sumcheck.summarize.spec import SystemSpec
    from sumcheck.summarize.systems import build_system

    if not torch.cuda.is_available():
        print("bench/vllm.py needs an NVIDIA GPU (torch sees none)", file=sys.stderr)
        return 2
    docs = load_documents(args.data, args.docs)
    gen = {"max_new_tokens": 128, "min_new_tokens": 128}
    common = {"model": args.model, "revision": args.revision, "max_input_tokens": 1024, "dtype": "bfloat16",
              "prompt": "Summarize the following news article in one sentence.\n\n{document}", "generation": gen}
    adapter = TypeAdapter(SystemSpec)
    hf = build_system(adapter.validate_python({"name": "transformers", "type": "causal", "device": "cuda", **common}),
                      use_cache=False, progress=False)
    results = {"transformers": timed(hf, docs)}
    results["transformers"]["batch_size"] = hf.batch_size_used
    del hf
    gc.collect()
    torch.cuda.empty_cache()
    vl = build_system(adapter.validate_python({"name": "vllm", "type": "vllm", "tensor_parallel_size": args.tp,
                                               "gpu_memory_utilization": 0.85, **common}), use_cache=False)
    results["vllm"] = timed(vl, docs)
    results["ratio_docs_per_s"] = round(results["vllm"]["docs_per_s"] / results["transformers"]["docs_per_s"], 2)
    import vllm

    results["gpu"] = torch.cuda.get_device_name(0)
    results["versions"] = {"torch": torch.__version__, "vllm": vllm.__version__}
    results["setup"] = {"model": f"{args.model}@{args.revision}", "docs": len(docs), "max_input_tokens": 1024,
                        "new_tokens": 128, "dtype": "bfloat16", "tensor_parallel_size": args.tp}
    print(json.dumps(results, indent=1))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
