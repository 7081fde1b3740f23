"""Tiny, randomly initialised T5 / BART / Llama models with a word-level tokenizer, built offline.

Every word of :data:`WORDS` is one token, so a text of ``n`` words is ``n`` tokens (plus the model's
special tokens): the tests can state token counts and truncation points from the text alone.
"""

from __future__ import annotations

import random
from pathlib import Path

WORDS = (
    "the a an cat dog bird fish sat ran flew swam on in under over mat tree river house red green blue "
    "small big old new quickly slowly today yesterday and but then because city council voted budget "
    "school teacher pupils storm rain wind river bridge closed opened police said report year month "
    "summarize : user system assistant article"
).split()

T5_SPECIALS = ["<pad>", "</s>", "<unk>"]  # pad=0, eos=1, unk=2 (T5's own layout)
BART_SPECIALS = ["<s>", "<pad>", "</s>", "<unk>"]  # bos=0, pad=1, eos=2, unk=3 (BART's own layout)
LLAMA_SPECIALS = ["<unk>", "<s>", "</s>"]  # unk=0, bos=1, eos=2, no pad (Llama's own layout)

CHAT_TEMPLATE = (
    "{% for m in messages %}<s> {{ m['role'] }} {{ m['content'] }} </s> {% endfor %}"
    "{% if add_generation_prompt %}<s> assistant {% endif %}"
)


def words_text(n: int, seed: int) -> str:
    """``n`` words drawn (reproducibly) from the non-prompt vocabulary."""
    rng = random.Random(seed)
    pool = WORDS[:-5]
    return " ".join(rng.choice(pool) for _ in range(n))


def _tokenizer(specials: list[str], *, template: str | None, **special_names: str):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    vocab = {tok: i for i, tok in enumerate(specials)}
    for w in WORDS:
        vocab.setdefault(w, len(vocab))
    tk = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    tk.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tk.decoder = decoders.WordPiece(prefix="##", cleanup=False)
    if template:
        used = sorted({t for t in template.split() if t in vocab and t in specials})
        tk.post_processor = processors.TemplateProcessing(single=template, special_tokens=[(t, vocab[t]) for t in used])
    fast = PreTrainedTokenizerFast(tokenizer_object=tk, **special_names)
    return fast, len(vocab)


def _suppress(model, ids: list[int]) -> None:
    # A random model would otherwise happily emit padding; keep its outputs made of words.
    # (The models are initialised with large weights so that their outputs depend on their inputs.)
    model.generation_config.suppress_tokens = ids


def build_t5(folder: Path, *, seed: int = 0) -> Path:
    import torch
    from transformers import T5Config, T5ForConditionalGeneration

    tok, n = _tokenizer(T5_SPECIALS, template="$A </s>", pad_token="<pad>", eos_token="</s>", unk_token="<unk>")
    config = T5Config(vocab_size=n, d_model=16, d_ff=32, d_kv=8, num_layers=1, num_decoder_layers=1, num_heads=2,
                      pad_token_id=0, eos_token_id=1, decoder_start_token_id=0, initializer_factor=8.0)
    torch.manual_seed(seed)
    model = T5ForConditionalGeneration(config)
    _suppress(model, [0, 2])
    model.save_pretrained(folder)
    tok.save_pretrained(folder)
    return folder


def build_bart(folder: Path, *, seed: int = 0, max_positions: int = 64) -> Path:
    import torch
    from transformers import BartConfig, BartForConditionalGeneration

    tok, n = _tokenizer(BART_SPECIALS, template="<s> $A </s>", bos_token="<s>", pad_token="<pad>", eos_token="</s>",
                        unk_token="<unk>")
    tok.model_max_length = max_positions
    config = BartConfig(vocab_size=n, d_model=16, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
                        decoder_attention_heads=2, encoder_ffn_dim=32, decoder_ffn_dim=32,
                        max_position_embeddings=max_positions, pad_token_id=1, bos_token_id=0, eos_token_id=2,
                        decoder_start_token_id=2, forced_bos_token_id=None,
                        forced_eos_token_id=None, init_std=0.5)
    torch.manual_seed(seed)
    model = BartForConditionalGeneration(config)
    _suppress(model, [0, 1, 3])
    model.save_pretrained(folder)
    tok.save_pretrained(folder)
    return folder


def build_llama(folder: Path, *, seed: int = 0, chat: bool = True) -> Path:
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    tok, n = _tokenizer(LLAMA_SPECIALS, template=None, bos_token="<s>", eos_token="</s>", unk_token="<unk>")
    if chat:
        tok.chat_template = CHAT_TEMPLATE
    config = LlamaConfig(vocab_size=n, hidden_size=16, intermediate_size=32, num_hidden_layers=1, num_attention_heads=2,
                         num_key_value_heads=1, max_position_embeddings=256, bos_token_id=1, eos_token_id=2,
                         tie_word_embeddings=False, initializer_range=0.5)
    torch.manual_seed(seed)
    model = LlamaForCausalLM(config)
    _suppress(model, [0, 1])
    model.save_pretrained(folder)
    tok.save_pretrained(folder)
    return folder
