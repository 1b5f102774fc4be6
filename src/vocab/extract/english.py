"""The English side of a gloss: how much Chinese an English term needs, and where it begins.

Both sides of a gloss are bounded by the other one, so the Chinese edges (``boundaries``) need
to know how long a translation of the English should be, and the English edges how much of an
English run the Chinese covers. This module answers the English questions on plain strings; it
knows nothing of jieba, brackets or ``Run``, and ``boundaries`` builds on it, never the reverse.

- ``chinese_words_for`` is the one estimate of how many Chinese words an English term needs:
  term edges take its usual count, telling a translation from an explanation its generous one.
- ``english_term`` cuts an English run before a bracket to its term: leading articles and
  prepositions go; inside an English sentence the term also ends at pronouns, verbs of saying
  and doing, and -ly adverbs, and is cut to about one word per two Chinese characters.
- ``is_latin_term_char`` says which characters an English run (or English glued to Chinese)
  is made of.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from ..text import ACCENTED_RE, HAN_RE, NUMBER_WORDS, numbers_said, simplified

EN_STOP_WORDS = frozenset(
    """a an the and or but nor of to in on at by for with from as into onto via than then so
    is are was were be been being am do does did has have had it its this that these those
    we you they he she i me us them our your their his her my who which what when where
    called named termed known like about also just very really every each any
    before after until unless since if once although though""".split()
) | {  # a pronoun and its verb run together: `it's hot-swap (热插拔)`
    form.replace("'", mark)
    for form in "it's that's there's here's what's who's he's she's i'm we're you're they're let's".split()
    for mark in "'’"
}
# Connectors inside an English term (`mixture of experts`, `research and development`).
EN_CONNECTORS = frozenset("of and for".split())
# General-purpose modifiers: an English term keeps one only when its gloss translates it.
EN_MODIFIERS = frozenset(
    """new newer newest old older small smaller large larger big bigger little good better best bad worse
    smart smarter fast faster slow slower simple simpler basic main major minor first last next previous
    current latest modern classic real whole entire full huge tiny extra additional various several many
    few more most less other same different certain specific particular general overall typical usual
    common""".split()
)
EN_PRONOUNS = frozenset("i we you he she it they me us him them".split())
_SUBJECTS = frozenset("i we you he she they".split())  # pronouns a verb follows (not `it`: `call it X`)
# Adverbs between a subject and its verb: `we also use X`, `they often apply X`
_ADVERBS_AFTER_SUBJECT = frozenset("also often just usually always still then now really mostly mainly first".split())
# A negation before a term is the sentence's, not the term's, unless the Chinese says one too
# (`non-binding（不具约束力的）`).
_NEGATIONS = frozenset("not no never isn't aren't wasn't weren't don't doesn't didn't won't can't cannot".split())
_NEGATED_ZH = re.compile("[不非未无無没沒否]")
EN_DETERMINERS = frozenset("the a an this that these those our your their its his her my".split())
# Words that start a clause rather than a term, when an English sentence runs up to a gloss: verbs, verbs of saying,
# and determiners that count (`every sol`).
EN_CLAUSE_WORDS = frozenset(
    """say says said tell tells told apply applies applied call calls do does did doing done make makes
    made get gets got go goes went see sees saw know knows think thinks thought want wants need needs
    try tries tried through versus vs without within between because while whether so-called let lets
    can could will would should may might must used using uses found finds took gave kept started showed
    mention mentions mentioned discuss discusses discussed explain explains explained describe describes described
    every each another""".split()
)
LONG_WORD = 8  # letters; such a word usually needs two Chinese words (`reranker` ↔ 重排序模型)

# Words that need no Chinese word of their own: articles and prepositions, or (generous count) only articles and `of`.
_FUNCTION_WORDS = frozenset("a an the of on in to for and with by at".split())
_ARTICLES = frozenset("a an the of".split())
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]*[A-Z][a-z]?s?$")
_CAMEL_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


@lru_cache(maxsize=65_536)
def chinese_words_for(en: str, *, generous: bool = False) -> int:
    """How many Chinese words the English term ``en`` needs.

    The usual count, for term edges: one per content word or CamelCase part, one per capital of
    an acronym, one per part of three letters or more of a hyphenated compound; articles and
    prepositions count nothing. It is how long a term needs to be, so it errs short.

    ``generous`` is the most a translation is likely to need, for telling a translation from an
    explanation, so it errs long: a long word (compounds such as `reranker`, `autoscaler`) counts
    two, every part between hyphens or slashes counts as a word of its own, and only articles
    and `of` count nothing.

    >>> chinese_words_for("the Bitter Lesson"), chinese_words_for("CRI"), chinese_words_for("on-device recognition")
    (2, 3, 2)
    >>> chinese_words_for("retrieval-augmented generation"), chinese_words_for("e-stop"), chinese_words_for("CC-CV")
    (3, 1, 4)
    >>> [chinese_words_for(en, generous=True) for en in ("the Bitter Lesson", "RLHF", "HorizontalPodAutoscaler")]
    [2, 4, 5]

    Names set apart by a spaced slash are one term's alternatives, each said alone: `jump / balestra` needs what
    its longer name needs.

    >>> chinese_words_for("jump / balestra"), chinese_words_for("underarm protector / plastron")
    (1, 2)
    """
    alternatives = [alternative for alternative in en.split(" / ") if alternative.strip()]
    if not generous and len(alternatives) > 1:
        return max(map(chinese_words_for, alternatives))
    count = 0
    for word in en.split():
        parts = word.split("-")
        if generous:
            pieces = [piece for piece in _pieces(parts) if piece.casefold() not in _ARTICLES]
            count += sum(_word_units(piece, long_words=True) for piece in pieces)
        elif word.casefold() in _FUNCTION_WORDS:
            continue
        elif len(parts) == 1:
            count += _word_units(word, long_words=False)
        else:  # `retrieval-augmented` is two words, `e-stop` and `on-device` one, `TNF-α inhibitors` four
            count += max(sum(_hyphen_part_units(part) for part in parts), 1)
    return max(count, 1)


def _hyphen_part_units(part: str) -> int:
    """Chinese words for one part of a hyphenated word: an acronym one per capital (`TNF` of `TNF-α`), a word of three
    letters or more one, a shorter word or a function word none (`e` of `e-stop`, `on` of `on-device`)."""
    if _ACRONYM.match(part):
        return _word_units(part, long_words=False)
    return 1 if len(part) >= 3 and part.casefold() not in _FUNCTION_WORDS else 0


def _pieces(parts: list[str]) -> list[str]:
    """The non-empty pieces of a word's hyphen parts, split again at slashes (`I/O`, `TCP/IP`), as written.

    >>> _pieces("I/O-bound".split("-"))
    ['I', 'O', 'bound']
    """
    return [piece for part in parts for piece in part.split("/") if piece]


def _word_units(word: str, long_words: bool) -> int:
    """Chinese words for one English word: an acronym one per capital, else one per CamelCase part
    (a word with none counts one), and two for a part of ``LONG_WORD`` letters when ``long_words``.

    >>> _word_units("RLHF", False), _word_units("HorizontalPodAutoscaler", False), _word_units("reranker", True)
    (4, 3, 2)
    """
    if _ACRONYM.match(word):
        return sum(ch.isupper() for ch in word)
    return sum(2 if long_words and len(part) >= LONG_WORD else 1 for part in _CAMEL_PART.findall(word) or [word])


def is_latin_term_char(text: str, i: int) -> bool:
    """``text[i]`` can be part of an English term: a letter (accented ones too: `trompe-l'œil`, `naïve`) or
    digit, a space after one, or a mark inside a word (`RL's`, `GPT-4.5`, `C++`, `I/O`, `pass@1`)."""
    ch = text[i]
    if latin_letter_or_digit(ch):
        return True
    if ch in "'’.+#&_-–/@":  # an en dash joins two names (`Merkle–Damgård`, `Bellman–Ford`) as a hyphen does
        # Inside a word only: `RL's`, `GPT-4.5`, `C++`, `I/O`, `pass@1`; a full stop before a space ends a sentence.
        right = text[i + 1] if i + 1 < len(text) else ""
        left = text[i - 1] if i > 0 else ""
        if ch in "+#":
            return latin_letter_or_digit(left) or left in "+#"
        if ch == "&" and left == right == " ":  # between two words, as `and` is: `Wide & Deep`, `Q & A`
            before, after = text[i - 2 : i - 1] or " ", text[i + 2 : i + 3] or " "
            return latin_letter_or_digit(before) and latin_letter_or_digit(after)
        if ch == "." and right == " " and _ABBREVIATION.search(text, max(0, i - 8), i + 1):
            return True  # `Ph.D. student`, `10 a.m. policy`: the stop of an abbreviation inside the term
        if ch in "'’" and left in "sS" and right == " " and text[i - 2 : i - 1].isalpha():
            return text[i + 2 : i + 3].isalpha()  # a plural's or a name's possessive: `Fleiss' kappa`, `users' data`
        return latin_letter_or_digit(left) and latin_letter_or_digit(right)
    if ch == ":":  # a ratio's (`C:N ratio`, `16:9 display`), not a label's (`Note:`) nor code's (`std::map`)
        return _ratio_colon(text, i)
    if ch == "×":  # a size between digits: `1×1 convolution`, `3×3 卷积`
        return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()
    return ch == " " and i > 0 and text[i - 1] not in " \n"


def _ratio_colon(text: str, i: int) -> bool:
    """The colon at ``i`` stands between two words of one to three ASCII letters or digits."""
    left, right = i, i + 1
    while left > 0 and text[left - 1].isascii() and text[left - 1].isalnum():
        left -= 1
    while right < len(text) and text[right].isascii() and text[right].isalnum():
        right += 1
    return 1 <= i - left <= _RATIO_SIDE and 1 <= right - i - 1 <= _RATIO_SIDE


_RATIO_SIDE = 3  # characters on each side of a ratio's colon


# Letters with a stop after each, inside a term (`U.S.`, `a.m.`, `Ph.D.`); not `e.g.` or `i.e.`, which begin examples.
_ABBREVIATION = re.compile(r"(?<![A-Za-z.])(?!e\.g\.|i\.e\.)[A-Za-z]{1,2}\.(?:[A-Za-z]\.)+$")


def latin_letter_or_digit(ch: str) -> bool:
    """An ASCII letter or digit, or a letter of the Latin-1 and Latin Extended blocks (é, ö, œ, ß)."""
    return (ch.isascii() and ch.isalnum()) or ACCENTED_RE.fullmatch(ch) is not None


def english_term(text: str, zh: str, english_context: bool) -> str | None:
    """The English term at the end of the run ``text`` that ``zh`` translates.

    Words are taken from the right while they can belong to a noun phrase: a verb of saying or
    using, a pronoun, an article or an adverb ends it (`We apply knowledge distillation` gives
    `knowledge distillation`). In a Chinese sentence the run is already bounded by Chinese; in
    an English one it is also cut to about one content word per two Chinese characters.
    """
    words = text.split()
    if idiom := _idiom_said(words, zh):
        return idiom
    # `30-day retention(留存率)`: a number the Chinese does not carry; `1000-hour fuels(千小时燃料)` it does
    while len(words) > 1 and _number_unsaid(words[0], zh):
        words = words[1:]
    if not english_context:
        return _term_in_chinese_sentence(words, zh)
    kept = _noun_phrase_from_right(words, zh)
    # A leading general-purpose modifier whose dictionary translations are all missing from the
    # Chinese is not covered by the gloss: `new ML compiler(机器学习编译器)`, `a small ablation(消融实验)`.
    while len(kept) > 1 and kept[-1].casefold() in EN_MODIFIERS and _untranslated(kept[-1], zh):
        kept.pop()
    while kept and kept[-1].casefold() in EN_CONNECTORS:  # `of experts` never starts a term
        kept.pop()
    return " ".join(reversed(kept)) or None


def _idiom_said(words: list[str], zh: str) -> str | None:
    """The run's last two to four words where they open with a stop word and the dictionary gives the Chinese as
    that phrase: `on time（准点）`, `at least（至少）` — an idiom, which no rule of noun phrases keeps whole."""
    from .dictionary import has_sense

    chinese = simplified(zh)  # the dictionary's headwords are Simplified: 從零開始
    for k in (4, 3, 2):
        tail = words[-k:]
        if len(tail) == k and tail[0].casefold() in EN_STOP_WORDS and has_sense(chinese, " ".join(tail), verb=True):
            return " ".join(tail)
    return None


# Prepositions that take a determiner inside a term or an idiom: `state of the art`, `beat around the bush`.
_PREPOSITIONS = frozenset(
    "to around without with in on at under over into from by behind beyond across against off".split()
)


# A verb that links a subject to what it is (`The team was scrappy(…)`): no term runs across it.
_LINKING_VERBS = frozenset(
    "am is are was were become becomes became remain remains remained stay stays stayed seem seems seemed".split()
)


def _term_in_chinese_sentence(words: list[str], zh: str) -> str | None:
    """A quoted English clause inside Chinese (`we call it the data flywheel(数据飞轮)`): the
    term starts after a pronoun or a linking verb (`the team was scrappy`; not `to` one: `jobs to be done`), or after a
    determiner that no connector or preposition introduces (`state of the art`, `beat around the bush` keep theirs),
    and never with a stop word. A determiner after a verb is the idiom's own where the Chinese is long enough for
    every content word of the run (one per two characters, as ``_noun_phrase_from_right`` counts): `capture the
    flag(夺旗赛)`, not `sell the outcome(结果)`.

    >>> _term_in_chinese_sentence("we call it the data flywheel".split(), "数据飞轮")
    'data flywheel'
    >>> _term_in_chinese_sentence("capture the flag".split(), "夺旗赛"), _term_in_chinese_sentence(["the"], "")
    ('capture the flag', None)
    >>> _term_in_chinese_sentence("The team was scrappy".split(), "资源有限但执行力很强")
    'scrappy'
    >>> _term_in_chinese_sentence("stay and play".split(), "在现场把伤情稳定住再送医院")
    'stay and play'
    """
    crowded = sum(w.casefold() not in EN_STOP_WORDS for w in words) > math.ceil(len(HAN_RE.findall(zh)) / 2)
    for k in range(len(words) - 1, 0, -1):
        before = words[k - 1].casefold()
        if (
            before in EN_PRONOUNS
            or (before in _LINKING_VERBS and words[k - 2 : k - 1] != ["to"] and words[k].casefold() not in _AND_OR)
            or (
                crowded
                and before in EN_DETERMINERS
                and k >= 2
                and words[k - 2].casefold() not in EN_CONNECTORS | _PREPOSITIONS
            )
        ):
            words = words[k:]
            if before in _SUBJECTS and len(words) > 1 and words[0].islower() and not _said_in(words[0], zh):
                words = words[1:]  # `we use RL（强化学习）`: a subject's verb, then what it does it to
            break
    while words and (
        (_stop_before_term(words) and not _said_in(words[0], zh) and not _ACRONYM.match(words[0]))
        or _unsaid_negation(words[0].casefold(), zh)
    ):
        words = words[1:]
    return " ".join(words) or None


_AND_OR = frozenset(("and", "or", "&", "n"))  # `stay and play`: a conjunct, no linking verb before its complement


def _stop_before_term(words: list[str]) -> bool:
    """The first of ``words`` is a stop word, which no term begins with; a word that names only before `as` (`known
    as`, `termed as`) begins a term elsewhere (`known good die`, `named entity recognition`)."""
    first = words[0].casefold()
    if first in _NAMING_BEFORE_AS:
        return len(words) > 1 and words[1].casefold() == "as"
    return first in EN_STOP_WORDS


_NAMING_BEFORE_AS = frozenset("known named termed".split())


def _unsaid_negation(folded: str, zh: str) -> bool:
    """``folded`` negates, and the Chinese says no negation: the sentence's `not`, which no term begins with."""
    return folded.replace("’", "'") in _NEGATIONS and not _NEGATED_ZH.search(zh)


