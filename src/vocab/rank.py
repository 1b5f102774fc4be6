"""From gloss occurrences to ranked terms: merge variants, count mentions, weigh rarity, score.

Identity. Glosses merge by ``identity.en_key`` (case, hyphens, plurals folded). Every surface
form is kept, and the one running text writes is shown (``_display_form``). Glosses with the same
English but different Chinese stay one term whose Chinese forms are its senses (`scaffolding` →
脚手架式设计, 脚手架式系统封装/编排); glosses with the same Chinese merge when their English are forms
of one concept (``identity.variants``: `RL` and `reinforcement learning`, shown `reinforcement
learning (RL)`), and otherwise stay apart, each knowing the other (``Term.also``). One-line bilingual
headings are context, not terms, and people's names are kept as kind `name`.

Frequency. ``count`` is every true mention in the corpus: glossed occurrences and unglossed mentions
of the English term in English text and of the Chinese term in Chinese text (``_count_mentions``:
one Aho–Corasick pass per text, a hit kept only where it stands as a whole word, an everyday form
only where the translation beside it confirms it). An aligned pair of segments — a cue and its
translation — is one utterance and counts once; titles and front matter are no mentions.

Rarity. wordfreq's Zipf frequency of each side; 0 means unknown (wordfreq's data stops in
2021, so new AI terms are unknown) and counts as rarest. A multi-word term is rarer than its
rarest word: one Zipf point less per extra word.

Score (``SCORE_FORMULA``, built from the constants below; ``vocab list --explain`` shows its parts)::

    score  = frequency × spread × rarity factor
           = log2(1 + count) × (1 + SPREAD_WEIGHT × log2(documents)) × (RARITY_FLOOR + rarity)
    rarity = mean over both sides of clamp((COMMON_ZIPF - zipf) / (COMMON_ZIPF - RARE_ZIPF), 0, 1)

so a word at Zipf 4.5 or more (everyday vocabulary: `research`, `data`) ranks below any term
of the field however often it occurs, and among field terms frequency and spread decide.

Ties break on count, then documents, then the English term alphabetically, then the Chinese.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import marshal
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, TypeVar

from .cache import DocumentCache
from .extract import HEADING_RULE
from .extract.chinese import word_tag, word_tokens_of
from .extract.dictionary import (
    capitalised_mostly,
    chinese_for,
    in_lower_case,
    is_headword,
    lower_case_english,
    named_exactly,
    names_nothing,
    names_with,
    naming_notes,
    only_capitalised,
    writes_as_is,
)
from .identity import (
    abbreviates,
    acronym_like,
    as_shown,
    earlier_en_keys,
    en_key,
    fold,
    simplified,
    singular,
    unaccented,
    variants,
    zh_key,
)
from .last_ranking import LastRanking
from .lexicon import jieba_words, served_wordfreq
from .memo import answers_while, code_fingerprint, flush, keep_answers, remembered
from .models import (
    ChineseCorrection,
    Direction,
    Document,
    Gloss,
    GlossKind,
    Lang,
    Mention,
    ScoreParts,
    Segment,
    SegmentKind,
    Term,
    glossed_mentions,
    segments_digest,
)
from .text import ACCENTED, HAN, HAN_RE, LATIN_RE, load_jieba, simplified_text, written_readings
from .workers import default_jobs, in_order

COMMON_ZIPF = 4.5  # at least this frequent (30 per million words): everyday vocabulary, rarity 0
RARE_ZIPF = 2.0  # at most this frequent (or unknown to wordfreq): as rare as it gets, rarity 1
RARITY_FLOOR = 0.05  # an everyday word keeps a little score, so that ties among them follow count
SPREAD_WEIGHT = 0.5  # each doubling of the documents a term occurs in adds half again
EVERYDAY_RATIO = 5  # an everyday Chinese form seen this many times per gloss is mostly not the term
PHRASE_PENALTY = 1.0  # Zipf points per extra word of a multi-word term
SCORE_FORMULA = f"log2(1 + count) × (1 + {SPREAD_WEIGHT:g} × log2(documents)) × ({RARITY_FLOOR:g} + rarity)"

T = TypeVar("T")
_WINDOW = 6  # characters of context either side of a Chinese match, enough for jieba to place its edges
_ARTICLE = re.compile(r"^(?:the|an?)\s+", re.IGNORECASE)
_LATIN = f"A-Za-z0-9{ACCENTED}"  # letters and digits, accented ones too (naïve)
_EN_WORD = re.compile(rf"[{_LATIN}][{_LATIN}'’.+#&/-]*")


def rank_terms(
    glosses: Iterable[Gloss],
    documents: Sequence[Document],
    cache: DocumentCache | None = None,
    jobs: int | None = 1,
    corrected: Mapping[str, ChineseCorrection] = {},  # noqa: B006 (read only)
    document_keys: Mapping[str, str] = {},  # noqa: B006 (read only)
) -> list[Term]:
    """Merge ``glosses`` into terms, count their mentions in ``documents``, and rank them (what counting found
    in a document is taken from ``cache`` when the document and the set of term forms are both unchanged; the
    others are heard by ``jobs`` processes, see ``_hear_waiting``). ``corrected``: the Chinese a learner gave a
    term (by its key) in place of a form cut at other edges (``recut_glosses``), counted and weighed as the term's,
    the forms they took from it (``_without_forms``), and the terms they merged into it, whose glosses join its own.
    ``document_keys``: each document's content key (``Corpus.document_keys``), by which a term whose glosses and
    mentions are those of the last ranking of the same folder is taken from it (``LastRanking``)."""
    groups: dict[str, list[Gloss]] = defaultdict(list)
    position: dict[int, int] = {}  # a gloss's place in corpus order, by id
    into = {merged: key for key, correction in corrected.items() for merged in correction.merged}
    for gloss in _by_date(glosses, documents):
        key = en_key(gloss.en)
        groups[into.get(key, key)].append(gloss)
        position[id(gloss)] = len(position)
    # A one-line bilingual heading names a section: a term only where running text glosses it too, and then the
    # running text's glosses come first, to give the term its form and its sentences (`cadence`, not the heading's
    # `Cadences`), the heading's after them.
    running = {key: group for key, group in groups.items() if any(g.rule != HEADING_RULE for g in group)}
    groups = _merge_variants(running, position)
    if not groups:
        return []
    body_lines = {document.path: document.metadata.body_line for document in documents}
    groups = {key: _body_first(group, body_lines) for key, group in groups.items()}
    for key, correction in corrected.items():
        if key in groups:
            kept = _without_forms(groups[key], correction.dropped)
            groups[key] = list(recut_glosses(kept, correction.zh) if correction.zh else kept)
    last = LastRanking.of(cache, documents)
    last.compare(groups, corrected, documents, document_keys)
    zh_surface = {key: _chinese_surfaces(group) for key, group in groups.items()}
    everyday = _everyday_terms(groups, zh_surface, last.everyday)
    counted = _count_mentions(groups, zh_surface, documents, everyday, cache, jobs)
    anew = last.changed_terms(groups, counted)
    counting = [(path, digest) for path, _, digest in counted]
    mentions = _gathered(counted, anew)  # the documents' counts dropped as they are summed: a library's are 60 MiB
    terms = [
        last.term(key, group)
        if key not in anew
        else _term_of(key, group, mentions, zh_surface[key], corrected, body_lines)
        for key, group in groups.items()
    ]
    del mentions
    last.remember(corrected, document_keys, everyday, counting, terms, anew)
    also = _same_chinese(terms)
    terms.sort(key=lambda t: (-t.score, -t.count, -len(t.documents), t.en.casefold(), t.zh or ""))
    return [dataclasses.replace(term, rank=i + 1, also=also.get(term.key, ())) for i, term in enumerate(terms)]


def _body_first(group: list[Gloss], body_lines: Mapping[str, int]) -> list[Gloss]:
    """``group`` with each document's glosses in its front matter (a summary) after those of its body: the body's
    sentences are the ones a learner reads (learner's trial 57: `这篇文章介绍复利（compound interest）…` was every
    term's context). Documents keep their order."""
    if all(g.line >= body_lines.get(g.source, 1) for g in group):
        return group
    order = {source: i for i, source in enumerate(dict.fromkeys(g.source for g in group))}
    return sorted(group, key=lambda g: (order[g.source], g.line < body_lines.get(g.source, 1)))


def _term_of(
    key: str,
    group: list[Gloss],
    mentions: _Mentions,
    zh_surface: list[str],
    corrected: Mapping[str, ChineseCorrection],
    body_lines: Mapping[str, int],
) -> Term:
    """The term of one group of glosses, with what counting found of it (unranked). A gloss above a document's
    ``body_line`` (front matter) is no mention, as counting finds none there, unless nothing else in the document
    is: a term only a summary glosses counts that gloss."""
    en = _display_form(group, mentions.spellings[key])
    # the learner's Chinese is the term's even where the text never writes it (大气边界层 for 边界层): its rarity
    given = corrected[key].zh if key in corrected else None
    zh_simplified = simplified(given) if given else _most_common(zh_surface or [None])
    written = _written_forms(group)
    zh = written.get(zh_key(zh_simplified), zh_simplified) if zh_simplified else None
    # rarity from the English glossed most, spelled out where it is (wordfreq has `LLMs` at 0 and `RL` at 3.4, words
    # of their own), and of forms glossed as often the most frequent, whichever document came first
    spelled_out = [g.en for g in group if not acronym_like(g.en)] or [g.en for g in group]
    zipf_en = max(zipf(en, "en") for en in _tied_most_common(spelled_out))
    kind = _kind_of(group)
    # an explanation (`scrappy(资源有限但执行力很强)`) is no Chinese word to learn, and unknown to wordfreq: no side
    explains = kind is GlossKind.EXPLANATION
    zipf_zh = zipf(_chinese_words(zh_simplified), "zh") if zh_simplified and not explains else None
    rarity = _rarity(zipf_en, zipf_zh)
    glossed_anywhere = glossed_mentions(group)
    glossed_in = glossed_mentions(g for g in group if g.line >= body_lines.get(g.source, 1))
    first_gloss: dict[str, Gloss] = {}
    for gloss in group:
        first_gloss.setdefault(gloss.source, gloss)
    counted = mentions.counts[key]
    for path in glossed_anywhere:
        if not (counted.get(path) or glossed_in[path]):
            glossed_in[path] = glossed_anywhere[path]
    per_document = {path: max(counted.get(path, 0), glossed_in[path]) for path in (*glossed_anywhere, *counted)}
    docs = tuple(per_document)
    count = sum(per_document.values())
    return Term(
        key=key,
        en=en,
        zh=zh,
        en_forms=tuple(dict.fromkeys([*(g.en for g in group), *(g.alias for g in group if g.alias)])),
        zh_forms=tuple(written.values()),
        definition=next((g.definition for g in group if g.definition), None),
        kind=kind,
        glosses=tuple(group),
        count=count,
        glossed=sum(glossed_in.values()),
        documents=docs,
        document_counts=tuple(per_document[path] for path in docs),
        first_mentions=tuple(_first_mention(mentions.first[key].get(p), first_gloss.get(p)) for p in docs),
        mention_lines=tuple(tuple(mentions.lines[key].get(path, ())) for path in docs),
        zipf_en=zipf_en,
        zipf_zh=zipf_zh,
        rarity=rarity,
        score=round(score_of(count, len(docs), rarity), 3),
        readings=written_readings(group),
    )


def _by_date(glosses: Iterable[Gloss], documents: Sequence[Document]) -> list[Gloss]:
    """``glosses`` with those of dated documents first, the earliest first, then the others as they came: what a term
    shows first (its English, its Chinese, its sentence) is what the earliest episode says, and an episode added later
    (newer, or undated) changes none of it, whatever its file is named (learner's trial 58: a new file that sorted
    first changed studied terms' headwords and sentences)."""
    published = {d.path: (d.metadata.date is None, d.metadata.date or "", i) for i, d in enumerate(documents)}
    unknown = (True, "", len(documents))
    return sorted(glosses, key=lambda gloss: published.get(gloss.source, unknown))


def recut_glosses(glosses: Sequence[Gloss], corrected: str) -> tuple[Gloss, ...]:
    """``glosses`` with ``corrected`` for each Chinese form that is it cut at other edges, where it stands in the
    gloss's sentence: a learner's correction of where the term starts or ends (``recut_by``). Before a bracket the
    term ends at the bracket: a correction there moves its start only (一节诗 for 诗), and one that ends earlier is
    another word of the sentence (机智号 of `“机智号”直升机（Ingenuity）`), whose gloss stays as it stands."""
    recut, wanted = recut_by(corrected), zh_key(corrected)

    def moved(zh: str, direction: Direction) -> bool:
        said = zh_key(zh)
        return direction is not Direction.ZH_EN or said.endswith(wanted) or wanted.endswith(said)

    result = []
    for g in glosses:
        written = _as_written(corrected, g.sentence) if g.zh and recut(g.zh) and moved(g.zh, g.direction) else None
        result.append(g if written is None else dataclasses.replace(g, zh=written))
    return tuple(result)


def _without_forms(glosses: Sequence[Gloss], dropped: Collection[str]) -> Sequence[Gloss]:
    """``glosses`` without the Chinese forms a learner took from the term (`vocab edit --drop-zh`): a gloss that gave
    one gives the term no Chinese, and keeps its sentence and its English (上下文 cut for `grounded in context`); one
    that offered it beside another (`脚手架/框架`, ``_alternatives``) gives the other."""
    if not dropped:
        return glosses
    gone = {zh_key(form) for form in dropped}

    def kept(gloss: Gloss) -> Gloss:
        offered = _alternatives(gloss.zh) if gloss.zh else []
        left = [form for form in offered if zh_key(form) not in gone]
        return gloss if len(left) == len(offered) else dataclasses.replace(gloss, zh="/".join(left) or None)

    return [kept(g) for g in glosses]


def _as_written(chinese: str, sentence: str) -> str | None:
    """``chinese`` as ``sentence`` writes it: in its own characters where it is Traditional and ``chinese`` is
    Simplified (手冲 stands as 手沖 in `練習手沖（pour-over）`), with or without the spaces it sets Latin apart by (a
    correction to 每 token 成本 stands as 每token成本 in the client's next slides: learner's trial 63); None where the
    sentence does not say it."""
    if chinese in sentence:
        return chinese
    plain = simplified(sentence)
    if len(plain) != len(sentence):
        return None
    found = re.search(r"\s*".join(map(re.escape, "".join(simplified(chinese).split()))), plain)
    return sentence[found.start() : found.end()] if found else None


def recut_by(corrected: str) -> Callable[[str], bool]:
    """Whether a Chinese form is ``corrected`` cut at other edges (锅穴 or 冰川锅穴湖 for 冰川锅穴): a correction of
    where the term starts or ends, which leaves no sense of its own; other forms are other senses, and stay."""
    wanted = zh_key(corrected)
    return lambda form: zh_key(form) != wanted and (zh_key(form) in wanted or wanted in zh_key(form))


def under_known_identities(terms: Sequence[Term], known: Callable[[str], bool]) -> list[Term]:
    """``terms``, each whose identity ``known`` does not know under the first of its English forms' identities it
    does and no other term has: a merged term takes its fullest English's identity (``_merge_variants``), so an
    acronym glossed first (`EDR`) and spelled out in a later episode moves to a new one, and the note a deck exported
    or the cards a learner studied under the old one (``known``) would be left behind."""
    taken = {term.key for term in terms}

    def kept(term: Term) -> Term:
        if known(term.key):
            return term
        identities = (key for form in term.en_forms for key in (en_key(form), *earlier_en_keys(form)))
        for form in dict.fromkeys(identities):
            if form not in taken and known(form):
                taken.add(form)
                return dataclasses.replace(term, key=form)
        return term

    return [kept(term) for term in terms]


def _merge_variants(groups: dict[str, list[Gloss]], position: dict[int, int]) -> dict[str, list[Gloss]]:
    """Terms glossed with one Chinese form whose English are forms of one concept become one term
    (``identity.variants``: `RL` and `reinforcement learning`, `neural net` and `neural network`), and so do two whose
    English one bracket writes together (an acronym and its expansion).

    The merged term keeps the identity of its fullest English — an expansion before its acronym,
    then the longest — so its Anki note stays the same however the counts move. Each term's glosses come in corpus
    order, a heading's after the others (``rank_terms``).
    """
    by_chinese: dict[str, list[str]] = defaultdict(list)
    for key, group in groups.items():
        for form in dict.fromkeys(zh_key(g.zh) for g in group if g.zh):
            by_chinese[form].append(key)
    parent = {key: key for key in groups}

    def root(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key

    english = {key: _most_common(g.en for g in group) for key, group in groups.items()}

    def join(a: str, b: str) -> None:
        keep, merged = sorted((root(a), root(b)), key=lambda k: _fullness(english[k], k))
        parent[merged] = keep

    for keys in by_chinese.values():
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                if root(a) != root(b) and variants(english[a], english[b]):
                    join(a, b)
    # A bracket that names both an acronym and its expansion says they are one term, whatever Chinese each is glossed
    # with elsewhere (`首 token 延迟（TTFT, Time To First Token）` and `首个 token 延迟（time to first token）`); by the
    # expansion, as an acronym may stand for other things in other documents (CIF: 成本、保险费加运费)
    for key, group in groups.items():
        for other in dict.fromkeys(en_key(g.alias) for g in group if g.alias and not acronym_like(g.alias)):
            if other in groups and root(other) != root(key):
                join(key, other)
    # An acronym a bracket gives beside its expansion, glossed alone elsewhere with Chinese that writes the same
    # words (`总拥有成本（total cost of ownership，TCO）`, `总体拥有成本（TCO）`: learner's trial 63); not with other
    # Chinese, as an acronym may stand for other things (CIF above)
    for key, group in groups.items():
        for acronym in dict.fromkeys(en_key(g.alias) for g in group if g.alias and acronym_like(g.alias)):
            if acronym in groups and root(acronym) != root(key) and _same_words_in_chinese(group, groups[acronym]):
                join(key, acronym)
    result: dict[str, list[Gloss]] = defaultdict(list)
    joined: set[str] = set()  # the groups that took in others
    for key, group in groups.items():
        if root(key) in result:
            joined.add(root(key))
        result[root(key)].extend(group)

    def placed(gloss: Gloss) -> tuple[bool, int]:
        return gloss.rule == HEADING_RULE, position[id(gloss)]

    # A group that was one already is in corpus order: sorted only where a heading glosses it (70,000 keys asked for)
    return {
        key: sorted(group, key=placed) if key in joined or any(g.rule == HEADING_RULE for g in group) else group
        for key, group in result.items()
    }


def _same_words_in_chinese(one: list[Gloss], other: list[Gloss]) -> bool:
    """A Chinese form of ``one`` and one of ``other`` write the same words, one perhaps with a character more or
    fewer between them (总拥有成本, 总体拥有成本): every character of the shorter stands in the longer, in order."""
    forms = {zh_key(g.zh) for g in one if g.zh}
    others = {zh_key(g.zh) for g in other if g.zh}
    return any(_within(*sorted((a, b), key=len)) for a in forms for b in others)


def _within(short: str, long: str) -> bool:
    """``short``'s characters stand in ``long`` in order, ``long`` at most one character longer per three."""
    rest = iter(long)
    return len(long) - len(short) <= max(1, len(short) // 3) and all(ch in rest for ch in short)


def _fullness(en: str, key: str) -> tuple[bool, int, str]:
    """Sort key putting the fullest English first: not an acronym, most letters, then alphabetical."""
    return (acronym_like(en), -len(key), key)


def _display_form(group: list[Gloss], running: Counter[str]) -> str:
    """The English a learner reads: the form running text uses (not a heading's or a bracket's title
    case: `reinforcement learning`, not `Reinforcement Learning`), and an acronym after the expansion
    it stands for: `reinforcement learning (RL)`."""
    # `，MPI` after an expansion, `MoE` too: an acronym by its place; not the words an acronym written first stands for
    # (`AOV, average order value` is shown `average order value (AOV)`, new-user report 14)
    aliases = {g.alias for g in group if g.alias and " " not in g.alias.strip()}
    # `MoE（Mixture of Experts，混合专家模型）`: a word the bracket's expansion spells is its acronym, in any case
    aliases |= {g.en for g in group if g.alias and abbreviates(g.en, g.alias)}
    written = [*(g.en for g in group), *(g.alias for g in group if g.alias)]
    acronyms = [en for en in written if acronym_like(en) or en in aliases]
    full = [en for en in written if not (acronym_like(en) or en in aliases)]
    bare = {en.casefold() for en in full if not _ARTICLE.match(en)}  # `data wall` beside `The data wall`
    full = [en for en in full if not (_ARTICLE.match(en) and _ARTICLE.sub("", en).casefold() in bare)]
    if not full:
        return _most_common(acronyms)
    if _kind_of(group) is GlossKind.NAME:
        return _most_common(full)
    chinese = sorted({simplified(g.zh) for g in group if g.zh})
    form = _running_case(
        _singular_as_often(_most_common(full), full),
        Counter({k: n for k, n in running.items() if not (acronym_like(k) or k in aliases)}),
        written=full,
        common=lambda word: _common_word(chinese, word),  # seldom asked
        named=lambda phrase: any(writes_as_is(c, phrase) for c in chinese),
        names=lambda words: _names(words, chinese),
    )
    if not acronyms:
        return form
    acronym = _most_common(acronyms)
    if acronym.endswith("s") and acronym[:-1].isupper() and len(acronym) > 2 and not form.endswith("s"):
        acronym = acronym[:-1]  # `large language model (LLM)`, not `(LLMs)`: the acronym in the expansion's number
    return f"{form} ({acronym})"


def _singular_as_often(form: str, written: list[str]) -> str:
    """``form``'s singular where the glosses write it at least as often: a dictionary's headword (`hallucination`,
    where one gloss says `hallucinations` and one `hallucination`: learner's trial 56); a plural said more often
    (`scaling laws`) or alone (`large language models`) stays as written."""
    head, _, last = form.rpartition(" ")
    one = f"{head} {singular(last)}" if head else singular(last)
    if one.casefold() == form.casefold():
        return form
    said = Counter(en.casefold() for en in written)
    ones = [en for en in written if en.casefold() == one.casefold()]
    return _most_common(ones) if ones and said[one.casefold()] >= said[form.casefold()] else form


def _running_case(
    form: str,
    running: Counter[str],
    written: Iterable[str],
    common: Callable[[str], bool],
    named: Callable[[str], bool] = lambda phrase: False,
    names: Callable[[list[str]], list[bool]] = lambda words: [False for _ in words],
) -> str:
    """``form`` in the case a learner should read it.

    A title-cased form goes into lower case where the corpus writes it so even once, mid-sentence or in a
    gloss (a name is not written in lower case). ``running`` holds the spellings of English text, and those
    of Chinese text but title-cased ones (it capitalises English common nouns at will: `标记器（Tokenizer）`);
    with none, a title-cased phrase of several words goes into lower case, unless the dictionary writes one of its
    words capitalised only (`North Atlantic Deep Water`: Atlantic names a place) or the phrase itself as a sense of its
    Chinese (``named``: 厄尔尼诺 is "El Niño"), and so does a word the dictionary
    says is a common word (``common``, ``_common_word``: 检查点 holds 检查, "to check"; 策略 names nothing and
    `policy` is everyday English; 围棋 is "the game of Go"). Otherwise it takes the case running text gives it.
    Acronyms and words with inner capitals (LeCun, PyTorch) are never title case, so they stay; so does a word that
    is a name (``names``: `Carrington event`, `Gaussian noise`, `China certified emission reduction`), and a phrase
    that names an institution or a law by its head noun (``_institution``: `Legal Aid Department`)."""
    words = form.split()
    lowered = " ".join(_lower_title(w) for w in words)
    same = Counter({spelling: n for spelling, n in running.items() if spelling.casefold() == form.casefold()})
    title = _title_cased(form)
    first, rest = words[0], words[1:]
    sentence_case = rest and all(w == w.lower() for w in rest) and _title_cased(first)
    lower_case_seen = any(s == s.lower() for s in (*running, *written) if s.casefold() == form.casefold())
    if (title or sentence_case or form == lowered) and lower_case_seen:
        return lowered
    lower_case_said = any(s == s.lower() for s in running) or not running and (len(words) > 1 or common(form))
    if title and lower_case_said and not (len(words) > 1 and (_institution(words) or _named(form, named))):
        # a possessive is a name's (`Hubble's law`, `Newton's method`): it keeps its capital
        kept = [k or _designates(words, i) for i, k in enumerate(names(words))]
        return " ".join(
            w if len(words) > 1 and _possessive(w) or k else _lower_title(w) for w, k in zip(words, kept, strict=True)
        )
    # A phrase in sentence case (`Model card`, as a list item starts) on the same evidence, its first word; one that
    # takes a possessive names its inventor (`Newton's method`: 牛顿 is also the unit, `newton`).
    if sentence_case and not running and not _possessive(first) and common(first) and not names(words)[0]:
        return " ".join([_lower_title(first), *rest])
    return same.most_common(1)[0][0] if same else form


# The head nouns of an institution's or a law's name: `Legal Aid Department`, `General Data Protection Regulation`.
_INSTITUTIONS = frozenset(
    "act ordinance regulation directive treaty convention department tribunal court commission agency authority bureau"
    " ministry council institute university administration board association organization organisation foundation"
    " fund society federation committee".split()
)


_NUMERAL = re.compile(r"^(?:\d+(?:\.\d+)*[a-z]?|[IVX]+)$")  # `1`, `3.5`, `4o`, `III`


def _designates(words: list[str], i: int) -> bool:
    """Word ``i`` names one of a series by the numeral after it (`System 1`, `Phase III`, `Level 5`): a designation
    keeps its capital, as the author wrote it."""
    return i + 1 < len(words) and _NUMERAL.match(words[i + 1]) is not None


def _institution(words: list[str]) -> bool:
    """A title-cased phrase that ends with an institution's or a law's head noun names one: it keeps its capitals."""
    return words[-1][:1].isupper() and words[-1].casefold() in _INSTITUTIONS


def _named(phrase: str, named: Callable[[str], bool]) -> bool:
    """A phrase the dictionary writes as a name: as a sense of its Chinese (``named``), or with a word it writes
    capitalised only (Atlantic). Asked last: the second question loads the dictionary's English index."""
    return named(phrase) or any(only_capitalised(word) for word in phrase.split())


def _names(words: list[str], chinese: list[str]) -> list[bool]:
    """Which of a term's ``words`` keep their capital: names (``_name_word``), and all of them where the Chinese
    is a name and nothing else (`Max Delbrück` for 德尔布吕克; but `Carrington event` for 卡林顿事件)."""
    named = [_name_word(word, chinese) for word in words]
    if any(named) and chinese and all(_name_tokens(c) == word_tokens_of(c) for c in chinese):
        return [True for _ in words]
    return named


def _name_word(word: str, chinese: list[str]) -> bool:
    """``word`` of a term glossed with ``chinese`` is a name, or a name's adjective, and keeps its capital: the
    dictionary writes it so (China, French, Gaussian), or it has no lower-case sense there and the Chinese
    transliterates a name (卡林顿 for Carrington, 贝叶斯 for Bayesian: a word jieba tags a person's or a place's
    name, or one neither jieba nor the dictionary knows)."""
    if _lower_title(word) == word:
        return False
    if capitalised_mostly(word):
        return True
    return not lower_case_english(word) and any(_name_tokens(c) for c in chinese)


def _name_tokens(chinese: str) -> list[str]:
    """The words of ``chinese`` that write a name by its sound: a word jieba tags a person's or a place's name that
    the dictionary does not give as a common word (索引, "index", is tagged a name), or one of three characters or
    more that neither knows and that does not end as a noun does (卡林顿; not 扩缩器, a new word of a field)."""
    return [token for token in word_tokens_of(chinese) if len(token) > 1 and _sounds_out(token)]


def _sounds_out(token: str) -> bool:
    if not all(HAN_RE.match(character) for character in token):
        return False
    tag = word_tag(token)
    if tag.startswith(("nr", "ns")):
        return not names_nothing(token)
    return not tag and len(token) > 2 and not is_headword(token) and token[-1] not in _NOUN_ENDINGS


_NOUN_ENDINGS = "器机仪件剂性化度式型法率量者物体论学"  # suffixes that make a noun of a word (扩缩器), as no name ends


def _common_word(chinese: list[str], word: str) -> bool:
    """The dictionary's evidence that ``word``, glossed with ``chinese``, is a common word and no name: it
    translates a word inside the Chinese with it in lower case (检查 in 检查点 "to check"), or the Chinese is a word
    it names nothing with and ``word`` is an everyday English word (策略 for `Policy`, 对话 for `Chat`), or it writes
    ``word`` in lower case somewhere and the Chinese translates it (`Padding（填充）`). A Chinese that names a vessel
    (毅力号 for `Perseverance`: a word and 号, no word of the dictionary) says the word is a name."""
    if any(_VESSEL.search(c) and not is_headword(c) for c in chinese):
        return False
    if in_lower_case(chinese, word):
        return True
    if _everyday(word.lower(), "en") and any(names_nothing(c) for c in chinese):
        return True
    # A word the dictionary writes in lower case (`Padding`, `Zero-shot`), glossed by a translation: in Chinese
    # words alone (`Medusa heads（Medusa 头）` is a name), none of them its name (围棋, "the game of Go"), and not
    # by saying what kind of thing it is (`Rust（一种语言）` names the language, not the word `rust`).
    return (
        bool(chinese)
        and not any(LATIN_RE.search(c) or _DESCRIPTION.match(c) or names_with(c, word) for c in chinese)
        and lower_case_english(word)  # last: the first question loads the dictionary's English index
    )


_DESCRIPTION = re.compile(r"[一某][种个款门家类位名项]")  # `一种语言`: what kind of thing a name is
_VESSEL = re.compile(r"^[\u4e00-\u9fff]{2,}[号號]$")  # a ship's, a rover's or a mission's name: 毅力号, 天问一号


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s", "'", "’"))


@lru_cache(maxsize=65_536)
def _title_cased(text: str) -> bool:
    """Every word of ``text`` is title-cased (`Scaling Laws`, `Pre-training`; not `Moonshot AI`), but the small words
    title case leaves in lower case after the first (`Mixture of Experts`); asked of every spelling counting meets in
    Chinese text, of far fewer distinct ones: remembered."""
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    return all(_lower_title(w) != w or (k and w in _TITLE_SMALL_WORDS) for k, w in enumerate(words))


_TITLE_SMALL_WORDS = frozenset("a an the of and or for in on to at by with from vs".split())


def _lower_title(word: str) -> str:
    """``word`` in lower case where it is title-cased (`Pre-training`, not `GPT-4` or `PyTorch`)."""
    first, *rest = re.split(r"[-'’]", word)
    capitalised = first[:1].isupper() and first[1:].isalpha() and first[1:].islower()
    title = capitalised and all(p.isalpha() and (p.islower() or p[1:].islower()) for p in rest)
    return word.lower() if title else word


def _first_mention(counted: Mention | None, gloss: Gloss | None) -> Mention:
    """Where a document first mentions a term: the first counted utterance, or its first ``gloss`` there if
    that comes earlier (a heading or a title glosses without being counted)."""
    glossed = [Mention(gloss.line, gloss.line, gloss.start)] if gloss else []
    return min([*glossed, *([counted] if counted else [])], key=lambda mention: mention.line)


def _same_chinese(terms: list[Term]) -> dict[str, tuple[str, ...]]:
    """For each term glossed with the same Chinese as others, their English (``Term.also``), so that a 中文 → English
    card can say that more than one answer is right."""
    by_chinese: dict[str, list[Term]] = defaultdict(list)
    for term in terms:
        if term.zh:
            by_chinese[zh_key(term.zh)].append(term)
    return {
        term.key: tuple(other.en for other in same if other is not term)
        for same in by_chinese.values()
        if len(same) > 1
        for term in same
    }


def score_of(count: int, documents: int, rarity: float) -> float:
    """The ranking score: frequent in your material, spread over episodes, rare in the language."""
    frequency, spread, rarity_factor = _factors(count, documents, rarity)
    return frequency * spread * rarity_factor


def explain_score(term: Term) -> ScoreParts:
    """The factors of ``term``'s score (their product, before rounding, is the score)."""
    frequency, spread, rarity_factor = _factors(term.count, len(term.documents), term.rarity)
    return ScoreParts(round(frequency, 3), round(spread, 3), term.rarity, round(rarity_factor, 3))


def _factors(count: int, documents: int, rarity: float) -> tuple[float, float, float]:
    """SCORE_FORMULA's three factors: the one place the formula is computed."""
    return math.log2(1 + count), 1 + SPREAD_WEIGHT * math.log2(max(documents, 1)), RARITY_FLOOR + rarity


def zipf(text: str, lang: str) -> float:
    """wordfreq's Zipf frequency, one point lower per extra word; 0 for unknown.

    >>> zipf("the", "en") > 7, zipf("world models", "en") < zipf("models", "en") - 1
    (True, True)
    >>> zipf("不知道", "zh") > 4.5  # everyday Chinese that jieba cuts in two (不 知道): wordfreq's own point is enough
    True
    """
    return _zipf_cached(text, lang)


@lru_cache(maxsize=65536)
def _zipf_cached(text: str, lang: str) -> float:
    return float(remembered(f"zipf-{lang}", text, lambda form: str(_zipf_of(form, lang))))


def _zipf_of(text: str, lang: str) -> float:
    wordfreq = served_wordfreq()
    words = wordfreq.tokenize(text, lang)
    if not words:
        return 0.0
    # wordfreq itself takes a point off per word break it inferred (Chinese, cut by jieba): only spaced text here
    penalty = 0 if lang == "zh" else PHRASE_PENALTY * (len(words) - 1)
    value = wordfreq.zipf_frequency(text, lang) - penalty
    return round(max(value, 0.0), 2)


def _chinese_words(zh: str) -> str:
    """The Chinese of a form that keeps some English (`conda 环境`, `p 值`, `JIT 编译器`): what a learner of the Chinese
    side has to learn, the English being the other side's. wordfreq knows no mixed form, and its 0 ranked such a term
    as rare as any (new-user report 13: `conda environment` above `reference genome`). A form with no Chinese is as
    it is.

    >>> _chinese_words("conda 环境"), _chinese_words("mRNA疫苗"), _chinese_words("RNA")
    ('环境', '疫苗', 'RNA')
    """
    chinese = _LATIN_RUN.sub("", zh).strip()
    return chinese if HAN_RE.search(chinese) else zh


_LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .+\-_/]*")


def _rarity(zipf_en: float, zipf_zh: float | None) -> float:
    sides = [zipf_en] + ([zipf_zh] if zipf_zh is not None else [])
    span = COMMON_ZIPF - RARE_ZIPF
    return round(sum(min(max((COMMON_ZIPF - z) / span, 0.0), 1.0) for z in sides) / len(sides), 3)


@dataclass
class _Mentions:
    """What counting found: per term, its mentions per document, where each document first mentions it
    (line, start time), the first line of each utterance counted (once per mention), and the English spellings
    running text gives it mid-sentence."""

    counts: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    lines: dict[str, dict[str, list[int]]] = field(default_factory=lambda: defaultdict(dict))
    first: dict[str, dict[str, Mention]] = field(default_factory=lambda: defaultdict(dict))
    spellings: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))


