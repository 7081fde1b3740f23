"""ROUGE done right: rouge-score/ROUGE-1.5.5 parity, a fast backend, bounded memory, explicit settings.

Modules: :mod:`~eval.rouge.tokenize` (tokenizers), :mod:`~eval.rouge.core` (n-gram and LCS scoring),
:mod:`~eval.rouge.scorer` (configuration, backends, several references), :mod:`~eval.rouge.metric`
(the ``rouge`` metric), :mod:`~eval.rouge.significance` (corpus intervals and paired tests).
Import those modules directly; this package imports nothing itself so that ``sumcheck --help`` stays fast.
"""
