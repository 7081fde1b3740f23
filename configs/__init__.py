"""Data-only package: the default configs (installed as ``sumcheck.configs``)."""
