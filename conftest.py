"""The whole test run (tests and the doctests in src) keeps vocab's cache folder apart from the user's."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The tests' document cache, memo and parsed dictionary live in a folder of their own, not the user's."""
    import os

    saved = os.environ.get("VOCAB_CACHE")
    os.environ["VOCAB_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if saved is None:
        del os.environ["VOCAB_CACHE"]
    else:
        os.environ["VOCAB_CACHE"] = saved
