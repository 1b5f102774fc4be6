"""jieba's dictionary as its tokenizer reads it, kept compact.

jieba loads its dictionary into a dict of every word and every prefix of one (500,000 keys, 0.7 s and 77 MiB
in every process that segments), and ``jieba.posseg`` another dict of each word's part of speech (59 MiB).
Here both are one marisa trie in the cache folder (``memo.kept_trie``): a few MB, read in milliseconds,
built once per version of jieba from jieba's own parse of its dictionary. ``JiebaWords`` answers the
tokenizer as its dict did, so jieba cuts text exactly as before (tested), a little slower per character;
at the corpus sizes vocab meets, loading was the larger cost.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

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
