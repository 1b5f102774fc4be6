"""A bracket pair as the rules see it, and what they make of it: a Verdict holding Drafts (glosses before
their context is attached), or a rejection. Shared by the rejecting rules (``rejects``) and the reading ones
(``rules``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..models import Direction, GlossKind
from ..text import ACCENTED, HAN_RE, NAME_DOTS, is_reading
from .brackets import CLOSE_QUOTES, MARKUP, TEXT, BracketPair
from .english import latin_letter_or_digit
from .runs import Run, before_link_target, run_before


@dataclass(frozen=True, slots=True)
class Draft:
    """A gloss before its context (sentence, time, link) is attached."""

    en: str
    zh: str | None
    definition: str | None
    direction: Direction
    kind: GlossKind
    rule: str
    open: int  # offset of the opening bracket in the segment text
    close: int
    alias: str | None = None  # an acronym or abbreviation the bracket gives after the term (`，MPI`)
    reading: str | None = None  # the pinyin the text writes for the Chinese term (`(网红, wang3hong2)`)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A bracket pair in its segment, with what the rules need to judge it."""

    text: str
    kinds: bytearray
    pair: BracketPair
    english_context: bool  # the segment is English: an English run before a bracket can be a clause
    people: frozenset[str]  # names from the metadata: `Andy Jones（来自Anthropic）` is an aside
    previous: Draft | None  # the gloss just before, in the same segment
    repeats: Callable[[str], int] | None = None  # how often a text stands in the whole document
    translation: str | None = None  # the text of the segment aligned with this one: a cue's or a line's other side
    _found: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)  # runs and script, found once

    @property
    def inner(self) -> str:
        """The text inside the bracket, without the reading a text for learners of Chinese writes after the Chinese
        (`(网红, wang3hong2)`, `(模具, *mújù*)`, `(班长 [bānzhǎng])`): the Chinese glosses, its pinyin is no part."""
        return self._apart()[0]

    @property
    def reading(self) -> str | None:
        """The pinyin the bracket writes after its Chinese (``inner`` leaves it out), as the document gives it."""
        return self._apart()[1]

    def _apart(self) -> tuple[str, str | None]:
        if "apart" not in self._found:
            whole = self.pair.inner(self.text)
            self._found["apart"] = _reading_apart(whole) or (whole, None)
        return self._found["apart"]  # type: ignore[no-any-return]

    @property
    def inner_unmarked(self) -> str:
        """``inner`` without the emphasis marks inside it: `（**circle** of fifths）` glosses `circle of fifths`."""
        start = self.pair.open + 1
        return "".join(ch for i, ch in enumerate(self.inner) if ch not in _EMPHASIS or self.kinds[start + i] != MARKUP)

    def run(self, script: str) -> Run | None:
        """The run of ``script`` text right before the bracket (``runs.run_before``), found once: several
        rules ask for it."""
        key = f"run {script}"
        if key not in self._found:
            self._found[key] = run_before(self.text, self.kinds, self.pair.open, script, self.pair.close)
        return self._found[key]  # type: ignore[no-any-return]

    def before_script(self) -> str | None:
        """ "zh" or "en": the script of the last letter before the bracket, past marks and spaces (found once:
        most rules ask)."""
        if "script" not in self._found:
            self._found["script"] = self._script_before()
        return self._found["script"]  # type: ignore[no-any-return]

    def _script_before(self) -> str | None:
        i = before_link_target(self.text, self.pair.open - 1)  # `[nursery](…)（托儿所）`: the link's text
        linked = i != self.pair.open - 1
        while i >= 0 and (self.text[i].isspace() or self.kinds[i] == MARKUP or self.text[i] in CLOSE_QUOTES):
            i -= 1
        if i < 0 or self.kinds[i] != TEXT:
            return None
        ch = self.text[i]
        if HAN_RE.match(ch) or ch in NAME_DOTS:
            return "zh"
        if latin_letter_or_digit(ch) or ch in "+#":  # `lamé (导电背心)`: an accented last letter too
            # a link text in Chinese that ends in English (`[内部 wiki](…)（…）`) is one title, the bracket a note on it
            return None if linked and HAN_RE.search(self.text, self.text.rfind("[", 0, i) + 1, i) else "en"
        return None


@dataclass(frozen=True, slots=True)
class Verdict:
    drafts: tuple[Draft, ...] = ()
    previous: Draft | None = None  # a replacement for the previous gloss (a note adds its definition)


Rule = Callable[[Candidate], Verdict | None]


def _reading_apart(inner: str) -> tuple[str, str] | None:
    """``inner`` up to the pinyin after its Chinese, in tone marks or numbers, after a comma, a semicolon, a slash, a
    dash, a space or in square brackets, and that pinyin; None where it writes none."""
    found = _READING.match(inner)
    if not found or not HAN_RE.search(found["zh"]):
        return None
    reading = found["reading"]
    return (found["zh"], reading.strip()) if is_reading(reading) else None


_READING = re.compile(
    rf"^(?P<zh>[^A-Za-z{ACCENTED}]*?)[\s,，;；/／:：\-–—\[【*_]*(?P<reading>[A-Za-z{ACCENTED}][^\]】*_]*?)[\s\]】*_]*$"
)

REJECT = Verdict()

_EMPHASIS = frozenset("*_")  # Markdown's marks of bold and italic (a web page's <strong> and <em> as read)

LABEL_ZH = re.compile(r"^\s*(?:中文|汉语|中译|Chinese|CN|ZH)\s*[:：]\s*", re.IGNORECASE)

LABEL_EN = re.compile(r"^\s*(?:英文|英语|English|EN|Eng\.?)\s*[:：]\s*", re.IGNORECASE)

TRIM = " \t\n*_~`\"'“”‘’「」『』《》〈〉"


def strip_labels(text: str) -> str:
    return LABEL_EN.sub("", LABEL_ZH.sub("", text, count=1), count=1)
