"""sumcheck's checking and scoring side: fact-check, ROUGE, faithfulness, statistics, run folders, CLI.

May import :mod:`sumcheck.summarize`; never the reverse.
"""

__version__ = "0.1.0"