# One document counted: its path, what its utterances came to, and a digest of that (``last_ranking.Counted``).
_Counted = tuple[str, "_Assembled", str]


def _count_mentions(
    groups: dict[str, list[Gloss]],
    zh_surface: dict[str, list[str]],
    documents: Sequence[Document],
    everyday: tuple[set[str], set[str]],
    cache: DocumentCache | None = None,
    jobs: int | None = 1,
) -> list[_Counted]:
    """Occurrences of each term in each document, an aligned pair counting once: per document, what its
    utterances come to (``_gathered`` sums them per term). ``everyday``: the terms whose English, and those whose
    Chinese, is an everyday word (``_everyday_terms``).

    A form that is also an everyday word (``_everyday``: `go` beside the game Go, 能力 beside
    `capability`) counts in an aligned pair only where the other side confirms it: an English one as
    often as the translation says the term, in Chinese or in the English it keeps (`model 加 system`;
    `at a loss for words` is not translated as 损失), a Chinese one wherever the English beside it says
    the term at all (a translation repeats the noun where English says `it`); a capitalised one (Go)
    counts only capitalised, an acronym (`RL`) only in capitals. In text with no translation beside it,
    an everyday Chinese form counts only where the corpus uses it mostly as the term: unglossed less than
    ``EVERYDAY_RATIO`` times as often as glossed (能力 in a podcast's summaries is mostly everyday Chinese;
    规模 in notes on scaling is mostly the term). In a pair whose translation holds a word the dictionary gives the
    English in another sense (``_other_things``: 变压器 for `transformer` beside the term 变换器), as many of the
    English hits are no mention. In a document that does not gloss the term, a word common enough to have other
    senses (``_has_other_senses``) counts in a pair only as often as the translation says it (``_times_translated``):
    another podcast's `grain` is no brewing one, while the document that glosses a term uses it in that sense and
    its translation often says it in words of its own. Chinese prose (no translation beside it) of a document that
    glosses the term says an everyday English form as the writer's word for the term, where it stands alone among
    Chinese words (``_standing_alone``: `除以 scale 取整`, not `--scale`). A Chinese form glossed for several
    terms (掩模版 for `photomask` and `reticle`) is the mention of the one the English beside it names (``_resolved``).
    """
    # each English identity's least cased spelling, what decides its case: one written in lower case anywhere is no
    # name (`policy` in running text, `Policy` in a heading), in whatever order the documents come
    spelled: dict[str, str] = {}
    en_index: dict[str, str] = {}

    def spell(identity: str, words: str) -> None:
        were = spelled.get(identity)
        if were is None or (words != were and _CASES.index(_case_of(words)) < _CASES.index(_case_of(were))):
            spelled[identity] = words

    for key, group in groups.items():
        for alias in (g.alias for g in group if g.alias):  # said as the bracket's acronym too: `MPI`
            en_index.setdefault(en_key(alias), key)
            spell(en_key(alias), alias)
    for key, group in groups.items():
        written = {g.en.casefold() for g in group}
        for gloss in group:
            identity = en_key(gloss.en)
            if identity not in en_index and _cut_short(gloss.en, written):
                continue  # `learned` of `learned schedule` (可学习调度, a table's short label): not every `learned`
            en_index[identity] = key
            spell(identity, gloss.en)
    starts = _key_starts(en_index)
    max_words = max(len(_EN_WORD.findall(en)) for en in {g.en for group in groups.values() for g in group})
    zh_index = _form_owners(zh_surface)
    zh_sharing = _shared_forms(zh_surface)
    zh_forms = {key: tuple(zh_surface.get(key, ())) for key in groups}
    # each term's Chinese words (not its explanations), which say in what sense the term has its English
    zh_words = {
        key: {simplified(g.zh) for g in group if g.zh and g.kind is not GlossKind.EXPLANATION}
        for key, group in groups.items()
    }
    everyday_en, everyday_zh = everyday
    # Forms whose case tells them from an everyday word: an acronym (RL), a capitalised everyday word (Go).
    cased = {k: _case_of(en) for k, en in spelled.items()}
    cased = {
        k: case for k, case in cased.items() if case == "acronym" or (case == "capital" and en_index[k] in everyday_en)
    }
    named = {en_index[k] for k in cased}
    chinese_forms: list[_ChineseForms] = []  # built on first need: a warm rebuild may need none

    glossed_here: dict[str, set[str]] = defaultdict(set)  # each document's path → the terms it glosses
    for key, group in groups.items():
        for gloss in group:
            glossed_here[gloss.source].add(key)

    said_in: dict[str, set[str]] = {}  # each document's path → the terms it glosses or has said in English so far
    # A document that glosses an English form (or an acronym) for another term than the corpus's index names by it says
    # that term by it (a learner's report: the survival notebook's `CIF`, its cumulative incidence function, counted
    # for the freight letter's CIF): there the form is its own term's
    claimed: dict[str, dict[str, str]] = defaultdict(dict)
    for key, group in groups.items():
        for gloss in group:
            for form in filter(None, (gloss.en, gloss.alias)):
                if en_index.get(identity := en_key(form), key) != key:
                    claimed[gloss.source][identity] = key

    def hear(unit: list[Segment], folded: list[str], path: str) -> _Heard:
        """The most hits of each term in one segment of the utterance, in English and in Chinese (a pair's
        translation: in Chinese or in the English it keeps); the Chinese hits of all its segments together; and
        the English spellings its body segments give mid-sentence. ``folded``: the segments' texts as ``_folded``
        makes them."""
        if zh_index and not chinese_forms:
            chinese_forms.append(_ChineseForms(zh_index, zh_sharing))
        claims = claimed.get(path, {})
        english = [_english_hits(s.text, en_index, max_words, cased, starts, claims) for s in unit]
        chinese = [
            chinese_forms[0].hits(text) if zh_index and s.lang is not Lang.EN else {}
            for s, text in zip(unit, folded, strict=True)
        ]
        if len(unit) > 1:
            translation = "".join(s.text for s in unit if s.lang is not Lang.EN)
            for s, (found, _, said) in zip(unit, english, strict=True):  # each side: as many of its hits as the
                unsaid: dict[frozenset[str], int] = {}  # other things are said
                senses: dict[str, tuple[int, str]] = {}  # hits of a word with other senses: how many, as written
                for key, words, _ in said:
                    if others := _other_things(words, zh_forms[key]):
                        left = unsaid.setdefault(others, sum(map(translation.count, others)))
                        if left:
                            found[key], unsaid[others] = found[key] - 1, left - 1
                            continue
                    if s.lang is Lang.EN and key not in glossed_here[path] and _has_other_senses(words):
                        senses[key] = (senses.get(key, (0, ""))[0] + 1, words)
                for key, (n, words) in senses.items():  # another document's term, translated away here
                    found[key] -= max(n - _times_translated(words, zh_forms[key], translation, zh_words[key]), 0)
            english = [(+found, spelled, said) for found, spelled, said in english]
        if zh_sharing and any(key.startswith(_SHARED) for hits in chinese for key in hits):
            paired = len(unit) > 1  # in a paragraph an English word may stand far from the form (``_resolved``)
            named_here = {key for found, _, _ in english for key, n in found.items() if n > 0} if paired else set()
            chinese = [_resolved(hits, named_here, zh_sharing, zh_index) for hits in chinese]
        if len(unit) > 1:  # another document's term in Chinese (节点 for `on-curve points`) is some other thing (a
            # node) in a translation of English that has not said the term: a mention once it or an earlier one says it
            established = said_in.setdefault(path, set(glossed_here[path]))
            established.update(k for found, _, _ in english for k, n in found.items() if n > 0)
            chinese = [{k: n for k, n in hits.items() if k in established} for hits in chinese]
        body = [(s, pairs) for s, (_, pairs, _) in zip(unit, english, strict=True) if s.kind is SegmentKind.BODY]
        # Chinese text capitalises English words at will (`做 Agent`): there a title-cased spelling says nothing.
        spelled = [pair for s, pairs in body for pair in pairs if s.lang is Lang.EN or not _title_cased(pair[1])]
        chinese_sum: dict[str, int] = {}
        for hits in chinese:
            for key, n in hits.items():
                chinese_sum[key] = chinese_sum.get(key, 0) + n
        if len(unit) > 1:  # what a pair's translation says: its Chinese forms, or the English it keeps (`model 加
            # system`); not a name, which stays the same whatever it names (Go the game, `用 Go 语言写的`)
            chinese = [
                _most_per_key((hits, {k: n for k, n in kept.items() if k not in named}))
                if s.lang is not Lang.EN
                else {}
                for s, hits, (kept, _, _) in zip(unit, chinese, english, strict=True)
            ]
        elif unit[0].lang is Lang.ZH and unit[0].kind is SegmentKind.BODY:
            # Chinese prose of a document that glosses the term says it in English as the writer's word for it, where
            # the English stands alone among Chinese words (`除以 scale 取整`; not `An Edge in the…`, `--collection`)
            kept, _, said = english[0]
            alone = _standing_alone(unit[0].text, said)
            written = {
                k: min(n, alone[k]) for k, n in kept.items() if alone[k] and k in glossed_here[path] and k not in named
            }
            chinese = [_most_per_key((chinese[0], written))]
        return _most_per_key(hits for hits, _, _ in english), _most_per_key(chinese), chinese_sum, spelled

    zh_heard = {form: "|".join(zh_sharing[form]) if form in zh_sharing else key for form, key in zh_index.items()}
    forms = _Forms(en_index, zh_heard, cased, cache, max_words)
    counted = [_DocumentCount(document, hear, forms, cache) for document in documents]
    if zh_index and not chinese_forms and any(count.waiting for count in counted):
        chinese_forms.append(_ChineseForms(zh_index, zh_sharing))  # made once, before any worker forks
    _hear_waiting(counted, jobs)
    chinese_total: dict[str, int] = defaultdict(int)
    for count in counted:
        for key, n in count.chinese.items():
            chinese_total[key] += n
    mostly_everyday = {key for key in everyday_zh if chinese_total[key] >= EVERYDAY_RATIO * len(groups[key])}
    decide = _Decisions(everyday_en, everyday_zh, mostly_everyday)
    assembled = [(count.path, *count.assembled(decide)) for count in counted]
    _forget_what_counting_remembered()
    return assembled


