"""Script-level helpers shared by readers and extraction: which letters are Chinese, which
language a line is in, how to unwrap a hard line break."""

from __future__ import annotations

import functools
import logging
import re

from .models import Lang

# Han ideographs: the basic block, extension A and the compatibility block.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{HAN}]")
LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")

# One Han character carries about as much as three Latin letters (an English word averages
# five letters, a Chinese word under two characters), so letters are weighed accordingly.
_HAN_WEIGHT = 3.0
_ZH_SHARE = 0.65  # at or above: Chinese, even with English terms and names inside
_EN_SHARE = 0.2  # at or below: English, even with a Chinese gloss inside
_ZH_PUNCTUATION = re.compile(f"[，。？！；：、]|[{HAN}][,.?!;:]")
_CLOSERS = " \t\"'”’」』)）*_"


def han_share(text: str) -> float | None:
    """The weighted share of Chinese in ``text``'s letters, or None when it has no letters.

    >>> han_share("deep learning")
    0.0
    >>> han_share("深度学习")
    1.0
    """
    han = len(HAN_RE.findall(text)) * _HAN_WEIGHT
    latin = len(LATIN_RE.findall(text))
    if not han and not latin:
        return None
    return han / (han + latin)


def classify_lang(text: str) -> Lang:
    """Judge the language of a line or paragraph from its letters and punctuation.

    Where neither script clearly outweighs the other, the layout decides: an English block
    then a Chinese block (or the reverse) with no sentence end is a bilingual heading; Chinese
    sentence marks (or ASCII ones right after a Chinese character, as 004 writes them) make
    a Chinese sentence with English terms in it; a full stop after English makes English.

    >>> [classify_lang(text).value for text in ("We talked about world models.", "我们谈到了 world models(世界模型)。")]
    ['en', 'zh']
    >>> [classify_lang(text).value for text in ("那 quantization(量化)呢?", "Social anxiety 社交焦虑")]
    ['zh', 'mixed']
    >>> [classify_lang(text).value for text in ("What I would do differently 如果重来，我会怎么做", "欢迎回到 AI。")]
    ['mixed', 'zh']
    >>> [classify_lang(text).value for text in ("![](https://x/1.png)", "。")]
    ['en', 'none']
    """
    share = han_share(text)
    if share is None:
        return Lang.NONE
    if share >= _ZH_SHARE:
        return Lang.ZH
    if share <= _EN_SHARE:
        return Lang.EN
    tail = text.rstrip(_CLOSERS)[-2:]
    if _is_two_blocks(text) and tail[-1:] not in tuple(".?!。？！…"):
        return Lang.MIXED
    if _ZH_PUNCTUATION.search(text):
        return Lang.ZH
    if len(tail) == 2 and tail[1] in ".?!" and LATIN_RE.match(tail[0]):
        return Lang.EN
    return Lang.MIXED


def _is_two_blocks(text: str) -> bool:
    """All the English letters stand on one side of all the Chinese characters."""
    scripts = "".join("H" if HAN_RE.match(ch) else "L" for ch in text if HAN_RE.match(ch) or LATIN_RE.match(ch))
    return re.fullmatch(r"L+H+|H+L+", scripts) is not None


def dominant_lang(text: str) -> Lang:
    """EN or ZH, whichever weighs more; NONE without letters. Used to pair parallel lines."""
    share = han_share(text)
    if share is None:
        return Lang.NONE
    return Lang.ZH if share >= 0.5 else Lang.EN


def unwrap(text: str) -> str:
    """Join hard-wrapped lines: no space between Chinese characters, one space between words.

    >>> unwrap("嘉宾是Dan\\nRoberts，他曾是")
    '嘉宾是Dan Roberts，他曾是'
    >>> unwrap("规模定律并非来自架构本\\n。")
    '规模定律并非来自架构本。'
    """
    parts = text.split("\n")
    out = parts[0]
    for part in parts[1:]:
        space = bool(out and part) and _needs_space(out[-1], part[0])
        out += (" " if space else "") + part
    return out


def _needs_space(left: str, right: str) -> bool:
    """A wrap between two ASCII characters, one of them a letter or digit, was a space."""
    return left.isascii() and right.isascii() and (left.isalnum() or right.isalnum())


@functools.lru_cache(maxsize=65_536)
def to_pinyin(chinese: str | None) -> str:
    """Pinyin with tone marks, one syllable per character; other characters kept as they are.

    >>> to_pinyin("世界模型"), to_pinyin("KV 缓存"), to_pinyin("视频数据"), to_pinyin(None)
    ('shì jiè mó xíng', 'KV huǎn cún', 'shì pín shù jù', '')
    """
    if not chinese:
        return ""
    from pypinyin import Style, lazy_pinyin

    _load_phrase_readings()
    return " ".join(" ".join(lazy_pinyin(chinese, style=Style.TONE)).split())


@functools.lru_cache(maxsize=1)
def _load_phrase_readings() -> None:
    """Add CC-CEDICT's phrase readings to pypinyin's (pypinyin-dict, 0.4 s once): without them pypinyin
    reads 视频数据 as 视/频数/据 (shì pín shuò jù) and 重排序 as zhòng pái xù."""
    from pypinyin_dict.phrase_pinyin_data import cc_cedict

    cc_cedict.load()


def format_time(seconds: float | None) -> str:
    """``mm:ss``, or ``h:mm:ss`` past the hour; empty for no time.

    >>> format_time(3723.0), format_time(28), format_time(None)
    ('1:02:03', '00:28', '')
    """
    if seconds is None:
        return ""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


@functools.lru_cache(maxsize=1)
def load_jieba():  # type: ignore[no-untyped-def]
    """jieba, imported on first use and kept quiet: the one place it is set up (extraction's
    tokenizer, the ranking's term tokenizer and wordfreq's Chinese tokenizer all come through here)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def plural(count: int, noun: str) -> str:
    """``1 term``, ``2 terms``.

    >>> plural(1, "term"), plural(0, "note")
    ('1 term', '0 notes')
    """
    return f"{count} {noun}" + ("" if count == 1 else "s")


def slugify(text: str, limit: int = 80) -> str:
    """A safe file-name slug: lowercase ASCII letters, digits and hyphens, Chinese as pinyin.

    >>> slugify("Ep 12: Tomás Ruiz on World Models"), slugify("AI 进展加速：计算"), slugify("？？")
    ('ep-12-tomas-ruiz-on-world-models', 'ai-jin-zhan-jia-su-ji-suan', 'untitled')
    """
    import unicodedata

    if HAN_RE.search(text):
        from pypinyin import Style, lazy_pinyin

        text = " ".join(lazy_pinyin(text, style=Style.NORMAL))
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "untitled"
