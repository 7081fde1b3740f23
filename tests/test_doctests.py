"""The docstring examples of every module of the installed package run and pass.

Collected through the package (``sumcheck.*``), not the repository's folders, so the doctests check
the code a user imports.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import sumcheck


def _modules() -> list[str]:
    import sumcheck.summarize

    names = {"sumcheck", "sumcheck.summarize"}
    # an editable install maps sumcheck.summarize to its own folder, so walk both roots
    for pkg in (sumcheck, sumcheck.summarize):
        for info in pkgutil.walk_packages(pkg.__path__, prefix=pkg.__name__ + "."):
            if not info.name.endswith("__main__"):  # running it is the CLI, not a doctest
                names.add(info.name)
    return sorted(names)


MODULES = _modules()


def test_the_walk_finds_both_halves_of_the_package():
    assert "sumcheck.rouge.core" in MODULES
    assert "sumcheck.summarize.text" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} doctest examples failed"
