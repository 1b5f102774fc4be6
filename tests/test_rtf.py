"""Rich Text (``sources/rtf.py``): decoded from its escapes, each gloss on the line of the file its term stands on."""

from __future__ import annotations

from vocab import parse_document
from vocab.extract import extract_glosses
from vocab.models import InputFormat, SegmentKind

# WordPad's way: GBK bytes under \ansicpg936, a font of charset 134; TextEdit's and Word's: \uN with a fallback
RTF = r"""{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 \'cb\'ce\'cc\'e5;}{\f1\fswiss\fcharset0 Arial;}}
{\colortbl ;\red255\green0\blue0;}
{\info{\title \u24378?\u21270?\u23398?\u20064?}{\author Wang}{\creatim\yr2025\mo3\dy14\hr9\min30}}
\viewkind4\uc1\pard\b\fs32 \u24378?\u21270?\u23398?\u20064? Reinforcement Learning\b0\fs24\par
\pard\f0 \'ce\'d2\'c3\'c7\'d3\'c3
\'b2\'df\'c2\'d4\'cc\'dd\'b6\'c8\f1\'a3\'a8policy gradient\'a3\'a9\f0\'a1\'a3
\u36825?\u37324?\u26377?\u22870?\u21169?\u65288?reward\u65289?\u12290?\par
\u26368?\u21518?\u26159?\u25240?\u25187?\u22240?\u23376?\u65288?disc
ount factor\u65289?\u12290?\par
{\*\shppict{\pict\pngblip 89504e47}}{\field{\*\fldinst HYPERLINK "x"}{\fldrslt \u38142?\u25509?}}\par
}
"""


def test_rich_text_is_decoded_with_each_gloss_on_the_line_its_term_stands_on() -> None:
    document = parse_document(RTF, "rl.rtf")
    assert (document.format, document.title, document.metadata.author, document.metadata.date) == (
        InputFormat.RTF,
        "强化学习",
        "Wang",
        "2025-03-14",
    )
    assert document.segments[0].kind is SegmentKind.HEADING  # a large bold paragraph
    glosses = [(g.line, g.en, g.zh) for g in extract_glosses(document)]
    assert glosses == [
        (4, "Reinforcement Learning", "强化学习"),
        (6, "policy gradient", "策略梯度"),  # GBK bytes, a run of them broken between two lines
        (7, "reward", "奖励"),  # Unicode escapes, on the next line of the same paragraph
        (8, "discount factor", "折扣因子"),  # a word the file breaks between two lines is one word
    ]
    assert [s.text for s in document.segments][-1] == "链接"  # a field's result is text, its code and a picture not


def test_textedit_ends_a_paragraph_with_a_backslash_at_the_line_end() -> None:
    textedit = "{\\rtf1\\ansi\\ansicpg1252\\cocoartf2709\n{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}\n"
    textedit += "\\f0\\fs24 \\cf0 We call it \\b overfitting\\b0  (\\uc0\\u36807 \\u25311 \\u21512 ).\\\nNext line.}"
    document = parse_document(textedit, "note.rtf")
    said = [(s.line, s.text) for s in document.segments]
    assert said == [(3, "We call it **overfitting** (过拟合)."), (4, "Next line.")]