def _said_in(word: str, zh: str) -> bool:
    """A stop word that is a content word here: the Chinese translates it (`just transition（公正转型）`)."""
    folded = word.casefold()
    return len(folded) >= 4 and folded not in EN_DETERMINERS | EN_PRONOUNS | EN_CONNECTORS and _translated(word, zh)


def _noun_phrase_from_right(words: list[str], zh: str) -> list[str]:
    """Words of an English sentence taken from the right (so in reverse order) while they can
    belong to the noun phrase ``zh`` translates: up to one content word per two Chinese
    characters, no stop or clause word, and no number the Chinese lacks (`p99 TTFT(…)`).

    >>> _noun_phrase_from_right("We apply knowledge distillation".split(), "知识蒸馏")
    ['distillation', 'knowledge']
    """
    limit = max(1, math.ceil(len(HAN_RE.findall(zh)) / 2))
    numbers = bool(re.search(r"\d", zh))
    kept: list[str] = []
    content = 0
    for at in range(len(words) - 1, -1, -1):
        word = words[at]
        folded = word.casefold()
        if folded in EN_CONNECTORS:
            kept.append(word)
            continue
        if kept and kept[-1].casefold() == "and" and not _conjunct_said(word, kept, zh):
            break  # `oxide and nitride(氮化物)`: the Chinese names one of the two
        stop = folded in EN_STOP_WORDS and not _ACRONYM.match(word)  # `WHO`, `IT`: an acronym, no pronoun
        kept_as_is = len(folded) > 1 and folded in zh.casefold()  # `mRNA vaccine(mRNA疫苗)`: the Chinese keeps it
        said = kept_as_is or _translated(word, zh) or NUMBER_WORDS.get(folded) in numbers_said(zh)  # `sixth`: 六等
        adverb_said = said and _is_adverb(folded)  # `early stopping（早停）`: the term's word
        if stop or (_is_clause_word(folded) and not adverb_said) or (content >= limit and not said):
            # `we cover RL（强化学习）`: a subject's verb, then what it does it to; so `We also use paged attention`
            subject = folded in _SUBJECTS or (
                folded in _ADVERBS_AFTER_SUBJECT and at and words[at - 1].casefold() in _SUBJECTS
            )
            if subject and len(kept) > 1 and kept[-1].islower() and not _said_in(kept[-1], zh):
                kept.pop()
            break  # past the length guess only a word the Chinese translates: `the code distance (码距)`
        if len(kept) >= 2 and all(w[:1].isupper() for w in kept) and word.isalpha() and word.islower():
            break  # `its founder Jack Ma (马云)`: a name, capitalised, takes no lower-case word before it
        if kept and folded in _NAMING_NOUNS and not said:
            break  # `the rather official name ancient-book digitization (古籍数字化)`: what the term is called
        if _unsaid_negation(folded, zh):
            break  # `a tumour that is not malignant(恶性的)`
        if kept and word.isalpha() and word.islower() and _untranslated(word, zh) and _accounted(kept, zh):
            break  # `print defibrillator(除颤器)`, `signs read AED(…)`: the Chinese says what is kept, not this word
        if kept and not numbers and _number_unsaid(word, zh):  # `p99 TTFT(…)`: the Chinese has no number
            break
        kept.append(word)
        content += 1
    return kept


