"""sumcheck's checking and scoring side: fact-check, ROUGE, faithfulness, statistics, run folders, CLI.

May import :mod:`sumcheck.summarize`; never the reverse. The Python API (:mod:`sumcheck.api`) is
re-exported here and imported on first use, so ``import sumcheck`` stays cheap.
"""

__version__ = "0.1.0"

_API = ("score", "run", "check_facts", "score_rouge", "score_faithfulness", "ScoreResult", "RowScore", "CorpusScore",
        "UnknownScoreError")
__all__ = ["__version__", *_API]


def __getattr__(name: str):  # noqa: ANN202 - PEP 562: load the API on first use
    if name in _API:
        from sumcheck import api

        return getattr(api, name)
    raise AttributeError(f"module 'sumcheck' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
