"""Time extraction of the five seed documents in one process, jieba's load included.

    .venv/bin/python benchmarks/bench_extract.py [--repeat N]

Prints the cold time (first run: imports, jieba's dictionary) and the warm time per run.
Goal (issue 4): cold ≤ 2 s on this machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def run_once(paths: list[Path]) -> int:
    from vocab import read_document
    from vocab.extract import extract_glosses

    return sum(len(list(extract_glosses(read_document(p)))) for p in paths)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args()
    paths = args.paths or sorted(SEEDS.glob("*.txt"))
    if not paths:
        print(f"no documents: pass paths or provide {SEEDS}", file=sys.stderr)
        return 1
    start = time.perf_counter()
    glosses = run_once(paths)
    cold = time.perf_counter() - start
    warm = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        run_once(paths)
        warm.append(time.perf_counter() - start)
    size = sum(p.stat().st_size for p in paths) / 1024
    print(f"{len(paths)} documents, {size:.0f} KiB, {glosses} glosses")
    print(f"cold (imports + jieba load + extraction): {cold:.2f} s")
    print(f"warm extraction: best {min(warm):.3f} s, mean {sum(warm) / len(warm):.3f} s over {len(warm)} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
