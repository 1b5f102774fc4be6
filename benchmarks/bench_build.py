"""Time `vocab build` end to end (a fresh process, as a learner runs it) on the five seeds and on
100 copies of the examples.

    .venv/bin/python benchmarks/bench_build.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def timed_build(source: Path, work: Path) -> tuple[float, str]:
    env = {**os.environ, "VOCAB_HOME": str(work / "home")}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "vocab", "build", str(source), "--out", str(work / "out")],
        capture_output=True, text=True, env=env, check=False,
    )
    elapsed = time.perf_counter() - start
    summary = next((line.strip() for line in result.stdout.splitlines() if "documents" in line), result.stderr[-200:])
    return elapsed, summary


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if SEEDS.is_dir():
            elapsed, summary = timed_build(SEEDS, work / "seeds")
            print(f"five seeds:            {elapsed:6.2f} s   {summary}")
        copies = work / "copies"
        for i in range(100):
            shutil.copytree(ROOT / "examples", copies / f"copy{i:03d}")
        elapsed, summary = timed_build(copies, work / "copies-build")
        print(f"100 copies of examples: {elapsed:6.2f} s   {summary}")


if __name__ == "__main__":
    main()
