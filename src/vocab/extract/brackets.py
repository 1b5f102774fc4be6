"""Where the brackets are, and which characters are not prose.

Before any bracket is read as a gloss, the text is classified character by character:

* MASK: code, URLs, LaTeX, HTML comments, shortcodes. Never part of a gloss, and a bracket
  inside them is not a bracket (``f(x)`` in ``$f(x)$``, ``a_(b)`` in a URL).
* MARKUP: emphasis (``**``, ``*``, ``_``), HTML tags, link brackets and targets, quote marks.
  Invisible to the terms, but they delimit them: ``**计算能力**（Compute Power）``.
* TEXT: everything else.

Every scan here is linear: paired delimiters are found with ``str.find`` from left to right,
never with a backtracking regex, so a 1 MB line or ten thousand ``(`` cost no more than their length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..lexicon import served_wordfreq

TEXT, MARKUP, MASK = 0, 1, 2

OPENING = "(（"
CLOSING = ")）"
# Quote marks that delimit a term: “全力以赴”（go ham）, 《痛苦的教训》（The Bitter Lesson）.
OPEN_QUOTES = "“‘「『《〈\"'"
CLOSE_QUOTES = "”’」』》〉\"'"

# Bounded patterns only: each stops at the first character that cannot continue it.
_INLINE_CODE = re.compile(r"`+[^`\n]*`+")
# Inline code that holds a plain English word or phrase (`backpressure`, `keep-alive`): a term set in code
# font, its backticks only markup. Identifiers (`max_size`, `asyncio.Semaphore`, `TaskGroup`, `nprobe`) stay code.
_CODE_FONT_WORD = re.compile(r"`([A-Za-z][a-z]+(?:[ -][a-z]+)*)`")
# Inline code that holds only Chinese (`提前期`) or an acronym (`PFV`（完成貌）, `QoS`, one small letter among its
# capitals, a number at its end: `SpO2`, `CO2`): a term set in code font too.
_CODE_FONT_TERM = re.compile(r"`([\u3400-\u9fff]+|(?=[A-Za-z0-9]{2,7}`)[A-Z]+[a-z]?[A-Z]+[0-9]{0,2})`")
_URL_CHAR = r"[^\s<>\"'`，。、；：！？（）【】「」《》\u4e00-\u9fff]"  # what an address in running text is made of
_URL = re.compile(rf"(?:https?://|www\.){_URL_CHAR}+")
# An address without its scheme (`example.org/blog/post`): its host name's last label and path, then the host before it.
_BARE_HOST_END = re.compile(rf"\.(?<=[a-z0-9].)[a-z]{{2,}}/{_URL_CHAR}*")
_HOST_BEFORE = re.compile(r"(?<![\w./@:-])[a-z0-9][a-z0-9.-]*\Z")
_HOST_MOST = 64  # characters of a host name looked back over
_LINK_TARGET = re.compile(r"\]\([^()\s]*(?:\([^()\s]*\))?[^()\s]*\)")
# A tag: an element's name — HTML's (and subtitles' `c`, `v`), a custom element's (`my-widget`), a component's in MDX
# (`TabItem`) — then attributes that look like attributes (`a<b && c>d` is maths, not a tag). Other words in angle
# brackets are text: a model's special tokens (`<bos>`, `<EOS>`), a type parameter (`List<T>`).
_ELEMENTS = (
    "a abbr address area article aside audio b bdi bdo big blockquote body br button c canvas caption center cite "
    "code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure font "
    "footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label lang legend li link "
    "main map mark menu meta meter nav noscript object ol optgroup option output p param picture pre progress q rp rt "
    "ruby s samp script section select slot small source span strike strong style sub summary sup svg table tbody td "
    "template textarea tfoot th thead time title tr track tt u ul v var video wbr"
).split()
_TAG_NAME = (
    rf"(?:(?i:{'|'.join(sorted(_ELEMENTS, key=len, reverse=True))})(?![\w-])"
    r"|[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9-]*|[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*)"
)
HTML_TAG = re.compile(
    rf"</?{_TAG_NAME}"
    r"(?:\s+[A-Za-z_:][-\w:.]{0,40}(?:\s*=\s*(?:\"[^\"\n]{0,200}\"|'[^'\n]{0,200}'|[^\s\"'<>=`]{1,100}))?){0,20}"
    r"\s*/?>"
)
# Emphasis, strike-through and the highlight of Obsidian, Typora and Pandoc (`==φ 函数==`).
_EMPHASIS = re.compile(r"\*{1,3}|(?<![A-Za-z0-9])_{1,3}|_{1,3}(?![A-Za-z0-9])|~~|(?<!=)==(?!=)")
# `{{< note >}}`, `{{% alert %}}`, `{% raw %}`: documentation-site shortcodes and template tags.
_PAIRED_MASKS = (
    ("<!--", "-->"),
    ("{{<", ">}}"),
    ("{{%", "%}}"),
    ("{%", "%}"),
    ("$$", "$$"),
    ("\\(", "\\)"),
    ("\\[", "\\]"),
)


@dataclass(frozen=True, slots=True)
class BracketPair:
    open: int  # offset of `(` or `（`
    close: int  # offset of the matching `)` or `）`
    depth: int = 0  # 0: outermost among the matched pairs; 1: directly inside one

    def inner(self, text: str) -> str:
        return text[self.open + 1 : self.close]


def classify_chars(text: str) -> bytearray:
    """TEXT, MARKUP or MASK for each character of ``text``."""
    kinds = bytearray(len(text))
    for start, end in _paired_spans(text):
        kinds[start:end] = b"\x02" * (end - start)
    for pattern in (_INLINE_CODE, _URL):
        for match in pattern.finditer(text):
            _mark(kinds, match.start(), match.end(), MASK)
    for start, end in _bare_addresses(text):
        _mark(kinds, start, end, MASK)
    for match in (*_CODE_FONT_WORD.finditer(text), *_CODE_FONT_TERM.finditer(text)):
        masked = kinds[match.start()] == MASK and kinds[match.end() - 1] == MASK
        if masked and (match.re is _CODE_FONT_TERM or _is_english(match[1])):
            kinds[match.start() : match.end()] = bytes([MARKUP]) + bytes([TEXT]) * (len(match[1])) + bytes([MARKUP])
    _mask_inline_math(text, kinds)
    for pattern in (_LINK_TARGET, HTML_TAG, _EMPHASIS):
        for match in pattern.finditer(text):
            _mark(kinds, match.start(), match.end(), MARKUP)
    for i, ch in enumerate(text):
        if ch in "[]" and kinds[i] == TEXT:
            kinds[i] = MARKUP
    return kinds


def _bare_addresses(text: str) -> Iterator[tuple[int, int]]:
    """Spans of web addresses written without a scheme, found from the dot before their path: a pattern that begins
    at a host name's first letter is tried at every word, and took ten times as long as the rest of the masking."""
    for match in _BARE_HOST_END.finditer(text):
        if host := _HOST_BEFORE.search(text, max(0, match.start() - _HOST_MOST), match.start()):
            yield host.start(), match.end()


