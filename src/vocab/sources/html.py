"""Web pages and e-book chapters: HTML and XHTML (a saved article, an EPUB's chapter unzipped).

Each block — a paragraph, a heading, a list item, a table cell, a caption, a footnote — is one segment from the line
its text starts on, its line breaks kept, so a gloss's line is the file's as in every other format. Inline markup is
read as Markdown is: ``<strong>计算能力</strong>（Compute Power）`` as ``**计算能力**（Compute Power）``, where the bold
bounds the term. No text: scripts, styles, what is hidden, ruby readings (``<rt>``), a footnote's number
(``<a epub:type="noteref">1</a>``), a page's menu (``<nav>``) and its footer outside its article or main content
(``<footer>``: a theme's name, a copyright), what its layout names as furniture (``class="toc"``, ads, share buttons,
a breadcrumb trail, previous and next, related posts), and its ``<title>`` (it repeats the ``<h1>``: no mention); a
sidebar is text (its links name the site's other articles, glossed as they are); ``<pre>`` is code. The first
``<h1>`` (else the ``<title>``) names the document; ``<meta>`` tags give its author, date and address. A Kindle
notebook as the app exports it names its book and authors by class (``bookTitle``, ``authors``), and a highlight's
place (``noteHeading``) is no text; DiscordChatExporter's HTML names each message's author (``chatlog__author``),
and what is not a message's own words (a reply's copy of another, times, embeds) by class.
"""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser

from ..models import BOOK_TITLE, Lang, Metadata, Segment, SegmentKind
from ..text import lang_outside_brackets, spells_syllables
from ._build import SegmentList, pair_lines

