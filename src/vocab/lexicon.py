"""Word lists kept compact: jieba's dictionary, and the phrase readings pypinyin reads terms with.

jieba loads its dictionary into a dict of every word and every prefix of one (500,000 keys, 0.7 s and 77 MiB
in every process that segments), and ``jieba.posseg`` another dict of each word's part of speech (59 MiB).
Here both are one marisa trie in the cache folder (``memo.kept_trie``): a few MB, read in milliseconds,
built once per version of jieba from jieba's own parse of its dictionary. ``JiebaWords`` answers the
tokenizer as its dict did, so jieba cuts text exactly as before (tested), a little slower per character;
at the corpus sizes vocab meets, loading was the larger cost.

pypinyin's phrases and CC-CEDICT's (0.8 s and 120 MiB in full) are a trie too, and pypinyin is given only
the phrases the text it reads can meet (``pypinyin_for``), which reads it exactly as all of them would (tested).
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .memo import KeptTable

_TOTAL = "\uffff"  # the sum of every word's frequency (jieba's ``total``), under a noncharacter: no text's word


class JiebaWords:
    """``jieba.Tokenizer.FREQ`` over a trie: a word gives its frequency, a prefix of one 0, anything else is
    absent. Words a tokenizer adds (``add_word``) go into a small dict of their own, read first."""

    __slots__ = ("_trie", "_added", "total")

    def __init__(self, trie: Any) -> None:
        self._trie = trie
        self._added: dict[str, int] = {}
        self.total: int = trie[_TOTAL][0][0]

    def with_own_words(self) -> JiebaWords:
        """The same dictionary, for a tokenizer that adds words of its own (the default one stays as it is)."""
        return JiebaWords(self._trie)

    def __contains__(self, key: object) -> bool:
        return key in self._added or key in self._trie

    def __getitem__(self, key: str) -> int:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def get(self, key: str, default: int | None = None) -> int | None:
        if self._added:
            added = self._added.get(key)
            if added is not None:
                return added
        found = self._trie.get(key)
        return found[0][0] if found else default

    def __setitem__(self, key: str, frequency: int) -> None:
        self._added[key] = frequency

    def frequency(self, word: str) -> int:
        """How often jieba's dictionary has ``word`` (0 for a word it does not know)."""
        return self.get(word) or 0

    def tag(self, word: str) -> str:
        """jieba's part of speech of ``word`` (`谈论` vn, `模型` n), empty for a word it does not know."""
        found = self._trie.get(word)
        return found[0][1].rstrip(b"\0").decode() if found else ""


@lru_cache(maxsize=1)
def jieba_words() -> JiebaWords:
    """jieba's default dictionary with each word's part of speech, from the cache folder (built on first use,
    in about 2 s)."""
    import marisa_trie

    from .memo import kept_trie

    def built() -> Any:
        import jieba

        frequencies, total = jieba.Tokenizer.gen_pfdict(jieba.get_dict_file())
        tags = {}
        with jieba.get_dict_file() as lines:  # word, frequency and tag, as jieba.posseg reads them
            for line in lines:
                parts = line.decode("utf-8").split()
                if len(parts) == 3:
                    tags[parts[0]] = parts[2].encode()
        records = [(key, (frequency, tags.get(key, b""))) for key, frequency in frequencies.items()]
        return marisa_trie.RecordTrie(_FORMAT, [*records, (_TOTAL, (total, b""))])

    return JiebaWords(kept_trie("jieba-words", "jieba", built, lambda: marisa_trie.RecordTrie(_FORMAT)))


_FORMAT = "<I4s"  # frequency, part of speech (jieba's longest is four letters: nrfg)


# pypinyin reads a phrase it knows as one (视频数据 is shì pín shù jù, not 视/频数/据). Its own 130,000 phrases and
# CC-CEDICT's (pypinyin-dict) take 0.8 s and 120 MiB to load in full; a term needs the few its characters make.
_PINYIN_ENV = {"PYPINYIN_NO_PHRASES": "1", "PYPINYIN_NO_DICT_COPY": "1"}  # pypinyin's own switches
_HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_pieces_seen: dict[str, bool] = {}  # a piece of text read before → whether some phrase starts with it


@lru_cache(maxsize=1)
def phrase_readings() -> KeptTable:
    """pypinyin's phrase readings with CC-CEDICT's over them, as pypinyin has them after
    ``pypinyin_dict.phrase_pinyin_data.cc_cedict.load()``: phrase → each character's readings, comma-separated."""
    from .memo import kept_table

    def merged() -> dict[str, tuple[str, ...]]:
        from pypinyin.phrases_dict import phrases_dict
        from pypinyin_dict.phrase_pinyin_data.cc_cedict import phrases_dict as cc_cedict

        return {phrase: tuple(map(",".join, readings)) for phrase, readings in {**phrases_dict, **cc_cedict}.items()}

    return kept_table("pinyin-phrases", ("pypinyin", "pypinyin-dict"), merged)


def pypinyin_for(text: str) -> Any:
    """pypinyin, told the phrase readings that reading ``text`` can meet: every phrase inside ``text``, and for
    every piece of it that begins some phrase, one such phrase. pypinyin's cut of a text asks only about pieces
    of it (is this a phrase, does a phrase begin so), so it reads ``text`` exactly as with every phrase loaded."""
    for switch, value in _PINYIN_ENV.items():
        os.environ.setdefault(switch, value)
    import pypinyin
    from pypinyin.constants import PHRASES_DICT
    from pypinyin.seg.mmseg import seg

    table = phrase_readings()
    new = {}
    for run in _HAN_RUN.findall(text):
        for start in range(len(run)):
            for end in range(start + 1, len(run) + 1):
                piece = run[start:end]
                begins = _pieces_seen.get(piece)
                if begins is None:
                    phrase = table.first_with_prefix(piece)
                    begins = _pieces_seen[piece] = phrase is not None
                    if phrase is not None:
                        new[phrase] = [reading.split(",") for reading in table.get(phrase)]
                if not begins:
                    break
    if not PHRASES_DICT and not new:  # pypinyin cuts nothing while it knows no phrase at all
        phrase = next(iter(table))
        new[phrase] = [reading.split(",") for reading in table.get(phrase)]
    new = {phrase: readings for phrase, readings in new.items() if PHRASES_DICT.get(phrase) != readings}
    if new:
        PHRASES_DICT.update(new)
        seg.train(iter(new))
    return pypinyin


def phrases_beginning(char: str) -> list[tuple[str, list[list[str]]]]:
    """Every phrase of ``phrase_readings`` that begins with ``char``, with its readings."""
    table = phrase_readings()
    return [(p, [r.split(",") for r in table.get(p)]) for p in table.keys_with_prefix(char)]
