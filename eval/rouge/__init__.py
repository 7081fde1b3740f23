"""ROUGE done right: rouge-score/ROUGE-1.5.5 parity, a fast backend, bounded memory, explicit settings.

Modules: :mod:`~sumcheck.rouge.tokenize` (tokenizers), :mod:`~sumcheck.rouge.core` (n-gram and LCS scoring),
:mod:`~sumcheck.rouge.scorer` (configuration, backends, several references), :mod:`~sumcheck.rouge.metric`
(the ``rouge`` metric), :mod:`~sumcheck.rouge.significance` (corpus intervals and paired tests).
Import those modules directly; this package imports nothing itself so that ``sumcheck --help`` stays fast.
"""
