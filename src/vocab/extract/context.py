"""The context a learner sees with a gloss: its sentence, the aligned sentence, a link to the moment."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..text import unwrap

# A sentence ends at Chinese end marks, or at an ASCII one followed by a space or line end.
_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』\"]?|\.(?=\s|$)|\n\n")
_MARKDOWN = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|~~|</?[A-Za-z][^<>\n]{0,200}>")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\s]*\)")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds ``[start, end)``, unwrapped, without Markdown marks.

    >>> sentence_around("第一句。我们谈到了 memory(记忆)的增长。最后一句。", 14, 18)
    '我们谈到了 memory(记忆)的增长。'
    """
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    found = _SENTENCE_END.search(text, end)
    right = found.end() if found else len(text)
    return plain_text(text[left:right])


def plain_text(text: str) -> str:
    """Markdown emphasis, tags and link targets removed; hard wraps joined."""
    text = _LINK.sub(r"\1", text)
    text = _MARKDOWN.sub("", text)
    return unwrap(text.strip()).strip()


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