def _everyday_terms(
    groups: dict[str, list[Gloss]], zh_surface: dict[str, list[str]], known: Callable[[str], tuple[bool, bool] | None]
) -> tuple[set[str], set[str]]:
    """The terms whose English, and those whose Chinese, is an everyday word (``_everyday``): where forms are glossed
    equally often, any of them (`Scale` and `scaling`; 模式 and a form cut wider), as the first seen made counts
    depend on the order documents came in. ``known``: what a term whose glosses are those of the last ranking was
    found then (wordfreq asked again for each term was a tenth of an edited rebuild's ranking)."""
    english, chinese = set(), set()
    for key, group in groups.items():
        found = known(key)
        if found is None:
            forms = zh_surface[key]
            english_word = any(_everyday(en, "en") for en in _tied_most_common(g.en for g in group))
            found = english_word, any(_everyday(form, "zh") for form in _tied_most_common(forms))
        if found[0]:
            english.add(key)
        if found[1]:
            chinese.add(key)
    return english, chinese


def _gathered(counted: list[_Counted], keys: Container[str] | None = None) -> _Mentions:
    """What each document's utterances came to, summed per term: of ``keys`` only, or of all (None). ``counted`` is
    emptied on the way, each document's dropped once summed."""
    found = _Mentions()
    counted.reverse()
    while counted:
        path, assembled, _ = counted.pop()
        assembled.add_to(found, path, keys)
    return found


