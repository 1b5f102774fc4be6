"""Properties of extraction on any text: every side occurs in its line, output is deterministic,
and nothing crashes."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from vocab import parse_document
from vocab.extract import extract_glosses
from vocab.text import unwrap

ZH_WORDS = st.sampled_from(
    ["深度学习", "泛化", "那种泛化", "以及数据", "称为训练数据集", "缓存", "肖恩·麦奎尔", "的", "模型"]
)
EN_WORDS = st.sampled_from(
    ["deep learning", "generalization", "data", "KV cache", "Sean McGuire", "RL", "e.g. x", "12"]
)
OPEN = st.sampled_from(["(", "（", " (", "**（", "（中文: ", "（英文: "])
CLOSE = st.sampled_from([")", "）", "）**", ": 指某种能力）", "，一种方法)"])
NOISE = st.sampled_from(
    ["", " ", "\n", "，", "。", "**", "“", "”", "`", "$", "<!--", "-->", "](x)", "[", "/", "、", "或"]
)
GLOSS = st.one_of(
    st.tuples(ZH_WORDS, OPEN, EN_WORDS, CLOSE).map("".join),  # Chinese term, English in brackets
    st.tuples(EN_WORDS, OPEN, ZH_WORDS, CLOSE).map("".join),  # English term, Chinese in brackets
)
TEXT = st.lists(st.one_of(GLOSS, NOISE, st.text(max_size=4)), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=TEXT, path=st.sampled_from(["x.txt", "x.md", "x.srt"]))
# A quoted 或 once opened the term before it.
@example(text="深度学习(deep learning)" * 11 + "“或”深度学习(deep learning)", path="x.txt")
# A letter glued to a link's end on the line before, in a Markdown paragraph, was kept as the `a` of `learning`, an
# accented one as no English at all, and it began the English term after the line break.
@example(text="深度学习(deep learning)" * 11 + "](x)A\n泛化(deep learning)深度学习(deep learning)](x)", path="x.txt")
@example(text="深度学习(deep learning)" * 11 + "](x)À\n泛化(deep learning)深度学习(deep learning)](x)", path="x.txt")
@example(text="深度学习(deep learning)" * 11 + "](x)À\ndeep learning(深度学习)深度学习(deep learning)", path="x.txt")
@example(text="深度学习(deep learning)" * 11 + "](x)B\ndeep learning(深度学习)深度学习(deep learning)", path="x.txt")
# A Markdown paragraph's Chinese runs on across a line break: the term before a bracket may begin on the line before.
@example(text="深度学习(deep learning)" * 5 + "](x)㐀\n泛化(deep learning)", path="x.md")
# A NUL is dropped from a segment (``_build``): the sides are found in the text without it.
@example(text="深度学习(deep learning)0\x00deep learning(深度学习)", path="x.txt")
@example(text="深度学习(generalization)\x9d深度学习(generalization)\n深度学习(deep learning)", path="x.txt")
def test_every_side_occurs_in_its_line_and_output_is_deterministic(text: str, path: str) -> None:
    try:
        document = parse_document(text, path)
    except Exception as error:  # only a SourceError is allowed, and reading is tested elsewhere
        assert type(error).__name__ == "SourceError"
        return
    first = list(extract_glosses(document))
    assert first == list(extract_glosses(parse_document(text, path)))
    lines = text.replace("\0", "").split("\n")  # a segment drops a NUL (JSON's `\u0`): no reader of words takes one
    for gloss in first:
        # A gloss wrapped by a hard line break stands in its line joined to the next; a Chinese term wrapped before
        # its bracket, in the bracket's line joined to the one before (a gloss's line is its bracket's).
        around = lines[max(gloss.line - 2, 0) : gloss.line + 1]
        window = unwrap("\n".join(around))
        joined = "".join(around)
        for side in (gloss.en, gloss.zh, gloss.definition):
            if side:
                assert side in window or side in joined, (side, gloss.line, lines[gloss.line - 1])
