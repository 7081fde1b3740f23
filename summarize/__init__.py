"""sumcheck's producing side: documents in, summaries out (models and extractive baselines).

Nothing here imports :mod:`sumcheck`; the checking and scoring side builds on this one.
"""

__version__ = "0.1.0"