def _is_english(words: str) -> bool:
    """Every word is one wordfreq knows: an English word, not an identifier (wordfreq loads only here)."""
    zipf_frequency = served_wordfreq().zipf_frequency
    return all(zipf_frequency(word, "en") > 0 for word in re.split(r"[ -]", words))


def find_pairs(text: str, kinds: bytearray) -> list[BracketPair]:
    """Matched bracket pairs outside masked text, ASCII and full-width alike, in text order:
    the outermost ones (depth 0) and those directly inside them (depth 1).

    An outer pair's content normally belongs to it (a definition that holds ``（如文本）``); the
    pairs inside matter only when the outer one is not a gloss (``（或者用流匹配（flow matching）头）``).
    An unmatched bracket is ignored, and the pairs after it are still found.
    """
    matched = []
    stack: list[int] = []
    for i, ch in enumerate(text):
        if kinds[i] != TEXT:  # code, maths, link targets: their brackets are not brackets
            continue
        if ch in OPENING:
            stack.append(i)
        elif ch in CLOSING and stack:
            matched.append((stack.pop(), i))
    pairs: list[BracketPair] = []
    enclosing: list[tuple[int, int]] = []  # the matched pairs around the current one, outermost first
    for start, end in sorted(matched):
        while enclosing and start > enclosing[-1][1]:
            enclosing.pop()
        if len(enclosing) <= 1:
            pairs.append(BracketPair(start, end, len(enclosing)))
        enclosing.append((start, end))
    return pairs


def _paired_spans(text: str) -> list[tuple[int, int]]:
    """Spans of comments, shortcodes and display maths; an unclosed one runs to the end."""
    spans = []
    for opener, closer in _PAIRED_MASKS:
        start = text.find(opener)
        while start != -1:
            end = text.find(closer, start + len(opener))
            end = len(text) if end == -1 else end + len(closer)
            spans.append((start, end))
            start = text.find(opener, end)
    return spans


def _mask_inline_math(text: str, kinds: bytearray) -> None:
    """``$x^2$`` on one line: a dollar pair with no space just inside, as Markdown maths writes it."""
    start = text.find("$")
    while start != -1:
        end = text.find("$", start + 1)
        if end == -1:
            return
        inner = text[start + 1 : end]
        if inner and "\n" not in inner and not inner[0].isspace() and not inner[-1].isspace():
            _mark(kinds, start, end + 1, MASK)
            start = text.find("$", end + 1)
        else:
            start = end


def _mark(kinds: bytearray, start: int, end: int, kind: int) -> None:
    """Mark ``[start, end)`` as ``kind`` without unmasking what is already masked."""
    for i in range(start, end):
        kinds[i] = max(kinds[i], kind)