_SHARED = "\0"  # before a Chinese form glossed for several terms: a hit the English beside it says whose


def _form_owners(zh_surface: dict[str, list[str]]) -> dict[str, str]:
    """Each Chinese form's term: of a form glossed for several, the one that glosses it most often, then the first by
    key (智能体 is `agent`'s, glossed so a hundred times, not the AlphaGo one bracket gives it), whatever order the
    documents come in: the term indexed last took every hit an English word beside it does not name."""
    glossed = Counter((zh_key(form), key) for key, forms in zh_surface.items() for form in forms)
    owners: dict[str, str] = {}
    for form, key in sorted(glossed, key=lambda pair: (-glossed[pair], pair[1])):
        owners.setdefault(form, key)
    return owners


def _shared_forms(zh_surface: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """The Chinese forms glossed for more than one term (掩模版 for `photomask` and for `reticle`), with those terms."""
    keys: dict[str, list[str]] = defaultdict(list)
    for key, forms in zh_surface.items():
        for form in dict.fromkeys(map(zh_key, forms)):
            keys[form].append(key)
    return {form: tuple(sorted(found)) for form, found in keys.items() if len(found) > 1}


def _resolved(
    hits: dict[str, int], named: set[str], sharing: dict[str, tuple[str, ...]], index: dict[str, str]
) -> dict[str, int]:
    """``hits`` with each hit of a shared form (``_SHARED``) given to the one of its terms ``named`` (by the English
    of an aligned pair: `through the reticle` / 经过掩模版 is the reticle's, whichever term the corpus glossed 掩模版
    for last); where it names none of them or more than one, to the term the form counts for elsewhere (in a paragraph,
    an English word may stand far from the form and say something else: `AlphaGo` beside 智能体, `agent`)."""
    resolved: dict[str, int] = {}
    for key, n in hits.items():
        if key.startswith(_SHARED):
            form = key[len(_SHARED) :]
            said = [term for term in sharing[form] if term in named]
            key = said[0] if len(said) == 1 else index[form]
        resolved[key] = resolved.get(key, 0) + n
    return resolved


def _forget_what_counting_remembered() -> None:
    """Drop the identities of the corpus's n-grams and the answers about its windows that counting remembered
    (hundreds of thousands: nothing after counting asks for them), and write the answers to the memo now rather
    than at exit: the writing that follows reuses that memory (a cold build of 1,000 episodes peaked 75 MiB
    higher)."""
    for remembered_words in (en_key, _may_start, _identity_letters, _other_things):
        remembered_words.cache_clear()
    flush()


# One utterance heard: the most hits per term of a segment in English and in Chinese (in a pair, of its translation
# in Chinese or in the English it keeps), the Chinese hits of all its segments summed, and the (term, spelling) pairs
# its body gives mid-sentence.
_Heard = tuple[dict[str, int], dict[str, int], dict[str, int], list[tuple[str, str]]]
# Where an utterance stands: its first line, its last line, its start time, and whether it is an aligned pair.
_Where = tuple[int, int, float | None, bool, bool]  # lines, start, an aligned pair, a heading


@dataclass(frozen=True)
class _Decisions:
    """Which terms' forms are everyday words (``_count_mentions``): what an utterance's hits come to depends on
    these and on nothing else of the corpus."""

    everyday_en: set[str]
    everyday_zh: set[str]
    mostly_everyday: set[str]

    def flags(self, keys: Iterable[str]) -> str:
        """The decisions for ``keys``, one digit each: what a document's counts were made with."""
        return "".join(map(self._digits.get, keys, itertools.repeat("0")))

    @cached_property
    def _digits(self) -> dict[str, str]:
        """Each key's digit where any decision chose it (asked for every document of a library, one by one too slow)."""
        digits: dict[str, int] = defaultdict(int)
        for i, chosen in enumerate((self.everyday_en, self.everyday_zh, self.mostly_everyday)):
            for key in chosen:
                digits[key] |= 1 << i
        return {key: str(digit) for key, digit in digits.items()}


@dataclass
class _Assembled:
    """What one document's utterances come to: per term, its mentions, the first line of each utterance counted
    (once per mention), where it is first mentioned (line, last line, start) and its spellings mid-sentence."""

    counts: dict[str, int] = field(default_factory=dict)
    lines: dict[str, list[int]] = field(default_factory=dict)
    first: dict[str, tuple[int, int, float | None]] = field(default_factory=dict)
    spellings: dict[str, dict[str, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, heard: list[tuple[_Where, _Heard]], decide: _Decisions) -> _Assembled:
        """``heard`` counted: an everyday form only where the translation beside it (or, alone, the corpus)
        confirms it (``_count_mentions``)."""
        assembled = cls()
        unconfirmed: dict[str, tuple[int, int, float | None]] = {}  # first said on one side of a pair only
        for (line, end_line, start, paired, heading), (en_best, zh_best, _, spelled) in heard:
            confirm_zh = decide.everyday_zh if paired else decide.mostly_everyday
            best = {}
            for key in en_best.keys() | zh_best.keys():
                en, zh = en_best.get(key, 0), zh_best.get(key, 0)
                # A translation restates a noun where English says `it`: beside the English term, each of its
                # everyday Chinese forms counts; an everyday English form counts only as often as the translation
                # says it (in its Chinese forms or the English it keeps: `model 加 system`).
                zh_counted = ((zh if en else 0) if paired else min(zh, en)) if key in confirm_zh else zh
                n = max(min(en, zh) if key in decide.everyday_en else en, zh_counted)
                if n > 0:
                    best[key] = n
            for key, spelling in spelled:  # body segments only: titles capitalise
                if key in best:
                    spellings = assembled.spellings.setdefault(key, {})
                    spellings[spelling] = spellings.get(spelling, 0) + 1
            for key, n in sorted(best.items()):
                assembled.counts[key] = assembled.counts.get(key, 0) + n
                assembled.lines.setdefault(key, []).extend([line] * n)
                # the first moment is one both sides of a pair say (learner's trial 56: `By the same token` /
                # 同样的道理 was token's first link, an idiom its translation drops), and no heading's, which names a
                # section where a transcript's body has the moment (learner's trial 60); else the first at all
                said_once = heading or (paired and not (en_best.get(key) and zh_best.get(key)))
                (unconfirmed if said_once else assembled.first).setdefault(key, (line, end_line, start))
        for key, moment in unconfirmed.items():
            assembled.first.setdefault(key, moment)
        return assembled

    def add_to(self, found: _Mentions, path: str, keys: Container[str] | None = None) -> None:
        for key, n in self.counts.items():  # plain dicts: a Counter's or defaultdict's misses run Python code
            if keys is not None and key not in keys:
                continue
            counts = found.counts[key]
            counts[path] = counts.get(path, 0) + n
            found.lines[key].setdefault(path, []).extend(self.lines[key])
            found.first[key].setdefault(path, Mention(*self.first[key]))
        for key, spellings in self.spellings.items():
            if keys is None or key in keys:
                found.spellings[key].update(spellings)

    def plain(self) -> list[object]:
        return [self.counts, self.lines, self.first, self.spellings]


class _DocumentCount:
    """Counting in one document: its utterances heard (``hear``), or, when the cache holds what they came to
    under the same decisions (``_Decisions``) and none of the forms that changed since stands in the document,
    that alone: a rebuild then neither unpacks the document nor goes through its utterances. What was heard waits
    for the corpus's decisions as one ``marshal`` string (live, the heard of every document of a library was the
    largest part of a cold build's memory).

    The cache holds, per document (by a digest of its segments): ``mentions:`` what counting heard in each
    utterance that names a term, ``assembled:`` what those came to, ``probe:`` its folded text (``_probe``)."""

    def __init__(
        self,
        document: Document,
        hear: Callable[[list[Segment], list[str], str], _Heard],
        forms: _Forms,
        cache: DocumentCache | None,
    ) -> None:
        self.document, self.path, self.hear, self.forms, self.cache = document, document.path, hear, forms, cache
        self._units: list[list[Segment]] | None = None
        self.stored: list[Any] | None = None  # what the utterances came to, as the cache holds it
        self.kept = b""  # what was heard, as ``marshal`` records (``_record_of``)
        self._chinese: dict[str, int] = {}
        self.key = ""
        self.waiting = True  # until the cache says what its utterances hold, or they are heard (``_hear_waiting``)
        if cache is not None:
            digest = segments_digest(document.segments)
            self.key = hashlib.sha256(f"{code_fingerprint()}|{digest}".encode()).hexdigest()
            stored = cache.get_value("assembled:" + self.key)
            if _assembled_shape(stored) and self._unchanged(stored[0]):
                self.stored, self.waiting = stored, False
            elif (records := self._stored_records()) is not None:
                self._keep(records)
        self._units = None  # the segments go back to being packed

    @property
    def chinese(self) -> dict[str, int]:
        """Its Chinese hits of each term, summed (what ``EVERYDAY_RATIO`` weighs over the corpus)."""
        return self.stored[3] if self.stored is not None else self._chinese  # type: ignore[no-any-return]

    def _keep(self, records: list[tuple[Any, ...]]) -> None:
        total: dict[str, int] = defaultdict(int)
        for record in records:
            for key, n in _heard_from(record)[1][2].items():  # its Chinese hits, summed
                total[key] += n
        self._chinese, self.kept, self.waiting = dict(total), marshal.dumps(records), False

    def assembled(self, decide: _Decisions) -> tuple[_Assembled, str]:
        """What its utterances come to under ``decide``, and a digest of that: as the cache holds it when made under
        the same decisions for its terms, else assembled now (and stored)."""
        if self.stored is not None:
            _, keys, flags, _, counts, lines, first, spellings, digest = self.stored
            if decide.flags(keys) == flags:
                return _Assembled(counts, lines, first, spellings), digest
            records = self._stored_records()
            if records is None:
                self.take(*self.heard_now())
            else:
                self._keep(records)
        heard = [_heard_from(record) for record in marshal.loads(self.kept)]
        assembled = _Assembled.of(heard, decide)
        digest = ""
        if self.cache is not None:
            keys = sorted({key for _, said in heard for key in (*said[0], *said[1])})
            digest = hashlib.sha256(marshal.dumps(assembled.plain())).hexdigest()
            entry = [self.forms.digest, keys, decide.flags(keys), dict(self.chinese), *assembled.plain(), digest]
            self.cache.put_value("assembled:" + self.key, entry)
        self.kept, self._units = b"", None
        return assembled, digest

    def _unchanged(self, counted_with: object) -> bool:
        """What was heard under the forms ``counted_with`` is what these forms hear in this document."""
        if counted_with == self.forms.digest:
            return True
        if not isinstance(counted_with, str):
            return False
        return self.forms.none_changed_in(counted_with, self._kept_probe(), self._spaced_probe)

    def _stored_records(self) -> list[tuple[Any, ...]] | None:
        """What its utterances were heard to hold (``_record_of``), from the cache when heard under forms that hear
        the same; else None."""
        if self.cache is None:
            return None
        try:
            counted_with, records = self.cache.get_value("mentions:" + self.key)
            if self._unchanged(counted_with):
                for record in records:
                    _heard_from(record)  # the shape checked: a damaged entry is heard again
                return records  # type: ignore[no-any-return]
        except (TypeError, ValueError, AttributeError):
            pass  # no entry, or a damaged one: heard again
        return None

    def heard_now(self) -> tuple[list[tuple[object, ...]], str]:
        """The utterances in which ``hear`` finds a term, as records (``_record_of``); and the document's probe
        (``_probe``), of the texts folded on the way. Plain values: a forked worker sends them back."""
        records, texts = [], []
        for unit in self.units():
            folded = [_folded(s.text) for s in unit]
            texts += folded
            said = self.hear(unit, folded, self.path)
            if said[0] or said[1]:
                heading = unit[0].kind is SegmentKind.HEADING
                where = (unit[0].line, max(s.end_line for s in unit), unit[0].start, len(unit) > 1, heading)
                records.append(_record_of(where, said))
        self._units = None
        return records, _joined(texts)

    def take(self, records: list[tuple[Any, ...]], probe: str) -> None:
        """What ``heard_now`` found (here or in a worker): stored, with the probe made as it was heard (the next
        build that adds a term looks in it), and kept."""
        if self.cache is not None:
            self.cache.put_value("mentions:" + self.key, [self.forms.digest, records])
            self.cache.put_value("probe:" + self.key, _looked_in(probe))
            self.cache.put_value("spaced:" + self.key, probe)
        self._keep(records)

    def units(self) -> list[list[Segment]]:
        if self._units is None:
            self._units = _units(self.document.unpacked())
        return self._units

    def _kept_probe(self) -> list[str]:
        """Its text as ``_Forms.none_changed_in`` looks in it first (``_looked_in``): kept when it was heard, or else
        (a lost entry) the first time a rebuild needs it, so that later ones fold no document."""
        assert self.cache is not None
        kept = self.cache.get_value("probe:" + self.key)
        if isinstance(kept, list) and len(kept) == 2 and all(isinstance(text, str) for text in kept):
            return kept
        looked_in = _looked_in(self._spaced_probe())
        self.cache.put_value("probe:" + self.key, looked_in)
        return looked_in

    def _spaced_probe(self) -> str:
        """Its probe (``_probe``), which ``_Forms.none_changed_in`` reads only where a new English form's letters stand
        in it: kept apart (read for every document, it was a third of a rebuild's counting)."""
        assert self.cache is not None
        kept = self.cache.get_value("spaced:" + self.key)
        if isinstance(kept, str):
            return kept
        probe = _probe(self.units())
        self.cache.put_value("spaced:" + self.key, probe)
        return probe


def _assembled_shape(stored: object) -> bool:
    """``stored`` has the shape of an ``assembled:`` entry (a damaged one is made again)."""
    return (
        isinstance(stored, list)
        and len(stored) == 9
        and isinstance(stored[1], list)
        and isinstance(stored[2], str)
        and all(isinstance(part, dict) for part in stored[3:8])
        and isinstance(stored[8], str)
    )


def _probe(units: list[list[Segment]]) -> str:
    """The text of ``units`` as ``_Forms.none_changed_in`` looks in it: folded, Simplified, its spaces made one."""
    return _joined(_folded(s.text) for unit in units for s in unit)


def _looked_in(probe: str) -> list[str]:
    """A document's probe as ``_Forms.none_changed_in`` looks in it first: without spaces (for Chinese forms), and
    its ASCII letters alone (``_letters``). Kept: made again by every rebuild that adds a term, they were a third of
    its counting."""
    return [probe.replace(" ", ""), _letters(probe)]


def _folded(text: str) -> str:
    """A segment's text as counting looks in it: folded (NFKC, case) and in Simplified characters."""
    return simplified_text(fold(text))


def _joined(texts: Iterable[str]) -> str:
    """Texts as one probe: spaces made one, accents dropped (``_letters`` keeps only ASCII: `naïve` is `naive`)."""
    return unaccented(" ".join(" ".join(texts).split()))


def _hear_waiting(counted: list[_DocumentCount], jobs: int | None) -> None:
    """The documents whose utterances no cache entry holds, heard: by ``jobs`` forked processes (None: one per core
    for ``POOL_MIN_HEARD`` or more), each sending back what it heard and the memo answers it found on the way (its
    windows' verdicts: lost with the worker, the next build would segment those windows again)."""
    waiting = [count for count in counted if count.waiting]
    jobs = default_jobs(len(waiting), POOL_MIN_HEARD) if jobs is None else jobs

    def hear(k: int) -> tuple[tuple[list[tuple[object, ...]], str], list[tuple[str, str, str]]]:
        heard = answers_while(waiting[k].heard_now)
        if jobs > 1 and en_key.cache_info().currsize > WORKER_IDENTITIES:
            en_key.cache_clear()
        return heard

    for count, (heard, answers) in zip(waiting, in_order(hear, len(waiting), jobs), strict=True):
        keep_answers(answers)
        count.take(*heard)


POOL_MIN_HEARD = 50  # documents to hear before more processes pay (a library's episode takes about 25 ms)
# A worker empties its cache of n-gram identities past this many: full (262,144), it held 66 MiB per worker at
# 1,000 episodes; emptied at 65,536, the cold build's peak PSS fell by 55 MiB and its time did not move (A/B).
WORKER_IDENTITIES = 65_536


def _record_of(where: _Where, said: _Heard) -> tuple[object, ...]:
    """An utterance heard, as stored (its Chinese sum only where it differs from the most per segment)."""
    en_best, zh_best, chinese_sum, spelled = said
    return (*where, en_best, zh_best, None if chinese_sum == zh_best else chinese_sum, spelled)


def _heard_from(record: tuple[object, ...]) -> tuple[_Where, _Heard]:
    line, end_line, start, paired, heading, en_best, zh_best, chinese_sum, spelled = record
    flags = (paired, heading)
    if not (isinstance(line, int) and isinstance(end_line, int) and all(isinstance(flag, bool) for flag in flags)):
        raise TypeError("not a stored utterance")
    if not (isinstance(en_best, dict) and isinstance(zh_best, dict) and isinstance(spelled, list)):
        raise TypeError("not a stored utterance")
    chinese = zh_best if chinese_sum is None else chinese_sum
    return (line, end_line, start, paired, heading), (en_best, zh_best, chinese, spelled)  # type: ignore[return-value]


_KEPT = b"0123456789abcdefghijklmnopqrstuvwxyz"
_DROPPED = bytes(b for b in range(256) if b not in _KEPT)


def _letters(folded: str) -> str:
    """Only the ASCII letters and digits of ``folded`` text, its accents dropped already (``_joined``; bytes.translate:
    a regex took 0.5 ms a document)."""
    return folded.encode("ascii", "ignore").translate(None, _DROPPED).decode("ascii")


class _Forms:
    """The term forms counting looks for, with their digest, and what differs from forms an earlier build
    counted with: a document none of whose text holds a form that differs (added, removed, or now another
    term's) is heard exactly as it was, so an edit that adds one term recounts only the documents that say it."""

    def __init__(
        self,
        en_index: dict[str, str],
        zh_index: dict[str, str],
        cased: dict[str, str],
        cache: DocumentCache | None,
        max_words: int,
    ) -> None:
        self.en, self.zh, self.cased, self.max_words = en_index, zh_index, cased, max_words
        self.digest = hashlib.sha256(repr(self._plain()).encode()).hexdigest()
        self.cache = cache
        if cache is not None:  # what the next build compares with
            cache.put_value("forms:" + self.digest, self._plain())
        self._differences: dict[str, tuple[dict[str, str], list[str]] | None] = {}

    def none_changed_in(self, counted_with: str, looked_in: list[str], spaced: Callable[[], str]) -> bool:
        """No form that differs between ``counted_with``'s forms and these stands in a document's text, as
        ``_looked_in`` gives it, or else as ``spaced`` does (``_probe``)."""
        differences = self._differences_from(counted_with)
        if differences is None:
            return False
        english_letters, chinese = differences
        # A form stands only where its identity's letters do, but for an inflected ending (`policy` for `policies`,
        # `worldmodel` for `world models`): most documents are passed over by a substring test on the letters.
        compact, letters = looked_in
        english = {k: k for k, start in english_letters.items() if start in letters}
        # The words of a form that is no longer a term's are at most as many as those of the longest term then.
        if english and _english_hits(spaced(), english, max(self.max_words, 8), {}, _key_starts(english))[0]:
            return False
        if not chinese:
            return True
        return not any(form in compact for form in chinese)

    def _differences_from(self, counted_with: str) -> tuple[dict[str, str], list[str]] | None:
        """The English identities that differ from the forms stored as ``counted_with``, with the letters they
        begin with, and the Chinese forms that differ (``_compare``)."""
        if counted_with not in self._differences:
            self._differences[counted_with] = self._compare(counted_with)
        return self._differences[counted_with]

    def _compare(self, counted_with: str) -> tuple[dict[str, str], list[str]] | None:
        """The English identities and Chinese forms that differ from the forms stored as ``counted_with``."""
        if self.cache is None:
            return None
        try:
            en_before, zh_before, cased_before = self.cache.get_value("forms:" + counted_with)
            en_changed = set(map(tuple, en_before)) ^ set(self.en.items())
            zh_changed = set(map(tuple, zh_before)) ^ set(self.zh.items())
            cased_changed = set(map(tuple, cased_before)) ^ set(self.cased.items())
        except (TypeError, ValueError):
            return None  # forms this build cannot compare with: everything is heard again
        english = {form: _letters(form)[: max(3, len(form) - 3)] for form, _ in en_changed | cased_changed}
        return english, sorted({form for form, _ in zh_changed})

    def _plain(self) -> list[list[tuple[str, str]]]:
        return [sorted(self.en.items()), sorted(self.zh.items()), sorted(self.cased.items())]


def _most_per_key(counters: Iterable[dict[str, int]]) -> dict[str, int]:
    """The largest count of each key among ``counters`` (the segments of one utterance; counts above 0)."""
    most: dict[str, int] = {}
    for counter in counters:
        for key, n in counter.items():
            if n > most.get(key, 0):
                most[key] = n
    return most


def _as_said(words: str) -> str:
    """A term's English as a text says it, without its article or a sentence's full stop (`the kernel.` → kernel)."""
    return _ARTICLE.sub("", words).rstrip(".")


SENSES_ZIPF = 3.5  # an English word this frequent, short of everyday (``COMMON_ZIPF``), has senses besides a term's


@lru_cache(maxsize=4096)
def _has_other_senses(words: str) -> bool:
    """``words`` are one English word common enough to have senses besides the term's (wordfreq's Zipf from
    ``SENSES_ZIPF`` to ``COMMON_ZIPF``; an everyday word has its own rule): `kernel` 3.6, `token` 3.8, `recall` 4.4."""
    word = _as_said(words)
    if not word.isalpha() or acronym_like(word):
        return False
    return SENSES_ZIPF <= zipf(word.casefold(), "en") < COMMON_ZIPF


def _cut_short(en: str, written: set[str]) -> bool:
    """``en`` is one word with senses besides the term's, and the term is written longer with it first: a gloss's
    short label (`可学习调度（learned）` beside `learned schedule`), which counts where it is glossed, not everywhere
    the word stands."""
    word = en.casefold()
    longer = any(other.startswith(word + " ") for other in written)
    return longer and " " not in word and (_has_other_senses(en) or _everyday(en, "en"))


def _times_translated(words: str, chinese_forms: tuple[str, ...], translation: str, sense: Collection[str]) -> int:
    """How often ``translation`` says the term ``words`` name: each of its Chinese forms there, and once more where it
    says the English otherwise (``align.says``: 投资者 for `investor` where the term's Chinese is 投资人; 合作 for
    `collaborations`, by the stem of its `collaborate`), in the term's sense: where one of the term's Chinese words
    (``sense``, not its explanations) is the dictionary's word for the English too, or it has none. 交割 is not the
    dictionary's `closing`, so a translation's 闭幕 ("closing" of a ceremony) names another thing."""
    from .extract.align import says

    times, rest = 0, translation
    for form in chinese_forms:
        times += rest.count(form)
        rest = rest.replace(form, "，")
    word = _as_said(words)
    return times + ((not sense or any(says(form, word) for form in sense)) and says(rest, word))


_CASES = ("lower", "capital", "acronym")  # ``_case_of``, from the least cased


def _case_of(words: str) -> str:
    """How ``words`` are written: as an acronym, capitalised, or in lower case."""
    return "acronym" if acronym_like(words) else "capital" if words[:1].isupper() else "lower"


def _everyday(form: str, lang: str) -> bool:
    """The form is an everyday word of its language as well as a term: at least as frequent as
    ``COMMON_ZIPF`` (wordfreq), or an English word of one or two letters."""
    if lang == "en" and acronym_like(form):
        return False
    return zipf(form, lang) >= COMMON_ZIPF or (lang == "en" and len(form) <= 2)


@lru_cache(maxsize=65_536)
def _other_things(words: str, chinese_forms: tuple[str, ...]) -> frozenset[str]:
    """What else the English ``words`` name: Chinese words, no everyday ones, that the dictionary gives for them in
    another sense than the term's. A pair whose translation holds one speaks of that other thing, not the term.

    Where the dictionary gives the term's Chinese for the word, by the notes of the senses: 死锁 is "deadlock
    (computing)", so 僵局 ("deadlock") is the other one (`talks ended in deadlock`); a term whose Chinese is the plain
    sense has no other. Where it does not know the term's Chinese for the word, the words it calls first by it,
    unless it gives the word for any part of the term's Chinese (then those are synonyms): `Transformers
    就是变形金刚玩具` and `the transformer on our street` / 变压器 beside the term 变换器; not `songbird` / 鸣鸟 beside
    鸣禽, nor `idea` beside 有意思 (意思 is "idea" first, but everyday: it has many senses)."""
    word = _as_said(words).casefold()
    if " " in word:
        return frozenset()
    spellings = {word, singular(word)}
    naming: dict[str, frozenset[str]] = {}
    for spelling in spellings:
        naming.update(naming_notes(spelling))
    term_notes = frozenset().union(*(naming.get(form, frozenset()) for form in chinese_forms))
    if term_notes:
        if "" in term_notes:
            return frozenset()
        others = {head for head, notes in naming.items() if not notes & term_notes}
    else:
        renderings = frozenset().union(*map(chinese_for, spellings))
        if any(rendering in form for form in chinese_forms for rendering in renderings):
            return frozenset()
        others = set().union(*map(named_exactly, spellings))
    return frozenset(
        other
        for other in others
        if len(other) > 1 and not _everyday(other, "zh") and not any(other in f or f in other for f in chinese_forms)
    )


_NOT_SAID = (SegmentKind.CODE, SegmentKind.COMMENT, SegmentKind.META)  # a title or a tag is no mention


def _units(document: Document) -> list[list[Segment]]:
    """Segments grouped into utterances: an aligned pair together, every other segment alone. The heading that
    is the document's title (a Markdown `# …` that names it), or a first line that is (a parallel text's title and its
    translation), is no mention, as a front-matter title is not; nor is the show's name where the text says it
    (`Welcome to Outbreak Desk.` is no mention of `outbreak`; new-user report 12)."""
    units = []
    title = document.metadata.title
    show = _show_name(document.metadata.show)
    for segment in document.segments:
        if segment.kind in _NOT_SAID or (segment.aligned is not None and segment.aligned < segment.index):
            continue
        if (segment.kind is SegmentKind.HEADING or segment.index == 0) and segment.text == title:
            title = None
            continue
        partner = document.aligned_segment(segment)
        unit = [segment] if partner is None else [segment, partner]
        if show and any(show.search(s.text) for s in unit):
            unit = [dataclasses.replace(s, text=show.sub(" ", s.text)) for s in unit]
        units.append(unit)
    return units


@lru_cache(maxsize=64)
def _show_name(show: str | None) -> re.Pattern[str] | None:
    """The show's name as a text may write it (any case, a whole name), or None for a document of no show. A name in
    both languages is either (`Inference Hour 推理一小时`: the host says `Welcome to Inference Hour` and its translation
    欢迎收听推理一小时; learner's trial 59, where every intro counted as a mention of `inference`)."""
    if not show or len(show.strip()) < 3:
        return None
    names = [show.strip()]
    if HAN_RE.search(show) and LATIN_RE.search(show):
        names += [name.strip() for name in _SCRIPT_RUN.findall(show) if len(name.strip()) >= 2]
    names.sort(key=len, reverse=True)
    # a name with Latin letters stands apart from the words around it; a Chinese one touches them (欢迎收听推理一小时)
    patterns = [rf"(?<!\w){re.escape(name)}(?!\w)" if LATIN_RE.search(name) else re.escape(name) for name in names]
    return re.compile("|".join(patterns), re.IGNORECASE)


# A run of one script in a name: Latin words (with spaces, digits and marks between them), or Chinese characters
_SCRIPT_RUN = re.compile(rf"[A-Za-z0-9][A-Za-z0-9 '’&.:!?+-]*[A-Za-z0-9!?+]|[{HAN}·]+")


def _english_hits(
    text: str,
    index: dict[str, str],
    max_words: int,
    cased: dict[str, str],
    starts: frozenset[str],
    claims: Mapping[str, str] = {},  # noqa: B006 (read only)
) -> tuple[Counter[str], list[tuple[str, str]], list[tuple[str, str, int]]]:
    """Leftmost-longest matches of English terms (any variant) in ``text``, the spelling of each
    match that stands mid-sentence (a sentence's first word is capitalised whatever it is), and the words of every
    match with where they start. A word that can begin no term's identity (``_key_starts``) is passed over without
    building any. ``claims``: identities the document glosses for another term than ``index`` names."""
    matches = list(_EN_WORD.finditer(text))
    hits: Counter[str] = Counter()
    spelled: list[tuple[str, str]] = []
    said: list[tuple[str, str, int]] = []
    # How many words from each one on stand apart by spaces alone: a comma, a bracket or Chinese between two
    # words ends a phrase (`deep, learning` and `deep 的 learning` are no `deep learning`).
    joined = [1] * len(matches)
    for j in range(len(matches) - 2, -1, -1):
        if text[matches[j].end() : matches[j + 1].start()].isspace():
            joined[j] = joined[j + 1] + 1
    ended: dict[str, int] = {}  # where each term's last match ended
    i = 0
    while i < len(matches):
        if not _may_start(matches[i].group(0), starts):
            i += 1
            continue
        # An article adds a word the identity drops: `a world model benchmark` is three words of a term.
        reach = max_words + (_identity_letters(matches[i].group(0)) in _ARTICLES)
        for n in range(min(reach, joined[i]), 0, -1):
            words = text[matches[i].start() : matches[i + n - 1].end()]
            key = en_key(words)
            if key in index and (key not in cased or _case_of(words) == cased[key]):
                term = claims.get(key) or index[key]
                before = ended.get(term)
                said.append((term, words, matches[i].start()))
                ended[term] = matches[i + n - 1].end()
                # `Message Passing Interface (MPI)`, `…，MPI`: an expansion and its acronym are one mention
                hits[term] += before is None or not _ACRONYM_AFTER.fullmatch(text[before : matches[i].start()])
                # A sentence's first word is capitalised whatever it is, but not the word after its article
                # (`The Message Passing Interface (MPI) was…` writes the name as it is written).
                first = matches[i + 1] if n > 1 and _identity_letters(matches[i].group(0)) in _ARTICLES else matches[i]
                if not _title_position(text, first.start()):
                    spelled.append((term, _as_said(words)))
                i += n
                break
        else:
            i += 1
    return hits, spelled, said


def _standing_alone(text: str, said: list[tuple[str, str, int]]) -> Counter[str]:
    """How many of each term's matches (``said``, as ``_english_hits`` made them) stand apart from other English, code
    and numbers: Chinese or punctuation on both sides, a space at most between."""
    return Counter(
        term
        for term, words, start in said
        if not _LATIN_BEFORE.search(text, 0, start) and not _LATIN_AFTER.match(text, start + len(words))
    )


_LATIN_BEFORE = re.compile(r"[A-Za-z0-9_`./-] ?$")
_LATIN_AFTER = re.compile(r" ?[A-Za-z0-9_`(/-]")


# What stands between an expansion and its acronym, one mention: `, `, ` (`, and a bracket's gloss before a comma
# (`grouped-query attention(分组查询注意力，GQA)`).
_ACRONYM_AFTER = re.compile(r"\s*[(（,，]\s*|\s*[(（][^()（）]{0,40}[,，]\s*")


def _key_starts(keys: Iterable[str]) -> frozenset[str]:
    """Every beginning of every identity: a word that begins none of them begins no match."""
    return frozenset(key[:k] for key in keys for k in range(1, len(key) + 1))


@lru_cache(maxsize=131_072)
def _may_start(word: str, starts: frozenset[str]) -> bool:
    """``word`` can begin an n-gram whose identity is a term's: an article (dropped from identities), or
    its letters, as they are or made singular (`policies` alone is `policy`), begin one. Asked two million
    times in a build of 1,000 episodes, of far fewer words: remembered (a frozenset keeps its hash)."""
    letters = _identity_letters(word)
    return letters in starts or letters in _ARTICLES or singular(letters.removesuffix("'s")) in starts


@lru_cache(maxsize=65_536)
def _identity_letters(word: str) -> str:
    return "".join(re.split(r"[^0-9a-z']+", unaccented(fold(word)).replace("’", "'"))).strip("'")


_ARTICLES = frozenset(("the", "a", "an"))


def _title_position(text: str, at: int) -> bool:
    """A word here may be capitalised whatever it is: it starts a sentence, a line or a bracket."""
    i = at - 1
    while i >= 0 and text[i] in " \t*_":  # not text[:at].rstrip(): a copy of all before it, for every word
        i -= 1
    return i < 0 or text[i] in ".!?。！？:：\n(（[【“\"'‘#>-"


class _ChineseForms:
    """Every Chinese form of the corpus's terms in one Aho–Corasick automaton (pyahocorasick): one pass
    over a text finds them all, longest first. A hit counts only where it stands as a whole word, so 规模
    is not counted inside 大规模: when no word of jieba's dictionary crosses either of its ends it does;
    otherwise a jieba tokenizer that knows every term decides, on a small window around it. Both answers
    are remembered per window (``memo``), the second with the set of terms it was given, so a rebuild
    that meets no new window loads no jieba."""

    def __init__(self, index: dict[str, str], sharing: dict[str, tuple[str, ...]]) -> None:
        import ahocorasick

        self.automaton = ahocorasick.Automaton()
        for form, key in index.items():  # a form of several terms: marked, for the English beside it to decide
            self.automaton.add_word(form, (form, _SHARED + form if form in sharing else key))
        self.automaton.make_automaton()
        self.terms = tuple(sorted(index))
        self.segmented = f"whole-{hashlib.sha256(chr(10).join(self.terms).encode()).hexdigest()[:16]}"
        self.verdicts: dict[str, bool] = {}  # by the window's name (``hits``), the memo's key for it too

    def hits(self, folded: str) -> dict[str, int]:
        """The whole-word hits of each term in a segment's text, ``_folded``."""
        compact = _SPACE.sub("", folded)
        hits: dict[str, int] = {}
        for last, (form, key) in self.automaton.iter_long(compact):
            start, end = last + 1 - len(form), last + 1
            left, right = compact[max(0, start - _WINDOW) : start], compact[end : end + _WINDOW]
            name = f"{left}|{form}|{right}"  # one string, not three and a tuple: a library has 400,000 windows
            whole = self.verdicts.get(name)
            if whole is None:
                whole = self.verdicts[name] = self._whole(left, form, right, name)
            if whole:
                hits[key] = hits.get(key, 0) + 1
        return hits

    def _whole(self, left: str, form: str, right: str, name: str) -> bool:
        window, edges = left + form + right, (len(left), len(left) + len(form))
        if not remembered("crossed", name, lambda _: "y" if _crossed(window, edges) else "", cheap=True):
            return True

        def segmented(_: str) -> str:
            if _derived(window, edges):
                return ""
            bounds = _bounds(_term_tokenizer(self.terms).lcut(window))  # type: ignore[attr-defined]
            return "y" if edges[0] in bounds and edges[1] in bounds else ""

        return bool(remembered(self.segmented, name, segmented))


def _crossed(window: str, edges: tuple[int, int]) -> bool:
    """A word of jieba's dictionary crosses one of ``edges`` in ``window``. From each start, the pieces across an
    edge are looked up shortest first, and no longer ones once no word begins with one (a cold build of 1,000
    episodes asks this of 200,000 windows)."""
    words = jieba_words()
    for edge in edges:
        for a in range(max(0, edge - _LONGEST_WORD + 1), edge):
            for b in range(edge + 1, min(len(window), a + _LONGEST_WORD) + 1):
                frequency = words.begun(window[a:b])
                if frequency is None:
                    break
                if frequency:
                    return True
    return False


def _derived(window: str, edges: tuple[int, int]) -> bool:
    """The hit ends inside a word jieba's dictionary cuts whole, of the hit and a suffix that makes a word of its own
    (调度员 `dispatcher`, 压缩器 `compressor`, 平稳性 `stationarity`): no mention of the term, as a term inside a longer
    word is none. The term's weight in ``_term_tokenizer`` would cut it off a word jieba met rarely (调度员: 5 times);
    the plain cut does not, and keeps 控制 whole before 机械臂."""
    end = edges[1]
    if end >= len(window) or window[end] not in _DERIVING:
        return False
    return end not in _bounds(load_jieba().lcut(window, HMM=False))


def _bounds(words: list[str]) -> set[int]:
    """Where a cut of a window into ``words`` puts a word boundary (its start and end included)."""
    return set(itertools.accumulate(map(len, words), initial=0))


_DERIVING = frozenset("员者家师手性化率器机仪计厂商")  # suffixes of a person, a quality, a device, a place


_SPACE = re.compile(r"\s+")
_LONGEST_WORD = 6  # characters: the longest dictionary word looked for across a hit's edge


@lru_cache(maxsize=4)
def _term_tokenizer(terms: tuple[str, ...]) -> object:
    """A jieba tokenizer of its own (the default one stays as extraction knows it) that keeps
    every harvested Chinese term whole."""
    jieba = load_jieba()
    tokenizer = jieba.Tokenizer()
    jieba_words().serve(tokenizer)
    for term in terms:
        if re.search(r"[\u4e00-\u9fff]", term):
            tokenizer.add_word(term, freq=100_000)
    # The total stays the dictionary's: a window is then cut by the words in it alone, whatever other terms
    # the corpus has, so what a rebuild with one more term reuses is what it would find again.
    tokenizer.total = jieba.dt.total
    return tokenizer


def _written_forms(group: list[Gloss]) -> dict[str, str]:
    """Each Chinese word of a term's glosses (by ``zh_key``), in order of its first gloss, as the documents most
    often write it: a Traditional text's term is shown as it writes it (查詢最佳化器, not 查询最佳化器)."""
    written: dict[str, dict[str, int]] = {}
    for gloss in _giving_forms(group):
        for form in map(as_shown, _alternatives(gloss.zh) if gloss.zh else ()):
            forms = written.setdefault(zh_key(form), {})
            forms[form] = forms.get(form, 0) + 1
    return {word: max(forms, key=forms.__getitem__) for word, forms in written.items()}  # the first among equals


def frequencies_ahead(glosses: Iterable[Gloss]) -> None:
    """Ask wordfreq now for what ranking will ask of these glosses' forms (``zipf``, remembered in the memo): a process
    that reads an edited episode beside the one unpacking the cache finds them there, and ranking meets them in the
    memo instead of importing wordfreq for a new term (0.2 s of an edited rebuild)."""
    glosses = list(glosses)
    for gloss in glosses:
        zipf(gloss.en, "en")
    for surface in _chinese_surfaces(glosses):
        zipf(surface, "zh")


def _chinese_surfaces(group: list[Gloss]) -> list[str]:
    """The Chinese forms of a term's glosses, Simplified, in order (one per gloss that has one; each of a gloss's
    alternatives, ``_alternatives``)."""
    return [
        simplified(unicodedata.normalize("NFKC", form))
        for g in _giving_forms(group)
        if g.zh
        for form in _alternatives(g.zh)
    ]


_SLASH = re.compile(r"\s*[/／]\s*")


def _alternatives(chinese: str) -> list[str]:
    """The words a gloss's Chinese offers: `inference（推理 / 推断）` gives two translations, each a word of the
    dictionary, not a third form `推理 / 推断` (learner's trial 59); `GCM（伽罗瓦/计数器模式）`, one name, stays
    whole."""
    if "/" not in chinese and "／" not in chinese:  # asked for every gloss of a library
        return [chinese]
    parts = _SLASH.split(chinese)
    if all(HAN_RE.match(part) and is_headword(simplified(part)) for part in parts):
        return parts
    return [chinese]


def _giving_forms(group: list[Gloss]) -> list[Gloss]:
    """The glosses whose Chinese is a form of the term: a heading's only where running text writes it too, as a
    section's title shortens a term (`时序差分 Temporal-Difference Learning` over 时序差分学习（temporal-difference
    learning）: 时序差分 is neither shown nor counted as the term)."""
    running = {_same_script(g.zh) for g in group if g.zh and g.rule != HEADING_RULE}
    if not running:
        return group
    return [g for g in group if g.rule != HEADING_RULE or (g.zh and _same_script(g.zh) in running)]


def _same_script(chinese: str) -> str:
    return simplified(unicodedata.normalize("NFKC", chinese))


def _kind_of(group: Sequence[Gloss]) -> GlossKind:
    """The kind most of a term's glosses give it; between as many names as others, not a name: the field's
    `deep learning（深度学习）` said once in running text outweighs the book `《深度学习》（Deep Learning）`."""
    return _most_common(sorted((g.kind for g in group), key=lambda kind: kind is GlossKind.NAME))


def _tied_most_common(values: Iterable[T]) -> list[T]:
    """The values that are most frequent, all those tied, in the order first seen."""
    counts = Counter(values)
    top = max(counts.values(), default=0)
    return [value for value, n in counts.items() if n == top]


def _most_common(values: Iterable[T]) -> T:
    """The most frequent value; the first seen among equals (Counter keeps insertion order). Asked for every term
    several times a build, mostly of one value repeated: that needs no Counter."""
    items = list(values)
    if all(value == items[0] for value in items):
        return items[0]
    return _tied_most_common(items)[0]
