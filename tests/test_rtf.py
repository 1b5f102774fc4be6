"""Rich Text (``sources/rtf.py``): decoded from its escapes, each gloss on the line of the file its term starts on."""

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


def test_rich_text_is_decoded_with_each_gloss_on_the_line_its_term_starts_on() -> None:
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
        (6, "policy gradient", "策略梯度"),  # its clause starts on line 5, the term on 6 (as the gold writes it)
        (7, "reward", "奖励"),  # Unicode escapes, a sentence of the same paragraph on a line of its own
        (8, "discount factor", "折扣因子"),  # a word the file breaks between two lines is one word
    ]
    assert [s.text for s in document.segments][-1] == "链接"  # a field's result is text, its code and a picture not


def test_a_term_the_file_breaks_between_two_lines_stands_on_the_line_it_starts_on() -> None:
    """A writer wraps its lines anywhere: inside a Chinese term, or between the clause's start and the term."""
    rtf = "{\\rtf1\\ansi\\uc1\\pard \\u25105?\\u20204?\\u29992?\\u31574?\n\\u30053?\\u65288?policy\\u65289?\\u65292?"
    rtf += "\\u21448?\\u29992?\n\\u22870?\\u21169?\\u65288?reward\\u65289?\\u12290?\\par\n}"
    glosses = [(g.line, g.en, g.zh) for g in extract_glosses(parse_document(rtf, "wrapped.rtf"))]
    assert glosses == [(1, "policy", "策略"), (3, "reward", "奖励")]


def test_textedit_ends_a_paragraph_with_a_backslash_at_the_line_end() -> None:
    textedit = "{\\rtf1\\ansi\\ansicpg1252\\cocoartf2709\n{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}\n"
    textedit += "\\f0\\fs24 \\cf0 We call it \\b overfitting\\b0  (\\uc0\\u36807 \\u25311 \\u21512 ).\\\nNext line.}"
    document = parse_document(textedit, "note.rtf")
    said = [(s.line, s.text) for s in document.segments]
    assert said == [(3, "We call it **overfitting** (过拟合)."), (4, "Next line.")]


def test_word_and_libreoffice_line_breaks_bullets_and_titles_are_no_text() -> None:
    """A learner's report: Word and LibreOffice break an RTF file's lines every 80–250 characters, and those breaks
    cut definitions (`weight decay: 在`), split headings (`第6讲 归一` / `化`), and lost terms; a bullet in the Symbol
    font became `�`; LibreOffice's title came out twice, `??????` then the Chinese; a file cut short said nothing."""
    word = (
        "{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}{\\f3\\fnil\\fcharset2 Symbol;}}\n"
        "{\\upr{\\info{\\title \\'3f\\'3f}}{\\*\\ud{\\info{\\title \\u31532?\\u20845?\\u35762?}}}}\n"
        "\\pard\\outlinelevel0\\f0 \\u31532?\\u20845?\\u35762? \\u24402?\\u19968?\n\\u21270? Normalization\\par\n"
        "\\pard{\\listtext\\f3\\'b7\\tab}\\f0 \\u26435?\\u37325?\\u34928?\\u20943?\\u65288?weight decay\\u65289?"
        "\\u65306?\\u22312?\n\\u25439?\\u22833?\\u20013?\\u21152?\\u20837?\\u12290?\\par\n"
        "\\pard\\f0 \\u21435?"
    )
    document = parse_document(word, "lecture.rtf")
    assert document.title == "第六讲"  # the Unicode copy of the title, not `??` before it
    said = [(s.line, s.kind, s.text) for s in document.segments]
    assert said == [
        (3, SegmentKind.HEADING, "第六讲 归一化 Normalization"),  # an outline level; the break no text
        (5, SegmentKind.BODY, "权重衰减（weight decay）：在损失中加入。"),  # no `�` bullet
        (7, SegmentKind.BODY, "去"),
    ]
    assert [(g.en, g.definition) for g in extract_glosses(document)] == [
        ("Normalization", None),
        ("weight decay", "在损失中加入"),  # the definition whole, past the file's line break
    ]
    cut = "lecture.rtf: the RTF ends before its groups close (cut short?): read as far as it goes"
    assert document.warnings == (cut,)


def test_a_nul_character_an_escape_writes_is_dropped_not_fed_to_the_word_readers() -> None:
    """The fuzzer's find: `\\u0` in an RTF (or `\\u0000` in a chat's JSON) reached jieba's word table and raised."""
    document = parse_document("{\\rtf1 \\u27880?\\u0?\\u24847?\\u21147?\\u65288?attention\\u65289?\\par}", "a.rtf")
    assert [(g.en, g.zh) for g in extract_glosses(document)] == [("attention", "注意力")]
