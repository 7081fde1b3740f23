"""Issue 26: distil all-MiniLM-L6-v2 into its first N transformer layers (a tried design, not shipped).

The student is all-MiniLM-L6-v2 run with its first N transformer layers (N=2 and N=3 tried), whose layers
are trained to reproduce the six-layer model's mean-pooled, L2-normalised sentence vectors; the embedding
layer is frozen (a two-layer student is 3,548,928 trainable float32 weights, 14.2 MB). The aim was the
40 pairs/s target without the accuracy that the untrained first two layers (``--encoder minilm-l2``)
lose. Result (bench/RESULTS.md, "Issue 26, session 13"): cosine to the six-layer vectors 0.90 on held-out
texts (0.25 untrained), but the offline model refitted on the student lost as much held-out accuracy as
on the untrained two layers, so the weights were not shipped.

Loss per batch: (1 - cosine(student, teacher)) of the sentence vectors, plus 10 x the mean squared
difference of the batch's cosine-similarity matrices (the scorer compares sentences with chunks, so
their similarities matter), plus 0.05 x the token states' squared error normalised by the teacher's
mean squared token norm. AdamW (lr 5e-4, weight decay 0.01, 200 warm-up steps, cosine decay), batches
of 256 texts of similar length, gradients clipped to norm 1, TF32 matmuls while training, float32
evaluation. Training length is set by wall time (``--seconds``), the step rate measured over the first 50
steps.

Texts: every source chunk and summary sentence of the shared validation cuts that the recorded
calibration encodes (its ``--cache`` files ``.cache/faithfulness/minilm-*.npz``, 54,911 texts; teacher
vectors only, no labels). 10% of them by SHA-1 are held out (never trained on) to measure the student,
with a foreign set: the sentences of ``tests/data/`` (the contradiction table's documents and
summaries and the paraphrase file, 2,150 texts written for sumcheck).

    .venv/bin/python bench/distill_encoder.py prepare          # here: writes .distill/ (git-ignored)
    python3 bench/distill_encoder.py train --data .distill --out OUT --device cuda --layers 2,3 --seconds 230,110
    .venv/bin/python bench/distill_encoder.py combine DEST OUT/l2-layer0.safetensors OUT/l2-layer1.safetensors

``prepare`` writes the MiniLM folder with its weights in float16 (to fit the 64 MiB a device call can
carry; the teacher is upcast to float32 there), the texts and the foreign set. ``train`` ran once on an
H200 (7,411 steps for N=2 in 230 s, about 38 epochs; 4,019 for N=3 in 110 s) and writes each layer to
``OUT/l{N}-layer{i}.safetensors``; ``combine`` joins layers into one file ``DEST`` (to be loaded over
the first N layers of the installed MiniLM).
"""
import argparse, gzip, hashlib, json, math, os, sys, time, random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def prepare(out: Path) -> None:
    import numpy as np
    import torch
    from safetensors.torch import load_file, save_file

    sys.path.insert(0, str(ROOT))
    from sumcheck.summarize.embed import model_dir
    from sumcheck.summarize.text import split_sentences

    src = model_dir()
    (out / "model").mkdir(parents=True, exist_ok=True)
    for name in ("config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt"):
        (out / "model" / name).write_bytes((src / name).read_bytes())
    sd = load_file(str(src / "model.safetensors"))
    save_file({k: v.to(torch.float16).contiguous() for k, v in sd.items()}, str(out / "model" / "model.safetensors"))
    texts: set[str] = set()
    for f in sorted((ROOT / ".cache" / "faithfulness").glob("minilm-*.npz")):
        with np.load(f, allow_pickle=True) as z:
            texts.update(z["texts"].tolist())
    with gzip.open(out / "texts.json.gz", "wt") as fh:
        json.dump(sorted(texts), fh)
    foreign: set[str] = set()
    for line in open(ROOT / "tests" / "data" / "contradiction_pairs.jsonl"):
        foreign.update(s.text for s in split_sentences(json.loads(line)["summary"]))
    docs = json.load(open(ROOT / "tests" / "data" / "contradiction_docs.json"))
    for v in (docs.values() if isinstance(docs, dict) else docs):
        v = v if isinstance(v, str) else v.get("text") or v.get("document")
        foreign.update(s.text for s in split_sentences(v))
    for line in open(ROOT / "tests" / "data" / "faithfulness_paraphrases.jsonl"):
        for v in json.loads(line).values():
            if isinstance(v, str) and len(v) > 30:
                foreign.update(s.text for s in split_sentences(v))
    with gzip.open(out / "foreign.json.gz", "wt") as fh:
        json.dump(sorted(foreign), fh)
    print(f"{out}: {len(texts)} texts, {len(foreign)} foreign")


