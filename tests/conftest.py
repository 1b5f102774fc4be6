"""Shared paths and fixtures. Tests over ../shared (other people's documents) skip when it is absent."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # eval/: the gold harness and the edge fitter, which some tests use
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


def seed_path(prefix: str) -> Path:
    """The seed document whose name starts with ``prefix`` (``"004"``), or skip the test."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    matches = sorted(SEEDS.glob(f"{prefix}*"))
    if not matches:
        pytest.skip(f"no seed {prefix} in {SEEDS}")
    return matches[0]


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The tests' document cache and parsed dictionary live in a folder of their own, not the user's."""
    import os

    saved = os.environ.get("VOCAB_CACHE")
    os.environ["VOCAB_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if saved is None:
        del os.environ["VOCAB_CACHE"]
    else:
        os.environ["VOCAB_CACHE"] = saved
