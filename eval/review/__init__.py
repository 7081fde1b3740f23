"""Reviewing flagged hallucinations: the verdict log, the local review server and the labelled export."""

from sumcheck.review.store import VERDICTS, ReviewError, Verdict, append_verdict, latest_verdicts

__all__ = ["VERDICTS", "ReviewError", "Verdict", "append_verdict", "latest_verdicts"]