_NAMING_NOUNS = frozenset("name term word phrase expression label".split())  # before a term: what it is called


def _accounted(kept: list[str], zh: str) -> bool:
    """The words kept say all that ``zh`` says: they are an acronym (`AED`), or their dictionary translations
    leave no Chinese of it unsaid (`defibrillator`: 除颤器; not `debt` for 技术债)."""
    if all(_ACRONYM.match(word) for word in kept):
        return True
    rest = simplified(zh)
    for part in (part for word in kept for part in re.split(r"[-/]", word) if part):  # `weight-only`: 权重, 仅
        # one word says one Chinese word: 印刷 of `printing`, not 雕版 besides (a printing block, in the dictionary)
        head = next((head for head in sorted(_chinese_heads(part), key=len, reverse=True) if head in rest), "")
        rest = rest.replace(head, "", 1) if head else rest
    return not HAN_RE.search(rest)


def _conjunct_said(word: str, kept: list[str], zh: str) -> bool:
    """``word``, before an `and` whose other side is ``kept``, belongs to the term: the dictionary finds it in the
    Chinese (`research and development(研发)`, `salt and pepper noise(椒盐噪声)`), and it is no part of a word of the
    other side, which says it already (`silicon and silicon-germanium(硅锗)`).

    >>> _conjunct_said("oxide", ["nitride", "and"], "氮化物"), _conjunct_said("trial", ["error", "and"], "试错")
    (False, True)
    >>> _conjunct_said("silicon", ["silicon-germanium", "and"], "硅锗")
    False
    """
    from .dictionary import covered_words

    folded = word.casefold()
    if any(folded in re.split(r"[-/]", other.casefold()) for other in kept):
        return False
    return bool(covered_words([zh], [folded]))