def combine(dest: str, files: list[str]) -> None:
    from safetensors.torch import load_file, save_file

    d = {}
    for f in files:
        d.update(load_file(f))
    save_file(d, str(dest), metadata={"layers": str(len(files))})
    print(dest, len(d), "tensors")


def train(argv: list[str]) -> None:
    """The training run (on a GPU): see the module's docstring."""
    import torch
    import torch.nn.functional as F
    from safetensors.torch import load_file, save_file
    from transformers import AutoTokenizer, BertConfig, BertModel

    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=".distill")
    ap.add_argument("--out", default="/tmp/distill-out")
    ap.add_argument("--device", default="cuda")
    ap.add_argument("--layers", default="2,3")
    ap.add_argument("--seconds", default="270,150")
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--lr", type=float, default=5e-4)
    a = ap.parse_args(argv)
    os.makedirs(a.out, exist_ok=True)
    dev = a.device
    torch.manual_seed(0); random.seed(0)
    log = open(os.path.join(a.out, "log.txt"), "a")
    def say(*x):
        s = " ".join(str(v) for v in x); print(s, flush=True); log.write(s + "\n"); log.flush()

    mdir = os.path.join(a.data, "model")
    tok = AutoTokenizer.from_pretrained(mdir)
    cfg = BertConfig.from_pretrained(mdir)
    sd = {k: v.float() for k, v in load_file(os.path.join(mdir, "model.safetensors")).items()}
    teacher = BertModel(cfg, add_pooling_layer=False)
    missing, unexpected = teacher.load_state_dict(sd, strict=False)
    say("teacher missing", missing, "unexpected", unexpected)
    teacher.eval().to(dev)
    for p in teacher.parameters(): p.requires_grad_(False)

    texts = json.load(gzip.open(os.path.join(a.data, "texts.json.gz"), "rt"))
    foreign = json.load(gzip.open(os.path.join(a.data, "foreign.json.gz"), "rt"))
    held = [t for t in texts if hashlib.sha1(t.encode()).digest()[0] < 26]  # ~10%
    train = [t for t in texts if hashlib.sha1(t.encode()).digest()[0] >= 26]
    say("texts", len(texts), "train", len(train), "held", len(held), "foreign", len(foreign))

    def enc(ts):
        return tok(ts, truncation=True, max_length=256)["input_ids"]
    t0 = time.time()
    train_ids = enc(train); held_ids = enc(held); foreign_ids = enc(foreign)
    say("tokenised in", round(time.time() - t0, 1), "s; mean tokens", sum(map(len, train_ids)) / len(train_ids))

    def batches(ids, bs, shuffle):
        # by length; when shuffling, by length within windows of similar length, then the batches shuffled
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]) + (random.random() * 8 if shuffle else 0))
        chunks = [order[i:i + bs] for i in range(0, len(order), bs)]
        if shuffle:
            random.shuffle(chunks)
        for c in chunks:
            L = max(len(ids[i]) for i in c)
            x = torch.zeros(len(c), L, dtype=torch.long)
            m = torch.zeros(len(c), L, dtype=torch.long)
            for r, i in enumerate(c):
                x[r, :len(ids[i])] = torch.tensor(ids[i]); m[r, :len(ids[i])] = 1
            yield x.to(dev, non_blocking=True), m.to(dev, non_blocking=True)

    def pool(h, m):
        mf = m.unsqueeze(-1).float()
        return (h * mf).sum(1) / mf.sum(1).clamp(min=1e-9)

    def run(model, x, m):
        return model(input_ids=x, attention_mask=m, token_type_ids=torch.zeros_like(x)).last_hidden_state

    @torch.no_grad()
    def evaluate(model, ids):
        torch.backends.cuda.matmul.allow_tf32 = False
        cs = []
        for x, m in batches(ids, 512, False):
            s = F.normalize(pool(run(model, x, m), m), dim=-1)
            t = F.normalize(pool(run(teacher, x, m), m), dim=-1)
            cs.append((s * t).sum(-1))
        c = torch.cat(cs)
        torch.backends.cuda.matmul.allow_tf32 = True
        return round(c.mean().item(), 5), round(c.quantile(0.01).item(), 5), round(c.min().item(), 5)

    def student_of(n):
        c = BertConfig.from_pretrained(mdir); c.num_hidden_layers = n
        s = BertModel(c, add_pooling_layer=False)
        keep = {k: v for k, v in sd.items() if not k.startswith("encoder.layer.") or int(k.split(".")[2]) < n}
        mi, un = s.load_state_dict(keep, strict=False)
        say("student", n, "missing", mi, "unexpected", un)
        s.to(dev)
        for k, p in s.named_parameters():
            p.requires_grad_(k.startswith("encoder."))
        return s

    for n, secs in zip([int(v) for v in a.layers.split(",")], [float(v) for v in a.seconds.split(",")]):
        st = student_of(n)
        say(f"L{n} before: held", evaluate(st, held_ids), "foreign", evaluate(st, foreign_ids))
        params = [p for p in st.parameters() if p.requires_grad]
        say("trainable", sum(p.numel() for p in params))
        opt = torch.optim.AdamW(params, lr=a.lr, weight_decay=0.01)
        torch.backends.cuda.matmul.allow_tf32 = True
        st.train()
        step, start, total, warm = 0, time.time(), None, 200
        done = False
        epoch = 0
        while not done:
            epoch += 1
            for x, m in batches(train_ids, a.batch, True):
                el = time.time() - start
                if step == 50 and total is None:
                    total = int(secs / (el / 50)); say("estimated steps", total, "epochs ~", round(total * a.batch / len(train_ids), 1))
                if total is not None and step >= total:
                    done = True; break
                T = total or 10 ** 9
                lr = a.lr * min(1.0, (step + 1) / warm) * (0.5 * (1 + math.cos(math.pi * min(step, T) / T)) if total else 1.0)
                for g in opt.param_groups: g["lr"] = lr
                with torch.no_grad():
                    ht = run(teacher, x, m)
                    vt = F.normalize(pool(ht, m), dim=-1)
                hs = run(st, x, m)
                vs = F.normalize(pool(hs, m), dim=-1)
                l_cos = (1 - (vs * vt).sum(-1)).mean()
                l_rel = F.mse_loss(vs @ vs.T, vt @ vt.T)
                mf = m.unsqueeze(-1).float()
                l_tok = (((hs - ht) ** 2) * mf).sum() / (((ht ** 2) * mf).sum())
                loss = l_cos + 10 * l_rel + 0.05 * l_tok
                opt.zero_grad(set_to_none=True)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, 1.0)
                opt.step()
                step += 1
                if step % 500 == 0:
                    say(f"L{n} step {step} epoch {epoch} {time.time()-start:.0f}s loss {loss.item():.5f} cos {l_cos.item():.5f} rel {l_rel.item():.6f} tok {l_tok.item():.4f}")
                if step % 3000 == 0:
                    st.eval(); say(f"L{n} step {step} held", evaluate(st, held_ids), "foreign", evaluate(st, foreign_ids)); st.train()
        st.eval()
        say(f"L{n} final step {step} held", evaluate(st, held_ids), "foreign", evaluate(st, foreign_ids))
        layers = {k: v.detach().float().cpu().contiguous() for k, v in st.state_dict().items() if k.startswith("encoder.layer.")}
        for i in range(n):
            save_file({k: v for k, v in layers.items() if k.startswith(f"encoder.layer.{i}.")},
                      os.path.join(a.out, f"l{n}-layer{i}.safetensors"), metadata={"layers": str(n), "steps": str(step)})
        del st, opt
    say("done")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "prepare":
        prepare(ROOT / ".distill")
    elif len(sys.argv) > 2 and sys.argv[1] == "combine":
        combine(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) > 1 and sys.argv[1] == "train":
        train(sys.argv[2:])
    else:
        sys.exit("usage: distill_encoder.py prepare | train [options] | combine DEST LAYER_FILE...")
