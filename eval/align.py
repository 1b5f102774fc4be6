"""How well position and dictionary evidence choose the aligned sentence when the term cannot.

    .venv/bin/python eval/align.py

Where the other cue holds the gloss's term in exactly one of several sentences, that sentence is the
answer; the choice is then made without the term (taken out of the gloss's sentence too, since a
Chinese cue writes it in English), as for a translation that paraphrases. Prints how often each
position weight, and the dictionary alone, finds the answer, over every gold set and the examples.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from eval.harness import gold_sets  # noqa: E402

from vocab import read_document  # noqa: E402
from vocab.errors import VocabError  # noqa: E402
from vocab.extract import align, extract_glosses  # noqa: E402
from vocab.extract.context import SentenceIndex  # noqa: E402
from vocab.models import Direction, Lang  # noqa: E402

Case = tuple[str, float, SentenceIndex, list[tuple[int, int]], int]


def cases(paths: list[Path]) -> list[Case]:
    """(own sentence without the term, its place in its cue, the other cue, its sentences, the answer)."""
    found: list[Case] = []
    for path in paths:
        try:
            document = read_document(path)
        except VocabError:
            continue
        glosses = list(extract_glosses(document))
        for segment in document.segments:
            aligned = document.aligned_segment(segment)
            if aligned is None:
                continue
            own = SentenceIndex(segment.text, english=segment.lang is Lang.EN)
            other = SentenceIndex(aligned.text, english=aligned.lang is Lang.EN)
            spans = other.spans
            for gloss in (g for g in glosses if segment.line <= g.line <= segment.end_line) if len(spans) > 1 else ():
                term = gloss.zh if gloss.direction is Direction.ZH_EN else gloss.en
                at = segment.text.find(term or "\0")
                hits = align.term_spans(other.text, gloss.en if other.english else gloss.zh)
                answers = {j for j, (a, b) in enumerate(spans) for start, _ in hits if a <= start < b}
                if at < 0 or len(answers) != 1:
                    continue
                left, right = own.bounds(at, at + len(term or ""))
                where = (left + right) / 2 / len(segment.text)
                found.append((own.text[left:right].replace(gloss.en, ""), where, other, spans, answers.pop()))
    return found


def main() -> None:
    paths = sorted(p for _, docs, _ in gold_sets() for p in docs.iterdir() if p.is_file())
    paths += sorted(p for p in (ROOT / "examples").iterdir() if p.is_file())
    found = cases(paths)
    print(f"{len(found)} glosses whose other cue has several sentences and the term in exactly one")
    for weight in (0.0, 0.5, 1.0, 2.0, 1000.0):
        align.POSITION_WEIGHT = weight
        right = sum(align._best(own, where, other, spans) == answer for own, where, other, spans, answer in found)
        label = "position alone" if weight == 1000.0 else "dictionary alone" if weight == 0 else f"weight {weight}"
        print(f"  {label:>16}: {right}/{len(found)} = {right / len(found):.3f}")


if __name__ == "__main__":
    main()