def _number_unsaid(word: str, zh: str) -> bool:
    """``word`` holds a number that ``zh`` does not say, and it is not a name the dictionary finds in ``zh`` by its
    letters: `p99 TTFT(…)` and `30-day retention(留存率)` say more than their Chinese, `COVID-19 vaccine(新冠疫苗)` not.

    >>> _number_unsaid("p99", "首字延迟"), _number_unsaid("COVID-19", "新冠疫苗")
    (True, False)
    """
    if not re.search(r"\d", word) or _number_said(word, zh) or _FORMULA.fullmatch(word):
        return False
    letters = re.sub(r"[^A-Za-z]+", " ", word).split()
    return not (len(letters) == 1 and len(letters[0]) >= 3 and _translated(letters[0], zh))


_FORMULA = re.compile(r"(?:[A-Z][a-z]?[1-9]?){2,}")  # `VO2 max`, `CO2`, `H2O`: the digit counts atoms, no number said


def _number_said(word: str, zh: str) -> bool:
    """Every number in ``word`` is one ``zh`` says, in digits or in Chinese numerals (`10 a.m.`: 上午十点)."""
    return {int(n) for n in re.findall(r"\d+", word)} <= numbers_said(zh)


def _untranslated(word: str, chinese: str) -> bool:
    """``word`` is in the dictionary, and none of its Chinese translations is in ``chinese``."""
    return bool(_chinese_heads(word)) and not _translated(word, chinese)


