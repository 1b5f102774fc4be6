"""How well a character's place in a word reads it, where no dictionary has the word (``text._read_word``).

    .venv/bin/python eval/pinyin_positions.py

Each two-character word of pypinyin's and CC-CEDICT's phrases whose character (first, then last) has more than
one reading is read as if no dictionary had it: by pypinyin's reading of the character alone, and by how the
other phrases that begin (end) with that character read it there, left out of the count itself. Prints how
often each is right, for several shares of agreement.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from pypinyin import Style, lazy_pinyin, pinyin  # noqa: E402

from vocab.lexicon import phrase_readings  # noqa: E402

SHARES = (0.3, 0.5, 0.6, 0.75, 0.9)
AT_LEAST = 10  # phrases, as ``text._HEAD_PHRASES``


def main() -> None:
    table = phrase_readings()
    counts: dict[int, dict[str, Counter[str]]] = {0: {}, -1: {}}
    words = []
    for phrase in table:
        readings = [choices.split(",")[0] for choices in table.get(phrase)]
        if len(phrase) < 2 or len(readings) != len(phrase):
            continue
        for at in counts:
            counts[at].setdefault(phrase[at], Counter())[readings[at]] += 1
        if len(phrase) == 2:
            words.append((phrase, readings))
    for at, place in ((0, "first"), (-1, "last")):
        cases = [
            (phrase[at], readings[at])
            for phrase, readings in words
            if len(pinyin(phrase[at], style=Style.TONE, heteronym=True)[0]) > 1
        ]
        alone = sum(lazy_pinyin(char, style=Style.TONE)[0] == truth for char, truth in cases)
        print(f"{place} character, {len(cases):,} words: read alone {alone / len(cases):.4f}", end="")
        for share in SHARES:
            right = 0
            for char, truth in cases:
                others = counts[at][char].copy()
                others[truth] -= 1  # the word itself left out
                guess = lazy_pinyin(char, style=Style.TONE)[0]
                if others.total() >= AT_LEAST:
                    reading, count = others.most_common(1)[0]
                    guess = reading if count >= share * others.total() else guess
                right += guess == truth
            print(f"; by place, {share}: {right / len(cases):.4f}", end="")
        print()


if __name__ == "__main__":
    main()
