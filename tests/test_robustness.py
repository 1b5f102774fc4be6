"""Hostile input: no crash, and the gloss that is there is still found. (Linear time is shown by
benchmarks/bench_robustness.py, which prints times at growing sizes; no timing is asserted here.)"""

from __future__ import annotations

import random

import pytest

from vocab import parse_document
from vocab.extract import extract_glosses

GLOSS = "深度学习（deep learning）"
CASES = {
    "a 1 MB line": GLOSS + "很长的一行文字 with words " * 40_000,
    "unterminated brackets": "(" * 100_000 + GLOSS,
    "stray closing brackets": ")" * 100_000 + GLOSS,
    "deeply nested brackets": "（" * 20_000 + "x" + "）" * 20_000 + GLOSS,
    "many unclosed link targets": "[a](" * 50_000 + "\n" + GLOSS,
    "many dollars": "$ a " * 50_000 + "\n" + GLOSS,
    "many comment openers": "<!-- " * 50_000 + "\n" + GLOSS,
    "a run of dots": "." * 200_000 + "\n" + GLOSS,
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_hostile_text_still_yields_its_gloss(text: str) -> None:
    found = [(g.en, g.zh) for g in extract_glosses(parse_document(text, "x.txt", "plain"))]
    assert ("deep learning", "深度学习") in found or "<!--" in text  # an unclosed comment hides the rest


def test_a_gloss_after_a_long_run_of_words_is_found_from_the_words_next_to_it() -> None:
    """The left edge is searched only ``MAX_RUN`` characters back: a term is never longer (a subtitle line of 200,000
    words before its one gloss took the edge search hours); the English glued before it stays out of the term."""
    from vocab.extract.brackets import classify_chars
    from vocab.extract.runs import MAX_RUN, run_before

    text = "words " * 20_000 + "深度学习（deep learning）"
    run = run_before(text, classify_chars(text), text.index("（"), "zh")
    assert run is not None and run.text.endswith(" words 深度学习") and run.end - run.start <= MAX_RUN
    assert [(g.en, g.zh) for g in extract_glosses(parse_document(text, "x.txt", "plain"))] == [
        ("deep learning", "深度学习")
    ]


def test_random_bytes_decode_or_fail_cleanly(tmp_path) -> None:
    rng = random.Random(7)
    for k in range(20):
        path = tmp_path / f"r{k}.txt"
        path.write_bytes(bytes(rng.randrange(256) for _ in range(5000)))
        try:
            from vocab import read_document

            document = read_document(path)
        except Exception as error:
            assert type(error).__name__ == "SourceError"
            continue
        list(extract_glosses(document))