def _translated(word: str, chinese: str) -> bool:
    """A Chinese translation of ``word`` (its first two characters) is in ``chinese``."""
    return any(head[:2] in chinese for head in _chinese_heads(word))


@lru_cache(maxsize=4096)
def _chinese_heads(word: str) -> frozenset[str]:
    from .dictionary import chinese_for

    folded = word.casefold()
    stems = {folded, folded.rstrip("s"), re.sub(r"(?:er|est)$", "", folded), re.sub(r"i(?:er|est)$", "y", folded)}
    return frozenset().union(*(chinese_for(stem) for stem in stems))


def _is_clause_word(word: str) -> bool:
    """Verbs of saying and doing, and -ly adverbs: they end a noun phrase read from the right.

    >>> _is_clause_word("said"), _is_clause_word("recently"), _is_clause_word("only"), _is_clause_word("model")
    (True, True, False, False)
    >>> _is_clause_word("supply"), _is_clause_word("assembly"), _is_clause_word("basically")
    (False, False, True)
    """
    return word in EN_CLAUSE_WORDS or _is_adverb(word)


@lru_cache(maxsize=4096)
def _is_adverb(word: str) -> bool:
    """An -ly word made of an English word the dictionary uses (recent·ly, happi·ly, basic·ally, notab·ly): not
    `supply`, `assembly`, `anomaly` or `family`, nouns a term ends with (`supply chain`)."""
    from .dictionary import chinese_for

    if not word.endswith("ly") or len(word) <= 4:
        return False
    if word.endswith(("ably", "ibly")):
        stems = [word[:-1] + "e"]  # notably: notable
    elif word.endswith("ily"):
        stems = [word[:-3] + "y"]  # happily: happy
    else:
        stems = [word[:-2], word[:-4]] if word.endswith("ally") else [word[:-2]]  # recently, basically: basic
    return any(len(stem) > 2 and chinese_for(stem) for stem in stems)
