"""A fuzz run that must not crash: generated documents of every input format — valid skeletons with mutated
cues, front matter and brackets, in several encodings, with control characters and long lines — go through the
whole job (read → extract → rank → glossary → deck). A VocabError with a message is an answer; anything else is
a crash.

    make fuzz                       # 10,000 cases, seed 15 (VOCAB_FUZZ_EXAMPLES, VOCAB_FUZZ_SEED)
    .venv/bin/python -m pytest tests/test_fuzz.py   # the short run CI makes (200 cases)
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from vocab.errors import VocabError
from vocab.export.anki import DeckOptions, write_deck
from vocab.export.glossary import render_glossary
from vocab.rank import rank_terms
from vocab.sources import read_document

EXAMPLES = int(os.environ.get("VOCAB_FUZZ_EXAMPLES", "200"))
SEED = int(os.environ.get("VOCAB_FUZZ_SEED", "15"))

TIME = st.builds(
    lambda m, s, ms: f"00:{m:02d}:{s:02d},{ms:03d}", st.integers(0, 99), st.integers(0, 99), st.integers(0, 999)
)
SHORT_TIME = st.builds(lambda m, s: f"{m:02d}:{s:02d}", st.integers(0, 99), st.integers(0, 99))
ZH = st.sampled_from(["深度学习", "泛化", "模型", "那種泛化", "强化学习", "的", "肖恩·麦奎尔", "注意力机制", "ℤ", "𠀀"])
EN = st.sampled_from(["deep learning", "RL", "KV cache", "Sean McGuire", "e.g.", "x", "GPT-4.5", "a" * 300, "café"])
WEIRD = st.sampled_from(
    ["\x1b[2J", "\x00", "\x07", "\u202e", "\ufeff", "\r", "\r\n", "\t", "`", "$$", "<!--", "-->", "**", "~~", "==",
     "](javascript:x)", "<script>", "{{<", "%}", "\\(", "“", "」", "《", "\u3000", "💡", "\U000e0001", "𝔸"]
)  # fmt: skip
BRACKET = st.sampled_from(["(", ")", "（", "）", "（（", "））", "(（", ")）"])
PIECE = st.one_of(
    st.tuples(ZH, st.sampled_from(["（", "(", " ("]), EN, st.sampled_from(["）", ")", "", "）**"])).map("".join),
    st.tuples(EN, st.sampled_from(["（", "("]), ZH, st.sampled_from(["）", ")", "，指某种能力）"])).map("".join),
    ZH, EN, WEIRD, BRACKET, st.text(max_size=6),
)
LINE = st.lists(PIECE, max_size=12).map("".join)


@st.composite
def skeleton(draw: st.DrawFn) -> tuple[str, str]:
    """A document of one format, its layout mostly right, then mutated; with its file name."""
    kind = draw(st.sampled_from(["srt", "vtt", "transcript", "frontmatter", "parallel", "markdown", "plain"]))
    lines: list[str] = []
    cues = draw(st.integers(0, 6))
    if kind == "srt":
        for i in range(cues):
            start, end = draw(TIME), draw(TIME)
            arrow = draw(st.sampled_from([" --> ", " -> ", "-->", " --> "]))
            lines += [str(i + 1), f"{start}{arrow}{end}", draw(LINE), draw(LINE), ""]
    elif kind == "vtt":
        lines += draw(st.sampled_from([["WEBVTT", ""], [], ["WEBVTT - x", "NOTE hi", ""]]))
        for _ in range(cues):
            lines += [f"{draw(SHORT_TIME)}.000 --> {draw(SHORT_TIME)}.500 align:start", draw(LINE), draw(LINE), ""]
    elif kind == "transcript":
        lines += ["Podcast", "🎙 播客", "", "Ep 1", ""]
        for _ in range(cues):
            header = f"{draw(st.sampled_from(['Speaker ', 'Speaker', '说话人 ']))}{draw(st.integers(0, 3))}"
            header += f"{draw(SHORT_TIME)} - {draw(SHORT_TIME)}"
            lines += [header, draw(LINE), header, draw(LINE)]
        lines.append(draw(st.sampled_from(["原文 ↗https://a.example/x", "原文 ↗javascript:alert(1)", ""])))
    elif kind == "frontmatter":
        values = st.one_of(LINE, st.just("[a, b"), st.just("{x: 1}"), st.just(">-\n  folded\n  more"), st.just("'"))
        lines += ["---", f"title: {draw(values)}", f"summary: {draw(values)}", f"source: {draw(values)}"]
        lines += draw(st.sampled_from([["---"], [], ["..."]]))
        lines += draw(st.lists(LINE, max_size=8))
    elif kind == "parallel":
        for _ in range(cues):
            lines += [draw(LINE), draw(LINE), ""]
    elif kind == "markdown":
        body = st.lists(st.one_of(LINE, st.just("```"), st.just("| a | b |")), max_size=10)
        lines += [f"# {draw(LINE)}", "", *draw(body)]
    else:
        lines += draw(st.lists(LINE, max_size=10))
    for _ in range(draw(st.integers(0, 3))):  # mutations: a line dropped, doubled, or made very long
        if lines:
            at = draw(st.integers(0, len(lines) - 1))
            action = draw(st.sampled_from(["drop", "double", "long", "swap"]))
            if action == "drop":
                del lines[at]
            elif action == "double":
                lines.insert(at, lines[at])
            elif action == "long":
                lines[at] = lines[at] * 200
            elif action == "swap" and at + 1 < len(lines):
                lines[at], lines[at + 1] = lines[at + 1], lines[at]
    suffix = {"srt": ".srt", "vtt": ".vtt", "frontmatter": ".md", "markdown": ".md"}.get(kind, ".txt")
    return "\n".join(lines), suffix


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030", "utf-32", "latin-1", "broken"])


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "broken":
        return text.encode("utf-8")[:-1] + b"\xff\xfe\x80"
    return text.encode(encoding, errors="replace")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@seed(SEED)
@given(documents=st.lists(st.tuples(skeleton(), ENCODINGS), min_size=1, max_size=3))
def test_the_whole_job_never_crashes(documents: list[tuple[tuple[str, str], str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        read = []
        for i, ((text, suffix), encoding) in enumerate(documents):
            path = folder / f"doc{i}{suffix}"
            path.write_bytes(_encode(text, encoding))
            try:
                document = read_document(path)
            except VocabError as error:
                assert str(error)  # an answer: the document is refused with a message
                continue
            from vocab.extract import extract_glosses

            read.append((document, list(extract_glosses(document))))
        terms = rank_terms([g for _, glosses in read for g in glosses], [d for d, _ in read])
        for document, _ in read:
            for fmt in ("md", "csv", "json"):
                render_glossary(document, terms, fmt)
        try:
            write_deck(terms, [d for d, _ in read], folder / "deck.apkg", DeckOptions())
        except VocabError as error:
            assert str(error)
