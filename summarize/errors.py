"""Typed exceptions of the producing side. The CLI turns them into one-line messages and exit codes."""


class SumcheckError(Exception):
    """Base class: a user-facing problem with a message that says what to do."""


class InputError(SumcheckError):
    """Input data that cannot be read or does not have the expected shape."""


class ModelNotAvailableError(SumcheckError):
    """A model's weights are not on this machine (and nothing is downloaded silently)."""


class ConfigError(SumcheckError):
    """A configuration file that does not validate."""
