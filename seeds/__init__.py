"""Data-only package: the seed documents (installed as ``sumcheck.seeds``)."""
