"""Extraction and ranking time on hostile text at growing sizes: each doubling should about double the time.

    .venv/bin/python benchmarks/bench_robustness.py
"""

from __future__ import annotations

import time

from vocab import parse_document
from vocab.extract import extract_glosses
from vocab.rank import rank_terms

PATTERNS = {
    "long line": "很长的一行文字 with words ",
    "unterminated (": "(",
    "nested （）": "（x）（",
    "repeated glosses": "模型（model）",
    "unclosed [a](": "[a](",
    "dollars": "$ a ",
    "comment openers": "<!-- ",
    "random mix": "（）()abc 深度**“”$`<!--->\n",
    # was quadratic: emphasis marks were counted from the line's start for every bracket
    "bold glosses, one line": "**深度学习**（deep learning）",
    # was quadratic: every English term's bracket searched the whole text before it for an honorific (Dr., Prof.)
    "English glosses, one line": "谈到 carbon capture(碳捕集)。",
    # a colon after the bracket: a definition is looked for before and after the term, near it only
    "defined terms, one line": "**深度学习**（deep learning）：一种方法。",
}
# Text ended by one gloss: was quadratic (hours for a 1.2 MB subtitle line), the term's left edge searched over the
# whole run before the bracket, and counting copied the text before each capitalised word.
ENDED_BY = {"words, then a gloss": ("Stars ", "星星（stars）")}


def main() -> None:
    list(extract_glosses(parse_document("深度学习（deep learning）", "warm.txt", "plain")))  # load jieba
    print(f"{'pattern':26s} {'100k chars':>11s} {'200k':>8s} {'400k':>8s}  ratio 400k/100k")
    cases = {name: (unit, "") for name, unit in PATTERNS.items()} | ENDED_BY
    for name, (unit, tail) in cases.items():
        times = []
        for size in (100_000, 200_000, 400_000):
            text = (unit * (size // len(unit) + 1))[:size] + tail
            start = time.perf_counter()
            document = parse_document(text, "x.txt", "plain")
            rank_terms(extract_glosses(document), [document])
            times.append(time.perf_counter() - start)
        print(f"{name:26s} {times[0]:10.3f}s {times[1]:7.3f}s {times[2]:7.3f}s  {times[2] / max(times[0], 1e-9):5.1f}")


if __name__ == "__main__":
    main()
