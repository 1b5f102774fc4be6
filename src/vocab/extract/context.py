"""The context a learner sees with a gloss: its sentence, the aligned sentence, a link to the moment."""

from __future__ import annotations

import bisect
import functools
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..text import unwrap
from .brackets import HTML_TAG

# Chinese sentences end at 。！？； (ASCII ones too: 004 writes them in Chinese), a full stop before a space,
# a blank line. (A context shown runs on across ； where that stays short: ``_across_semicolons``.)
_ZH_END = re.compile(r"[。！？；!?;]+[”’」』\"]?|\.(?=\s|$)|\n\n")
_EN_END = re.compile(
    r"""[.?!。？！…]+[”’"')\]]*(?=\s|$)   # a full stop, question or exclamation mark (and what it closes), then a space
    | \n\n                            # a blank line""",
    re.VERBOSE,
)
# A full stop that ends no sentence: after an abbreviation or initials (`e.g.`, `vs.`, `U.S.`, `J. Smith`).
_ABBREVIATION = re.compile(
    r"""[(\[“"']*                                               # what opens before it
    (?: (?:[A-Za-z]\.){2,}                                     # e.g. i.e. U.S.
      | [A-HJ-Z]\.                                             # an initial, J. Smith (not `so do I.`)
      | (?:vs|cf|approx|Mr|Mrs|Ms|Dr|Prof|Jr|Sr|Inc|Ltd|Fig)\.  # titles and Latin
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Emphasis marks, tags: a single `*` touching Chinese is emphasis too (`等价于*语义安全*（…）`: Chinese has no spaces)
_MARKDOWN = re.compile(
    r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|(?<=[\u3400-\u9fff])\*(?=\S)|(?<=\S)\*(?=[\u3400-\u9fff])|~~|"
    + HTML_TAG.pattern
)
_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\([^()\s]*\)")
# Columns, a Chinese character two as on a screen; a longer "sentence" is cut to a window around the gloss (a run-on
# line of Chinese, 295 characters, was a card's whole front: learner's trial 56)
MAX_SENTENCE = 300
_SEMICOLON_REACH = 100  # characters; a Chinese context runs on across ； while it stays this short
_SAYS_SOMETHING = re.compile(r"[^\W_]")  # a letter, a digit or a Han character: not punctuation or Markdown marks alone
_CLAUSE_MARKS = "，,；;、"  # where a window cut inside a sentence may end


class SentenceIndex:
    """Sentence ends of one text, found once, so each gloss finds its sentence by bisection.

    English text ends sentences at ``.?!``, Chinese at ``。？！；``; a full stop after an abbreviation,
    or before a lower-case word, ends none.

    >>> text = "We use it, e.g. for RL. The U.S. team agrees; so do I. GPT-3.5 is A. Smith's."
    >>> SentenceIndex(text, english=True).sentences()
    ['We use it, e.g. for RL.', 'The U.S. team agrees; so do I.', "GPT-3.5 is A. Smith's."]
    """

    def __init__(self, text: str, english: bool) -> None:
        self.text = text
        self.english = english
        ends = (_EN_END if self.english else _ZH_END).finditer(text)
        bracketed = _Brackets(text)
        self.ends = [match.end() for match in ends if not (bracketed(match.start()) or _inside_sentence(text, match))]
        self.newlines = [match.start() for match in re.finditer("\n", text)]

    def line_offset(self, offset: int) -> int:
        """How many hard line breaks come before ``offset``."""
        return bisect.bisect_right(self.newlines, offset - 1)

    @functools.cached_property
    def spans(self) -> list[tuple[int, int]]:
        """Where each sentence starts and ends, blank space and empty sentences left out."""
        spans = []
        for left, right in zip([0, *self.ends], [*self.ends, len(self.text)], strict=True):
            text = self.text[left:right]
            if text.strip():
                spans.append((left + len(text) - len(text.lstrip()), right))
        return spans

    def sentences(self) -> list[str]:
        return [plain_text(self.text[left:right]) for left, right in self.spans]

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """Where the sentence that holds ``[start, end)`` starts and ends."""
        k = bisect.bisect_right(self.ends, start)
        left = self.ends[k - 1] if k > 0 else 0
        k = bisect.bisect_left(self.ends, end)
        return left, self.ends[k] if k < len(self.ends) else len(self.text)

    def sentence_around(self, start: int, end: int) -> str:
        """The sentence that holds ``[start, end)``, unwrapped, without Markdown marks.

        A sentence wider than MAX_SENTENCE columns (a run-on line with no full stop) is cut to a window
        around the gloss, at clause marks where there are some.

        >>> SentenceIndex("第一句。我们谈到了 memory(记忆)的增长。最后一句。", english=False).sentence_around(14, 18)
        '我们谈到了 memory(记忆)的增长。'

        A sentence that says nothing but the gloss (`良率（yield）。`, a cue's lead-in) runs on to the next one, which
        says something about it.

        >>> SentenceIndex("良率（yield）。良率是能用的芯片占多少。下一句。", english=False).sentence_around(0, 9)
        '良率（yield）。良率是能用的芯片占多少。'
        """
        left, right = self.bounds(start, end)
        if not _SAYS_SOMETHING.search(self.text[left:start] + self.text[end:right]) and right < len(self.text):
            right = self.bounds(right, right + 1)[1]  # the next sentence too
        left, right = self._cell(left, right, start, end)
        if not self.english:
            left, right = self._across_semicolons(left, right)
        long = right - left > MAX_SENTENCE  # then wider too: no character takes less than a column
        if long or (right - left > MAX_SENTENCE // 2 and _columns(self.text[left:right]) > MAX_SENTENCE):
            # as many characters as fill the columns where the gloss stands (not the whole of a 5 MB line, per gloss)
            near = self.text[max(left, start - MAX_SENTENCE) : min(right, end + MAX_SENTENCE)]
            left, right = self._window(left, right, start, end, MAX_SENTENCE * len(near) // _columns(near))
        said = plain_text(self.text[left:right])
        return _CELL_BORDER.sub(" · ", said) if "|" in said and self._in_row(start) else said

    def _across_semicolons(self, left: int, right: int) -> tuple[int, int]:
        """``[left, right)`` with the clauses a ； joins to it on its line, while the whole stays within
        _SEMICOLON_REACH: ； joins clauses of one sentence, as `;` does in the English beside it (learner's trial 56:
        `温度（temperature）也很重要；` was the context), and a summary's long sentence keeps its clause alone.

        >>> parallel = SentenceIndex("温度（temperature）也很重要；温度越低，回答越保守。下一句。", english=False)
        >>> parallel.sentence_around(0, 2)
        '温度（temperature）也很重要；温度越低，回答越保守。'
        >>> SentenceIndex("- 第一项（first）；" + chr(10) + "- 第二项。", english=False).sentence_around(2, 5)
        '- 第一项（first）；'
        """
        text = self.text
        while right < len(text) and text[right - 1] in "；;" and text[right] != "\n":
            after = self.bounds(right, right + 1)[1]
            if after - left > _SEMICOLON_REACH:
                break
            right = after
        while left > 0 and text[left - 1] in "；;":
            before = self.bounds(left - 1, left - 1)[0]
            if right - before > _SEMICOLON_REACH or "\n" in text[before:left]:
                break
            left = before
        return left, right

    def _in_row(self, at: int) -> bool:
        """``at`` stands on a line that is a Markdown table's row."""
        line_start = self.text.rfind("\n", 0, at) + 1
        line_end = self.text.find("\n", at)
        line = self.text[line_start : line_end if line_end != -1 else len(self.text)].strip()
        return line.startswith("|") and line.endswith("|")

    def _cell(self, left: int, right: int, start: int, end: int) -> tuple[int, int]:
        """The sentence cut to the cell that holds ``[start, end)`` where its line is a Markdown table's row: the
        row's other cells are other columns, not the sentence a learner reads. A cell that holds the gloss alone says
        nothing of it, and the row's other cells do (what the term is, its values): then the row is the sentence.

        >>> row = "| 合同条款 | 不可抗力（force majeure）可以免除责任 |"
        >>> SentenceIndex(row, english=False).sentence_around(9, 28)
        '不可抗力（force majeure）可以免除责任'
        >>> SentenceIndex("| 不可抗力（force majeure） | 免除责任 |", english=False).sentence_around(2, 21)
        '不可抗力（force majeure） · 免除责任'

        (The row's cells are told apart by a dot: a card or a glossary shows no table's borders.)
        """
        line_start = self.text.rfind("\n", 0, start) + 1
        line_end = self.text.find("\n", end)
        line_end = line_end if line_end != -1 else len(self.text)
        line = self.text[line_start:line_end].strip()
        if not (line.startswith("|") and line.endswith("|")):
            return left, right
        cell_start = self.text.rfind("|", line_start, start) + 1
        cell_end = self.text.find("|", end)
        cell_end = cell_end if cell_end != -1 else right
        if _SAYS_SOMETHING.search(self.text[cell_start:start] + self.text[end:cell_end]):
            return max(left, cell_start), min(right, cell_end)
        return self.text.find("|", line_start) + 1, self.text.rfind("|", 0, line_end)

    def _window(self, left: int, right: int, start: int, end: int, longest: int) -> tuple[int, int]:
        """The longest stretch of the sentence ``[left, right)`` of at most ``longest`` characters around
        ``[start, end)``, as centred as the sentence's ends allow, each cut end moved in to a clause mark.

        The clause marks nearest the window's ends are the cuts, not those nearest the term: a run-on
        sentence of short clauses was cut to the term's own clause (`sub agents,`).

        >>> clauses = ["I mean", "we tried it", "in many ways", "with sub agents", "which we liked", "and it worked"]
        >>> text = ", ".join(clauses * 6) + "."  # one sentence of 497 characters
        >>> at = text.find("sub agents", 200)
        >>> window = SentenceIndex(text, english=True).sentence_around(at, at + 10)
        >>> window[:14], window[-13:], len(window)
        ('and it worked,', ' we tried it,', 284)
        """
        width = max(longest, end - start + 40)
        lo = max(left, start - (width - (end - start)) // 2)
        hi = min(right, lo + width)
        lo = max(left, hi - width)
        if lo > left:
            cuts = [i for i in (self.text.find(mark, lo, start) for mark in _CLAUSE_MARKS) if i != -1]
            lo = min(cuts) + 1 if cuts else lo
        if hi < right:
            hi = max((self.text.rfind(mark, end, hi) + 1 for mark in _CLAUSE_MARKS), default=0) or hi
        return lo, hi


def _columns(text: str) -> int:
    """About how wide ``text`` is on a screen: a character UTF-8 writes in three bytes (Chinese, full-width
    punctuation) takes two columns, one in one byte one. Counted from the encoding's length, not character by
    character (``unicodedata.east_asian_width`` for each was 5 % of extracting the seeds)."""
    return len(text) + (len(text.encode("utf-8")) - len(text)) // 2


def _inside_sentence(text: str, end: re.Match[str]) -> bool:
    """A full stop that ends no sentence: an abbreviation's, or one a lower-case word follows."""
    if "." not in end.group() and "…" not in end.group():
        return False
    following = text[end.end() : end.end() + 2].lstrip()
    if following[:1].islower():
        return True
    reach = max(0, end.start() - 12)  # the longest abbreviation, and a bound in text without spaces
    word = max(text.rfind(space, reach, end.start()) + 1 or reach for space in " \n\t")
    return end.group() == "." and _ABBREVIATION.fullmatch(text, word, end.end()) is not None


class _Brackets:
    """Whether a place of ``text`` is inside a bracket opened on its line before it and closed on it after it: a
    sentence end there ends none (`先買後付（Buy Now, Pay Later；BNPL）`: the other glosses of the line had a sentence
    cut there). Asked of the sentence ends in order, so each line is read once: a line of 400,000 characters asked
    at every end was read again from its start each time.

    >>> SentenceIndex("即時支付（RTP）和先買後付（Buy Now, Pay Later；BNPL）兩種。下一句。", english=False).sentences()
    ['即時支付（RTP）和先買後付（Buy Now, Pay Later；BNPL）兩種。', '下一句。']
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = self.depth = 0  # read up to ``at``; its line's brackets opened before it, less those closed
        self.line_end = self.last_close = -1  # the end of the line last asked of, and its last closing bracket

    def __call__(self, at: int) -> bool:
        text = self.text
        piece = text[self.at : at]
        newline = piece.rfind("\n")
        if newline != -1:
            self.depth, piece = 0, piece[newline + 1 :]
        self.depth += piece.count("(") + piece.count("（") - piece.count(")") - piece.count("）")
        self.at = at
        if self.depth <= 0:
            return False
        if at > self.line_end:
            end = text.find("\n", at)
            self.line_end = end if end != -1 else len(text)
            self.last_close = max(text.rfind(")", at, self.line_end), text.rfind("）", at, self.line_end))
        return self.last_close > at


def plain_text(text: str) -> str:
    """Markdown emphasis, tags and link targets removed, but not inside inline maths; hard wraps joined. (Most sentences
    hold no mark: the patterns, tried at every character, run only on those that do.)

    >>> plain_text("用 $y_{t-1}$ 预测 **滞后**（lag）")
    '用 $y_{t-1}$ 预测 滞后（lag）'
    """
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if any(mark in text for mark in _MARKS):
        if "$" in text:  # inline maths keeps its marks: `$y_{t-1}$` is no emphasis
            pieces = _MATH.split(text)
            text = "".join(p if k % 2 else _MARKDOWN.sub("", p) for k, p in enumerate(pieces))
        else:
            text = _MARKDOWN.sub("", text)
    return unwrap(text.strip()).strip()


_CELL_BORDER = re.compile(r"\s*\|\s*")  # between a table row's cells
# inline maths, kept whole by ``split``: no space inside either dollar and no Chinese (`$5 和 $10` are prices)
_MATH = re.compile(r"(\$(?=[^\s$])[^$\n\u3400-\u9fff]*?(?<=[^\s$])\$)")
_MARKS = ("*", "_", "~", "<")  # what ``_MARKDOWN`` removes begins with one of these


@functools.lru_cache(maxsize=4096)  # every gloss of a cue asks for the same link
def deep_link(url: str | None, seconds: float | None) -> str | None:
    """``url`` opened at ``seconds``: YouTube and Bilibili take ``t=``, other media a ``#t=`` fragment.

    >>> deep_link("https://www.youtube.com/watch?v=NQczevdpxq0", 3429.4)
    'https://www.youtube.com/watch?v=NQczevdpxq0&t=3429s'
    >>> deep_link("https://youtu.be/NQczevdpxq0", 28)
    'https://youtu.be/NQczevdpxq0?t=28s'
    >>> deep_link("https://example.com/ep12.mp3", 61), deep_link(None, 5)
    ('https://example.com/ep12.mp3#t=61', None)
    """
    if not url or seconds is None:
        return url
    parts = urlsplit(url)
    host = parts.netloc.casefold()
    whole = int(seconds)
    if any(name in host for name in ("youtube.com", "youtu.be", "bilibili.com")):
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "t"]
        query.append(("t", f"{whole}s" if "youtu" in host else str(whole)))
        return urlunsplit(parts._replace(query=urlencode(query)))
    return urlunsplit(parts._replace(fragment=f"t={whole}"))
