"""How terms are named and merged: the identity keys every stage, the learner's store and Anki agree on.

A term is its English side, normalised: case-folded, full-width folded (NFKC), hyphens and spaces
dropped, a Greek letter spelled by its name, the last word made singular — so `World Models`, `world model`,
`pre-training`, `pretraining` and `pre training` fall together, and `ε-greedy` with `epsilon-greedy`. Chinese is
compared after NFKC and Traditional → Simplified conversion (OpenCC), so 深度學習 and 深度学习 are one form. The Anki
note GUID is a hash of the English identity only, so a corrected definition updates the note a learner studies.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from .text import ACCENTED_RE, HAN_RE, in_script_of, simplified


@lru_cache(maxsize=262_144)
def en_key(text: str) -> str:
    """The identity of an English term.

    >>> en_key("World Models") == en_key("world model"), en_key("pre-training") == en_key("Pretraining")
    (True, True)
    >>> en_key("LLMs"), en_key("policies"), en_key("physics"), en_key("The Bitter Lesson")
    ('llm', 'policy', 'physics', 'bitterlesson')
    >>> en_key("naïve") == en_key("naive"), en_key("trompe-l'œil")
    (True, "trompel'oeil")
    >>> en_key("ε-prediction"), en_key("ε-greedy") == en_key("epsilon-greedy")
    ('epsilonprediction', True)
    >>> en_key("GPUs"), en_key("APIs"), en_key("status"), en_key("NAS")
    ('gpu', 'api', 'status', 'nas')
    """
    return _key_of(text, drop=_ARTICLE_WORD.match(text) is not None)


def earlier_en_keys(text: str) -> tuple[str, ...]:
    """The identities earlier versions of vocab gave the English ``text`` where they differ from ``en_key``'s: they
    dropped a first `a` even where it is no article (`A-check` was `check`, `A/B test` `btest`), and a Greek letter
    (`ε-prediction` was `prediction`, one term with `prediction`); the notes and cards made under them are the
    term's still (``rank.under_known_identities``).

    >>> en_key("A-check"), earlier_en_keys("A-check"), earlier_en_keys("A check"), en_key("A check")
    ('acheck', ('check',), (), 'check')
    >>> earlier_en_keys("ε-prediction"), earlier_en_keys("GPUs")
    (('prediction',), ('gpus',))
    """
    article = _ARTICLE_WORD.match(text) is not None
    earlier = (
        _key_of(text, drop=True),
        _key_of(text, article, greek=False),
        _key_of(text, drop=True, greek=False),
        _key_of(text, article, plurals=False),
    )
    return tuple(key for key in dict.fromkeys(earlier) if key != en_key(text))


def _key_of(text: str, drop: bool, greek: bool = True, plurals: bool = True) -> str:
    """``greek``: a Greek letter is spelled by its name (ε is `epsilon`), as vocab did not before session 47;
    ``plurals``: an acronym's plural is the acronym (`GPUs`, `APIs`, whose `us` and `is` ``singular`` keeps as in
    `status`), as vocab did not before session 60 (learner's trial 60: `known add GPUs` named no term `GPU`)."""
    if plurals and (plural := _ACRONYM_PLURAL.search(text)):
        text = text[: plural.end(1)]
    folded = unaccented(fold(text)).replace("’", "'")
    if greek:
        folded = _GREEK.sub(lambda m: f" {_greek_name(m[0])} ", folded)
    words = [w for w in re.split(r"[^0-9a-z']+", folded) if w and w != "'"]
    if drop and len(words) > 1 and words[0] in ("the", "a", "an"):  # `The Bitter Lesson` is `bitter lesson`
        words = words[1:]
    if not words:
        return fold(text)
    words[-1] = singular(words[-1].removesuffix("'s"))
    return "".join(words)


_ACRONYM_PLURAL = re.compile(r"(?<![A-Za-z])([A-Z][A-Z0-9]*[A-Z])s\s*$")  # GPUs, APIs, LLMs: capitals, an s, at the end
_GREEK = re.compile("[\u0391-\u03a9\u03b1-\u03c9\u03d1\u03d5\u03f5]")  # α…ω, Α…Ω, and ϑ ϕ ϵ


@lru_cache(maxsize=64)
def _greek_name(letter: str) -> str:
    """`epsilon` for ε or ϵ, `sigma` for ς: the letter's Unicode name, without its case and its glyph's variant."""
    name = unicodedata.name(letter, "").lower().split()
    name = [w for w in name if w not in ("greek", "small", "capital", "letter", "symbol", "lunate", "final")]
    return name[-1] if name else ""


# An article standing as a word of its own (`The Bitter Lesson`), not the letter that begins `A-check` or `A/B test`.
_ARTICLE_WORD = re.compile(r"\s*(?:the|an?)\s", re.IGNORECASE)


def _unaccenting() -> dict[int, str]:
    """Each accented Latin letter (Latin-1 and Latin Extended-A and B) → its letters without accents."""
    table = {ord(k): v for k, v in {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O"}.items()}
    for code in range(0xC0, 0x250):
        base = "".join(c for c in unicodedata.normalize("NFKD", chr(code)) if c.isascii() and c.isalpha())
        if code not in table and chr(code).isalpha() and base:
            table[code] = base
    return table


_UNACCENTING = _unaccenting()


def unaccented(text: str) -> str:
    """Latin letters without their accents (é is e, œ is oe), so that splitting on ASCII letters keeps a word such
    as `naïve` whole. One regex scan replaces the few there are (``str.translate`` reads every character through a
    dict: 2 ms an episode, 2 s across a library's documents in a rebuild)."""
    return text if text.isascii() else ACCENTED_RE.sub(_without_accent, text)


def _without_accent(match: re.Match[str]) -> str:
    return _UNACCENTING.get(ord(match[0]), match[0])


@lru_cache(maxsize=262_144)
def zh_key(text: str) -> str:
    """The identity of a Chinese form: NFKC, Simplified, without spaces (remembered: ranking asks for the form of
    every gloss, and a library's 70,000 glosses have a few thousand forms).

    >>> zh_key("深度學習"), zh_key("KV 缓存")
    ('深度学习', 'kv缓存')
    """
    return re.sub(r"\s+", "", simplified(fold(text)))


def other_chinese(forms: Iterable[str], shown: str | None) -> list[str]:
    """A term's Chinese words ``forms`` but ``shown`` (in any script): its other words, shown beside it in glossaries,
    lists and on cards (归一化 beside 标准化, both `normalization`: new-user report 13), written in the script of
    ``shown`` (learner's trial 61: a Taiwanese teacher's glossaries read `平行運算; 并行计算`).

    >>> other_chinese(["标准化", "归一化", "歸一化"], "標準化"), other_chinese(["平行運算", "并行计算"], "平行運算")
    (['歸一化'], ['並行計算'])
    """
    seen = {zh_key(shown)} if shown else set()
    others = []
    for form in forms:
        if zh_key(form) not in seen:
            seen.add(zh_key(form))
            others.append(in_script_of(form, shown) if shown else form)
    return others


def word_key(word: str) -> tuple[str, str]:
    """(language, key) of a word as the learner's marks store it: a Chinese form, or an English identity.

    >>> word_key("World Models"), word_key("深度學習")
    (('en', 'worldmodel'), ('zh', '深度学习'))
    """
    word = word.strip()
    return ("zh", zh_key(word)) if HAN_RE.search(word) else ("en", en_key(word))


def singular(word: str) -> str:
    """English singular for identity keys only (the display keeps what the text wrote).

    Conservative suffix rules rather than a full inflection library: inflect costs two seconds
    to import, and a key only has to make `models` and `model` equal, never to be a word.

    >>> [singular(w) for w in ("models", "policies", "batches", "analysis", "physics", "llms", "data")]
    ['model', 'policy', 'batch', 'analysis', 'physics', 'llm', 'data']
    """
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is", "ics", "ous")):
        return word if not (word.endswith("s") and word[:-1].isupper()) else word[:-1]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    return word[:-1]


_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,5}s?|[0-9][A-Z][A-Z0-9]{0,4}s?")
_MINOR_WORDS = frozenset("a an the of for from to in on and with by".split())
_ENDINGS = ("ing", "ed", "al", "ism", "e")  # scaling, continued, continual, symbolism, scale: one stem each


def variants(a: str, b: str) -> bool:
    """Two English forms of one concept, as two glosses with the same Chinese reveal them: one is the
    other's acronym (`RL`, `reinforcement learning`), or they differ by an inflection, a shortening
    or a trailing head word (`neural net` / `neural network`, `continual` / `continued learning`).

    >>> variants("RL", "Reinforcement Learning"), variants("LLMs", "large language models")
    (True, True)
    >>> variants("neural net", "neural network"), variants("continual", "continued learning")
    (True, True)
    >>> variants("eval", "evaluation"), variants("scaling", "Scale"), variants("RL", "robot learning system")
    (True, True, False)
    >>> variants("capability", "ability"), variants("memory", "memorization")
    (False, False)
    >>> variants("ETS", "emissions trading"), variants("ET", "emissions trading"), variants("ETSX", "emissions trading")
    (True, True, False)
    >>> variants("tuning", "fine-tuning"), variants("symbolism", "symbolicism"), variants("tuning", "fine tuning")
    (True, True, False)
    >>> variants("hypoglycaemia", "hypoglycemia"), variants("colour grading", "color grading")
    (True, True)

    Or one says with `of` what the other says as a compound (`control of heat` / `heat control`).

    >>> variants("control of heat", "heat control"), variants("rate of return", "return rates")
    (True, True)
    >>> variants("control of heat", "heat"), variants("point of view", "view")
    (False, False)
    """
    if acronym_of(a, b) or acronym_of(b, a) or _headless(a, b) or _headless(b, a) or _same_words(a, b):
        return True
    return _of_compound(a, b) or _of_compound(b, a)


def _of_compound(phrase: str, compound: str) -> bool:
    """``phrase`` is `A of B` and ``compound`` is `B A`, word by word forms of the same words."""
    words = folded_words(phrase)
    if "of" not in words:
        return False
    at = words.index("of")
    head, modifier = words[:at], words[at + 1 :]
    other = folded_words(compound)
    if not head or not modifier or len(other) != len(head) + len(modifier):
        return False
    return all(map(_same_word, modifier + head, other))


def folded_words(text: str) -> list[str]:
    """``text``'s words, folded (``fold``), its punctuation and spaces between them dropped."""
    return [w for w in re.split(r"[^0-9a-z]+", fold(text)) if w]


def _headless(acronym: str, expansion: str) -> bool:
    """``acronym`` of three letters or more spells ``expansion`` and one more word, its head, as a writer leaves out
    (`ETS` for emissions trading, the system's head word unsaid), as ``_same_words`` allows one word more."""
    letters = acronym.strip().removesuffix("s")
    return len(letters) >= 3 and acronym_like(acronym) and acronym_of(letters[:-1], expansion)


def acronym_like(text: str) -> bool:
    """Written as an acronym: two to six capitals or digits after a capital or a digit, maybe a plural s (`RL`, `LLMs`,
    `2PL`)."""
    return _ACRONYM.fullmatch(text.strip()) is not None


def acronym_of(acronym: str, expansion: str) -> bool:
    """``acronym`` spells the initials of ``expansion``'s words, small words counted or not
    (`RLHF`, reinforcement learning from human feedback); a word written in capitals gives all its letters and a
    number its digit (`RAIL`, responsible AI license; `2PL`, two-phase locking).

    >>> acronym_of("RAIL", "responsible AI license"), acronym_of("2PL", "two-phase locking")
    (True, True)
    >>> acronym_of("RAL", "responsible AI license"), acronym_of("TPL", "two-phase locking")
    (True, True)
    >>> acronym_of("XSS", "cross-site scripting"), acronym_of("CSS", "cross-site scripting")
    (True, True)
    """
    letters = acronym.strip()
    if not _ACRONYM.fullmatch(letters) or " " not in expansion.strip():
        return False
    letters = (letters[:-1] if letters.endswith("s") else letters).casefold()
    words = [w for w in re.split(r"[\s\-–—/]+", expansion.strip()) if w]
    every = [_initials(w) for w in words]
    content = [_initials(w) for w in words if fold(w) not in _MINOR_WORDS]
    return _spelled(letters, every) or _spelled(letters, content)


def abbreviates(short: str, expansion: str) -> bool:
    """``short``, one word in any case, spells the starts of ``expansion``'s words, one to three letters of each (small
    words counted or not): `MoE`, mixture of experts; `LoRA`, low-rank adaptation. Asked only where a bracket gives the
    expansion beside it, which says it is an abbreviation; ``acronym_of`` asks more of a word written alone.

    >>> abbreviates("MoE", "Mixture of Experts"), abbreviates("LoRA", "Low-Rank Adaptation"), abbreviates("Moe", "Mo")
    (True, True, False)
    """
    letters = fold(short.strip())
    if " " in short.strip() or not 2 <= len(letters) <= 8 or not letters.isalnum() or " " not in expansion.strip():
        return False
    words = [fold(w) for w in re.split(r"[\s\-–—/]+", expansion.strip()) if w]
    starts = [tuple(w[:k] for k in range(1, min(3, len(w)) + 1)) for w in words]  # `lora`: Lo-w, R-ank, A-daptation
    content = [given for given, w in zip(starts, words, strict=True) if w not in _MINOR_WORDS]
    return _spelled(letters, starts) or _spelled(letters, content)


_DIGITS = {w: str(n) for n, w in enumerate("zero one two three four five six seven eight nine ten".split())}


def _initials(word: str) -> tuple[str, ...]:
    """What a word of an expansion gives its acronym: its first letter; all its letters where it is written in
    capitals itself (`AI`); a number's digit (`two`)."""
    folded = fold(word)
    given = {folded[0]}
    if len(word) > 1 and word.isupper():
        given.add(folded)
    if folded in _DIGITS:
        given.add(_DIGITS[folded])
    if folded.startswith(_SAID_X):
        given.add("x")  # `XSS`, cross-site scripting; `XFMR`, transformer: English writes these syllables X
    return tuple(sorted(given))


_SAID_X = ("cross", "trans", "ex")


def _spelled(letters: str, initials: list[tuple[str, ...]]) -> bool:
    """``letters`` is one choice of each word's ``initials`` after another."""
    if not initials:
        return not letters
    return any(letters.startswith(given) and _spelled(letters[len(given) :], initials[1:]) for given in initials[0])


def _same_words(a: str, b: str) -> bool:
    """Word by word forms of one word, the longer allowed one more word at the end (its head)."""
    short, long = sorted(map(folded_words, (a, b)), key=len)
    if not short or len(long) - len(short) > 1:
        return False
    if all(_same_word(x, y) for x, y in zip(short, long, strict=False)):
        return True
    # or one more word before, where it is written joined to the word (`tuning`, `fine-tuning`)
    return len(long) > len(short) and "-" in max(a, b, key=len) and all(map(_same_word, short, long[1:]))


def _same_word(x: str, y: str) -> bool:
    """One word's forms: the same stem (scale, scaling; continual, continued), or one a shortening of
    the other (net, network; eval, evaluation), British or American spelling alike (hypoglycaemia, hypoglycemia)."""
    x, y = _stem(_american(x)), _stem(_american(y))
    return x == y or (min(len(x), len(y)) >= 3 and (y.startswith(x) or x.startswith(y)))


def _american(word: str) -> str:
    """``word`` in American spelling, for comparing forms only: British -ae-, -our, -ise, -yse, -tre, -ll-, -logue.

    >>> [_american(w) for w in ("anaemia", "colours", "normalisation", "analyse", "centre", "modelling", "catalogue")]
    ['anemia', 'colors', 'normalization', 'analyze', 'center', 'modeling', 'catalog']
    """
    for british, american in _BRITISH_SPELLINGS:
        word = british.sub(american, word)
    return word


_BRITISH_SPELLINGS = (
    (re.compile(r"(?<=[a-z])[ao]e(?=[a-z])"), "e"),  # anaemia, haemoglobin, oedema, foetus
    (re.compile(r"(?<=[a-z])our(?=s?$|ed$|ing$|ite)"), "or"),  # colour, behaviours, flavoured, favourite
    (re.compile(r"(?<=[a-z]{2})is(?=e[sd]?$|ing$|ation)"), "iz"),  # optimise, normalised, normalisation
    (re.compile(r"(?<=[a-z])ys(?=e[sd]?$|ing$)"), "yz"),  # analyse, paralysed
    (re.compile(r"(?<=[a-z]{2})tre(?=s?$)"), "ter"),  # centre, litres
    (re.compile(r"(?<=[a-z])ll(?=ed$|ing$|ers?$)"), "l"),  # modelling, travelled, labellers
    (re.compile(r"(?<=[a-z])logue(?=s?$)"), "log"),  # catalogue, dialogues
)


def _stem(word: str) -> str:
    """The word without one inflectional or adjective ending, for comparing forms only (never shown)."""
    word = singular(word)
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=65_536)  # a build asks for each term's several times (deck, clips, sidecar)
def note_guid(key: str) -> str:
    """The Anki note GUID of the term whose identity is ``key``: the same on every export."""
    import genanki

    return str(genanki.guid_for("vocab", key))


def as_shown(chinese: str) -> str:
    """``chinese`` as a learner reads it: NFKC's compatibility forms folded (full-width letters and digits, `ＡＩ`),
    but not Chinese punctuation, which NFKC makes ASCII (`心態崩掉，越輸越急` is no `心態崩掉,越輸越急`).

    >>> as_shown("ＡＩ，好（对）")
    'AI，好（对）'
    """
    if _CHINESE_MARKS.isdisjoint(chinese):  # most terms: one call, as before
        return unicodedata.normalize("NFKC", chinese)
    return "".join(c if c in _CHINESE_MARKS else unicodedata.normalize("NFKC", c) for c in chinese)


_CHINESE_MARKS = frozenset("，。：；！？（）～")  # the full-width marks NFKC turns into ASCII ones


def fold(text: str) -> str:
    """NFKC, case-folded, stripped: full-width letters and case stop mattering."""
    return unicodedata.normalize("NFKC", text).casefold().strip()