_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_FRAGMENT = re.compile(r"<(?:p|div|h[1-6]|li|table|section|article)[\s>]", re.I)
_BLOCKS = frozenset(
    "address article aside blockquote body br caption center dd details div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr html li legend main nav ol p pre section summary table tbody td tfoot th thead "
    "title tr ul".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_LATIN_WORD = re.compile("[A-Za-z]{2}")
_HAN_OR_ZHUYIN = re.compile("[\u3100-\u312f\u31a0-\u31bf\u3400-\u9fff]")  # a reading in zhuyin, or a Chinese note
_NO_TEXT = frozenset("script style template noscript svg math rt rp object iframe select textarea button".split())
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_MARKS = {"strong": "**", "b": "**", "em": "*", "i": "*", "code": "`", "kbd": "`", "samp": "`"}
_NOTE_NUMBER = re.compile(r"\s*[\[(]?(?:\d{1,3}|[*†‡])[\])]?\s*")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_META_NAMES = {
    "dc.title": "dc.title",  # an e-book's title (``epub``): its first <h1> is a chapter's
    "author": "author",
    "dc.creator": "author",
    "dcterms.creator": "author",
    "date": "date",
    "dc.date": "date",
    "dcterms.date": "date",
    "dcterms.created": "date",
    "article:published_time": "date",
    "og:url": "source_url",
    "og:site_name": "show",  # the blog or site: what a deck's subdeck is named after, as a podcast's show
}


def detect(lines: list[str]) -> bool:
    """An HTML document: a doctype or an ``<html>`` element opens it (after an XML declaration, comments)."""
    return _START.match("\n".join(lines[:60]).lstrip("\ufeff")) is not None


def is_fragment(lines: list[str]) -> bool:
    """HTML without its ``<html>``: block elements, for a file named ``.html``."""
    return any(_FRAGMENT.search(line) for line in lines[:200])


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    page = _Page()
    page.feed("\n".join(lines).lstrip("\ufeff"))
    page.close()
    page.flush()
    fields = page.fields
    if not page.notebook:
        _pair_parallel_paragraphs(page.segments)
    return (
        Metadata(
            title=fields.get("dc.title")
            or fields.get("h1")
            or fields.get("channel")
            or _without_site(page.page_title, fields.get("show")),
            show=fields.get("show"),
            author=fields.get("author"),
            date=fields.get("date"),
            source_url=fields.get("source_url"),
        ),
        page.segments.build(),
    )


def _without_site(title: str, site: str | None) -> str | None:
    """The page's <title> without the site's name after it (`Transformer 详解_某某的博客-CSDN博客`, `… | 码农夜读`)."""
    title = " ".join(title.split())
    names = [name for name in (site, "CSDN博客", "博客园", "知乎", "简书", "掘金", "Medium", "的博客") if name]
    cut = True
    while cut:  # `详解_某某的博客-CSDN博客`: the platform, then the blog
        cut = False
        for name in names:
            shorter = re.sub(rf"\s*[-_|·—–]\s*[^-_|·—–]*{re.escape(name)}\s*$", "", title)
            if shorter and shorter != title:
                title, cut = shorter, True
    return title or None


def _pair_parallel_paragraphs(segments: SegmentList) -> None:
    """A bilingual edition's paragraphs, an English one and its Chinese one by turns (`<p class="en">…<p class="zh">`):
    each pair aligned, as a parallel text's lines are. Most neighbours must change language for a page to be one."""
    body = [i for i in range(len(segments)) if segments[i].kind is SegmentKind.BODY]
    langs = [lang_outside_brackets(segments[i].text) for i in body]
    turns = sum(1 for a, b in itertools.pairwise(langs) if {a, b} == {Lang.EN, Lang.ZH})
    if len(body) >= _PARALLEL_LEAST and turns >= _PARALLEL_SHARE * (len(body) - 1):
        pair_lines(segments, body, [segments[i].text for i in body])


_PARALLEL_LEAST, _PARALLEL_SHARE = 4, 0.6


class _Page(HTMLParser):
    """Gathers each block's text from the line it starts on; the open elements say what kind of text it is."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.segments = SegmentList()
        self.fields: dict[str, str] = {}
        self.open: list[tuple[str, str | None]] = []  # open elements: name, and `silent` (no text) or `note` (a link
        self.parts: list[str] = []  # to a footnote or back, whose number is no text)
        self.line = 0  # where the block's text starts
        self.kind = SegmentKind.BODY
        self.named: str | None = None  # what the block's text names: `h1`, the document
        self.page_title = ""  # the <title>'s text
        self.mark: str | None = None  # an opening mark waiting for the text it opens (`**` before `计算能力`)
        self.chat = False  # a chat exporter's page (DiscordChatExporter's): its classes name what is said by whom
        self.notebook = False  # a Kindle notebook: a note after a highlight is the reader's, not its translation
        self.speaker: str | None = None  # who says the messages that follow (the last author's name)
        self.named_by: dict[str, str] = {}  # what an exporter's elements name: a message's author, a channel
        self.reading = ""  # the text of the ruby annotation (``<rt>``) being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta":
            self._take_meta(values)
        elif tag == "link" and "canonical" in values.get("rel", "").split():
            self.fields.setdefault("source_url", values.get("href", ""))
        elif tag == "time" and "datetime" in values:
            self._take("date", values["datetime"])
        if tag in _BLOCKS:
            self.flush()
        if tag in _VOID:
            return
        chrome = tag in ("nav", "title") or (tag == "footer" and not self._in_content()) or _page_furniture(values)
        classes = values.get("class", "")
        self.chat = self.chat or "chatlog__" in classes
        self.notebook = self.notebook or any(token in _KINDLE_CLASSES for token in classes.split())
        exporter = _exporter_role(tag, classes, self.chat)
        self.open.append((tag, "silent" if chrome else exporter or _role(tag, values)))
        if tag in _MARKS and not self._silent():
            self.mark = _MARKS[tag]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if not any(name == tag for name, _ in self.open):
            return  # a stray end tag
        while self.open:
            name, role = self.open.pop()
            if name in _MARKS and not self._silent():
                self._close_mark(_MARKS[name])
            if name == "rt":
                self._ruby_gloss()
            if role in ("author", "channel"):  # a message's author speaks what follows; the last channel names the log
                said = " ".join(self.named_by.pop(role, "").split())
                if role == "author":
                    self.speaker = said or self.speaker
                elif said:
                    self.fields["channel"] = said.rsplit(" / ", 1)[-1].lstrip("#")
            if name == tag:
                break
        if tag in _BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1][0] == "title":  # the page's name, no text of it: it repeats the <h1>
            self.page_title += data
            return
        if self.open and self.open[-1][0] == "rt" and not any(role == "silent" for _, role in self.open[:-1]):
            self.reading += data  # a ruby's annotation: a gloss when English (``_ruby_gloss``), else no text
            return
        if self._silent() or (_NOTE_NUMBER.fullmatch(data) and any(role == "note" for _, role in self.open)):
            return
        if self.open and (role := self.open[-1][1]) in ("author", "channel"):
            self.named_by[role] = self.named_by.get(role, "") + data
            return
        data = data.replace("\xa0", " ")
        if not self.parts:
            stripped = data.lstrip()
            if not stripped:
                return
            self.line = self.getpos()[0] + data[: len(data) - len(stripped)].count("\n")
            self.kind, self.named = self._kind()
            data = stripped
        if self.mark and data.strip():
            lead = len(data) - len(data.lstrip())
            data = data[:lead] + self.mark + data[lead:]
            self.mark = None
        self.parts.append(data)

    def flush(self) -> None:
        """End the block: its text, each line's spaces collapsed, becomes a segment."""
        text = "\n".join(re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(self.parts).split("\n"))
        self.parts.clear()
        self.mark = None
        if text.strip():
            book = BOOK_TITLE if self.named == "dc.title" and self.notebook else None
            speaker = self.speaker if self.chat else None
            self.segments.add(self.line, text.rstrip(), kind=self.kind, speaker=speaker, field=book)
            if self.named:
                self.fields.setdefault(self.named, " ".join(text.split()))

    def _ruby_gloss(self) -> None:
        """A ruby annotation in English glosses its base as a bracket would (`<ruby>水上葉<rt>emersed form</rt>`, shown
        `水上葉（emersed form）` where ruby is not drawn); a reading (pinyin, zhuyin) is no text."""
        reading, self.reading = " ".join(self.reading.split()), ""
        english = _LATIN_WORD.search(reading) and not _HAN_OR_ZHUYIN.search(reading) and not spells_syllables(reading)
        if self.parts and english:
            self.parts.append(f"（{reading}）")

    def _close_mark(self, mark: str) -> None:
        if self.mark == mark:  # opened on no text: nothing to close
            self.mark = None
        elif self.parts:
            last = self.parts[-1]
            trimmed = last.rstrip()
            self.parts[-1] = trimmed + mark + last[len(trimmed) :]

    def _in_content(self) -> bool:
        """Inside the page's article or main content: its own footer is text."""
        return any(name in ("article", "main") for name, _ in self.open)

    def _silent(self) -> bool:
        return any(role == "silent" for _, role in self.open)

    def _kind(self) -> tuple[SegmentKind, str | None]:
        names = {name for name, _ in self.open}
        roles = {role for _, role in self.open}
        if "pre" in names:
            return SegmentKind.CODE, None
        if "book" in roles or "chapter" in roles:
            return SegmentKind.HEADING, "dc.title" if "book" in roles else None
        if "writer" in roles:
            return SegmentKind.BODY, "author"
        if names & _HEADINGS:
            return SegmentKind.HEADING, "h1" if "h1" in names else None
        return SegmentKind.BODY, None

    def _take_meta(self, values: dict[str, str]) -> None:
        name = (values.get("name") or values.get("property") or "").casefold()
        if name in _META_NAMES and values.get("content"):
            self._take(_META_NAMES[name], values["content"])

    def _take(self, field: str, value: str) -> None:
        if field == "date":
            match = _DATE.search(value)
            if not match:
                return
            value = match.group(0)
        self.fields.setdefault(field, value.strip())


# What a page holds around its article, by the names its classes and id give: ads, a table of contents, share
# buttons, a breadcrumb trail, links to the previous and next posts, related posts, a cookie banner
_FURNITURE = frozenset(
    "ad ads advert advertisement sponsor sponsored toc breadcrumb breadcrumbs share sharing social pagination pager "
    "related recommend recommended similar cookie cookies navbar topbar menu footer tagcloud login signin signup "
    "subscribe".split()
)


# A Kindle notebook as the app exports it: the book's title and authors, its chapters' names; a highlight's colour and
# place (`Highlight(yellow) - Page 12 · Location 171`), the export's own words and the book's citation no text.
_KINDLE_CLASSES = {
    "bookTitle": "book",
    "authors": "writer",
    "sectionHeading": "chapter",
    "noteHeading": "silent",
    "notebookFor": "silent",
    "citation": "silent",
}
# A Discord channel as DiscordChatExporter writes it (HTML, its default): each message's author, then its content; what
# it replies to (a copy of another message), times, bot tags, embeds (a link's preview), attachments, reactions,
# stickers, members joining and code no one's words; the channel (`category / #channel`) names the log, its topic none.
_DCE_CLASSES = {
    "chatlog__author": "author",
    "preamble__entry": "channel",
    **dict.fromkeys(
        (
            "chatlog__reply",
            "chatlog__timestamp",
            "chatlog__short-timestamp",
            "chatlog__author-tag",
            "chatlog__edited-timestamp",
            "chatlog__system-notification-author",
            "chatlog__system-notification-content",
            "chatlog__system-notification-timestamp",
            "chatlog__embed",
            "chatlog__attachment",
            "chatlog__reactions",
            "chatlog__sticker",
            "chatlog__markdown-pre",
            "preamble__entry--small",
        ),
        "silent",
    ),
}
_STRUCK = frozenset(("s", "del", "strike"))  # in a chat, text taken back


def _exporter_role(tag: str, classes: str, chat: bool) -> str | None:
    """What an exporter's element holds, by its classes (a Kindle notebook's, DiscordChatExporter's); in a chat, struck
    text is no text, as its JSON export's is."""
    tokens = classes.split()
    found = [_DCE_CLASSES[t] for t in tokens if t in _DCE_CLASSES] or [
        _KINDLE_CLASSES[t] for t in tokens if t in _KINDLE_CLASSES
    ]
    if "silent" in found:
        return "silent"
    if found:
        return found[0]
    return "silent" if chat and tag in _STRUCK else None


_CAMEL_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _page_furniture(values: dict[str, str]) -> bool:
    """An element the page's layout names as no part of its article (``class="toc"``, ``id="related-posts"``,
    ``epub:type="toc"``): its links and titles are the site's, not the text's."""
    names = f"{values.get('class', '')} {values.get('id', '')} {values.get('epub:type', '')} {values.get('role', '')}"
    words = set(re.split(r"[^a-z]+", _CAMEL_HUMP.sub(" ", names).casefold()))  # `RecommendItem`: recommend, item
    return bool(words & _FURNITURE) or "table-of-contents" in names.casefold() or "doc-toc" in words


def _role(tag: str, values: dict[str, str]) -> str | None:
    """``silent`` for an element whose text is no text (a script, a ruby's reading, what is hidden); ``note`` for a
    link to a footnote or back from it (``<a href="#fn1">``, ``epub:type="noteref"``), whose number is no text."""
    style = values.get("style", "").replace(" ", "").casefold()
    if tag in _NO_TEXT or "hidden" in values or values.get("aria-hidden") == "true" or "display:none" in style:
        return "silent"
    kind = f"{values.get('epub:type', '')} {values.get('role', '')}"
    if (tag == "a" and values.get("href", "").startswith("#")) or "noteref" in kind or "backlink" in kind:
        return "note"
    return None
