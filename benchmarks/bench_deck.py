"""Time the Anki export: 10,000 synthetic terms (goal ≤ 3 s) and the five seeds.

    .venv/bin/python benchmarks/bench_deck.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from vocab.export.anki import DeckOptions, write_deck
from vocab.models import Direction, Gloss, GlossKind, Term

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def synthetic_terms(n: int) -> list[Term]:
    terms = []
    for i in range(n):
        en, zh = f"synthetic term {i}", f"合成术语{i}"
        sentence = f"我们讨论了 {en}({zh}) 在第 {i} 集里的用法。"
        gloss = Gloss(
            source=f"ep{i % 50}.txt", line=i + 1, en=en, zh=zh, definition=None, direction=Direction.EN_ZH,
            kind=GlossKind.TRANSLATION, rule="en_term_zh_gloss", speaker="Speaker 1", start=float(i), end=float(i + 5),
            url=f"https://www.youtube.com/watch?v=abcdefghijk&t={i}s", sentence=sentence,
            sentence_aligned=f"We discussed {en} in episode {i}.", sentence_en=f"We discussed {en} in episode {i}.",
            segment_aligned=f"Welcome back. We discussed {en} in episode {i}.", alias=None, reading=None,
            title=f"Episode {i % 50}",
        )
        terms.append(
            Term(
                key=f"syntheticterm{i}", en=en, zh=zh, en_forms=(en,), zh_forms=(zh,), definition=None,
                kind=GlossKind.TRANSLATION, glosses=(gloss,), count=1, glossed=1, documents=(gloss.source,),
                document_counts=(1,), zipf_en=0.0, zipf_zh=0.0, rarity=1.0, score=1.0, rank=i + 1,
            )
        )
    return terms


def main() -> None:
    terms = synthetic_terms(10_000)
    with tempfile.TemporaryDirectory() as tmp:
        for label in ("first export", "re-export, unchanged"):
            start = time.perf_counter()
            notes = write_deck(terms, [], Path(tmp) / "synthetic.apkg", DeckOptions())
            print(f"10,000 synthetic terms, {label}: {time.perf_counter() - start:.2f} s ({notes} notes)")
        if SEEDS.is_dir():
            from vocab.corpus import read_corpus
            from vocab.rank import rank_terms

            corpus = read_corpus(sorted(SEEDS.glob("*.txt")))
            seed_terms = rank_terms(corpus.glosses, corpus.documents)
            start = time.perf_counter()
            notes = write_deck(seed_terms, corpus.documents, Path(tmp) / "seeds.apkg", DeckOptions())
            print(f"five seeds ({notes} terms), export only: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
