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

