"""The named rules that read a bracket pair as a gloss, or set it aside.

``BRACKET_RULES`` is applied in order to every bracket pair outside masked text; the first rule
that returns a Verdict decides. A Verdict with no drafts is a rejection, and its rule name says
why (``vocab extract --trace`` prints them). Rejections come first, so that an example, an alias
or an aside is never read as a gloss however term-like its words are.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..models import Direction, GlossKind
from ..text import HAN_RE, LATIN_RE
from .boundaries import trim_chinese, trim_english
from .brackets import CLOSE_QUOTES, MARKUP, TEXT, BracketPair
from .english import chinese_words_for
from .runs import Run, run_before


@dataclass(frozen=True, slots=True)
class Draft:
    """A gloss before its context (sentence, time, link) is attached."""

    en: str
    zh: str | None
    definition: str | None
    direction: Direction
    kind: GlossKind
    rule: str
    open: int  # offset of the opening bracket in the segment text
    close: int


@dataclass(frozen=True, slots=True)
class Candidate:
    """A bracket pair in its segment, with what the rules need to judge it."""

    text: str
    kinds: bytearray
    pair: BracketPair
    english_context: bool  # the segment is English: an English run before a bracket can be a clause
    people: frozenset[str]  # names from the metadata: `Andy Jones（来自Anthropic）` is an aside
    previous: Draft | None  # the gloss just before, in the same segment
    repeats: Callable[[str], int] | None = None  # how often a text stands in the whole document

    @property
    def inner(self) -> str:
        return self.pair.inner(self.text)

    def before_script(self) -> str | None:
        """ "zh" or "en": the script of the last letter before the bracket, past marks and spaces."""
        i = self.pair.open - 1
        while i >= 0 and (self.text[i].isspace() or self.kinds[i] == MARKUP or self.text[i] in CLOSE_QUOTES):
            i -= 1
        if i < 0 or self.kinds[i] != TEXT:
            return None
        ch = self.text[i]
        if HAN_RE.match(ch) or ch in "·・":
            return "zh"
        if ch.isascii() and (ch.isalnum() or ch in "+#"):
            return "en"
        return None


@dataclass(frozen=True, slots=True)
class Verdict:
    drafts: tuple[Draft, ...] = ()
    previous: Draft | None = None  # a replacement for the previous gloss (a note adds its definition)


Rule = Callable[[Candidate], Verdict | None]

REJECT = Verdict()

# Bracket contents that are not glosses, recognised by how they begin.
_EXAMPLE = re.compile(
    r"^\s*(?:例如|比如|譬如|诸如|如|像是|举例|包括|包含|比方说"
    r"|e\.\s?g\.?|eg\.|for example|for instance|such as|including|like\s)",
    re.IGNORECASE,
)
_ALIAS = re.compile(
    r"^\s*(?:也称为|也称|也叫|又称为|又称|又叫|又名|简称|俗称|亦称|别名|别称|全称|原名|前身为|即|也就是|"
    r"a\.?k\.?a\.?|also known as|also called|formerly|i\.\s?e\.?|short for|abbreviated)",
    re.IGNORECASE,
)
_ASIDE = re.compile(
    r"^\s*(?:来自|当时|现任|曾任|曾是|时任|前任|现为|现在是|现就职|任职于|就职于|毕业于|位于|出生于|生于|"
    r"人名|地名|公司名|品牌名|音译|译注|译者注|编者注|原文|参见|详见|下同|同上|大笑|掌声|"
    r"(?:注|见|笑|续|完|上|下|略)(?=$|[\s:：\d，,、。…])|(?:图|表)\s*\d|"
    # what a product, a company or a person is: `Notion（一款笔记工具）`, `（此前在一家云厂商做存储）`
    r"一款|一家|一位|一名|此前|之前在|曾在|目前在|客座|嘉宾)"
)
# A bracket that opens with a conjunction, a hedge or a pronoun holds a clause, not a term:
# `GWP（无论世界GDP是怎么算的）`, `(we think)`.
_CLAUSE_OPENER = re.compile(
    r"^\s*(?:无论|不管|不论|如果|假如|假设|虽然|尽管|因为|由于|所以|因此|但是|但|可是|然而|其实|也许|或许|"
    r"大概|至少|当然|显然|毕竟|我们|你们|他们|她们|我|你|他|她|这是|那是|就是说|已经|已|曾经|即将|仍然|尚未|"
    # a comment on the thing, not its name: `Transformers（过于臃肿）`, `Claude（或者 Gemini）`
    r"过于|较为|相当|稍微|仅仅|仅|只是|或者|或是|还是|原生|"
    r"(?:i|we|you|he|she|they|it|it's|that's|this is|which|who|because|if|although|but|so)\b)",
    re.IGNORECASE,
)
_EN_SENTENCE = re.compile(r"^\s*[A-Za-z][\w'’-]*(?:\s+[\w'’-]+)*\s+(?:is|are|was|were)\s+\w", re.IGNORECASE)
_NUMERIC = re.compile(
    r"^[\s\d.,:;%‰~～\-–—/+×x*·年月日号时点分秒周天个倍次人万亿千百十约近超大概左右以上以下前后至到和及、第期章节页]+$"
)
_UNIT = re.compile(r"^\s*[~～约≈]?\s*\d[\d.,]*\s*(?:%|[KMGTP]i?B|[kKMB]|bn|ms|s|x|×|mins?|hours?|days?|years?)?\s*$")
# A unit of measure on its own, as table headers write it: `延迟（ms）`, `解码速度（tokens/s）`, `功耗（W）`.
_UNIT_ALONE = re.compile(
    r"^\s*(?:%|[munµμ]?s|秒|毫秒|[KMGTP]i?B|[KMGT]?Hz|[kKMG]?W|°C|(?:[KMGT]i?B|tokens?|tok|tokens?\s*每秒|req|qps)\s*/\s*(?:s|sec|秒))\s*$"
)
# `Andy Jones`, `Ilya`: one to three capitalised words; and what a bracket about a person says.
_NAME = re.compile(r"^(?:[A-Z]\.?\s)?(?:[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?\s?){1,3}$")
_ROLE = re.compile(
    r"首席|科学家|研究员|教授|联合创始人|创始人|CEO|CTO|COO|工程师|主持人|作者|总裁|负责人|经理|总监|博士|学者|投资人|合伙人|前\s*[A-Za-z]"
    r"|顾问|担任|曾任|记者|编辑|律师|议员|分析师|客座|嘉宾|主播|之父|之母|先驱|奠基人"
)
_SYMBOL = re.compile(r"[A-Za-z]\d?|[vV]?\d+(?:\.\d+)+[a-z]?")  # a variable, or a version number
# An acronym, or a one-letter symbol (Latin or Greek), after a comma: `（Multi-Agent System, MAS）`, `（Policy, π）`.
_ACRONYM_ALIAS = re.compile(r"\s*[,，]\s*(?:[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*s?|[A-Za-z\u0370-\u03ff])$")
# An English run that names no term: a file, an address, a quantity, a sum of parts.
_NOT_A_TERM = re.compile(
    r"""\w@[\w-]+\.[a-z]                         # an e-mail address (pass@k is a metric)
    | \b[\w-]+\.(?:lock|py|js|ts|json|toml|ya?ml|md|txt|sh|cfg|ini|rs|go|csv)$   # a file name
    | ^\d+(?:\.\d+)?[KMBT]\b                   # a quantity: 38B tokens, 7B
    | \s\+\s                                   # a combination: ViT + LLM
    """,
    re.VERBOSE,
)
_NAME_PAIR = re.compile(r"^[A-Z][\w.-]*/[A-Z][\w.-]*$")  # Ray/Dask, DeepSpeed/Megatron: two tools
_CODE = re.compile(r"[=;{}<>]|::|\w\.\w+\.\w|\w_\w|\(\)")
_LABEL_ZH = re.compile(r"^\s*(?:中文|汉语|中译|Chinese|CN|ZH)\s*[:：]\s*", re.IGNORECASE)
_LABEL_EN = re.compile(r"^\s*(?:英文|英语|English|EN|Eng\.?)\s*[:：]\s*", re.IGNORECASE)
_NOTE = re.compile(r"^\s*(?P<label>中文|汉语|英文|英语)\s*[:：]\s*")
_COLON = re.compile(r"\s*[:：]\s*")
_COMMA = re.compile(r"\s*[,，]\s*")
_LAST_COMMA = re.compile(r"\s*[,，]\s*(?=[^,，]*$)")
# Words that make a bracketed Chinese a description rather than an equivalent.
_CLAUSE = re.compile(r"但|而且|并且|并非|很|非常|几乎|能够|可以|用于|用来|用以|一种|指的是|是指|意味着")
_TRIM = " \t\n*_~`\"'“”‘’「」『』《》〈〉"
MAX_EN_WORDS = 6  # a longer English bracket after Chinese is a quoted sentence, not a term


def reject_numbers(c: Candidate) -> Verdict | None:
    """Numbers, dates, units, ranges: `（约 3 倍）`, `(2019)`, `（5-10 人）`, `（ms）`."""
    inner = c.inner.strip()
    if not inner or _NUMERIC.match(inner) or _UNIT.match(inner) or _UNIT_ALONE.match(inner):
        return REJECT
    return None


def reject_examples(c: Candidate) -> Verdict | None:
    """Examples: `（如 NVIDIA H100s）`, `（例如生成诗歌）`, `(e.g. LLMs)`."""
    return REJECT if _EXAMPLE.match(_strip_labels(c.inner)) else None


def reject_aliases(c: Candidate) -> Verdict | None:
    """Aliases and same-language expansions: `O1（也称为Strawberry）`, `（即…）`, `(aka …)`."""
    return REJECT if _ALIAS.match(c.inner) else None


def reject_asides(c: Candidate) -> Verdict | None:
    """Asides about people, places and the text itself: `**Andy Jones**（来自Anthropic）`, `Ash（人名）`,
    `**Ilya**（前 OpenAI 首席科学家）`, `（笑）`, `（注：…）`; and a Chinese bracket after a person's
    name from the metadata, unless it transliterates the name (`·`)."""
    if _ASIDE.match(c.inner):
        return REJECT
    if c.before_script() != "en" or not HAN_RE.search(c.inner):
        return None
    run = run_before(c.text, c.kinds, c.pair.open, "en")
    if run is None or "·" in c.inner:
        return None
    name_like = bool(_NAME.match(run.text))
    if run.text.casefold() in c.people or (name_like and _ROLE.search(c.inner)):
        return REJECT
    return None


def reject_clauses(c: Candidate) -> Verdict | None:
    """Clauses: a bracket that opens like a sentence, `GWP（无论世界GDP是怎么算的）`, `(we think so)`, or an
    English sentence with its verb, `“内存才是新的算力”（memory is the new compute）`: a translated
    sentence, not a term."""
    inner = _strip_labels(c.inner)
    return REJECT if _CLAUSE_OPENER.match(inner) or _EN_SENTENCE.match(inner) else None


def reject_code(c: Candidate) -> Verdict | None:
    """Code: a bracket holding only inline code (``（`-Fc`）``), or code and maths left outside
    backticks or dollars (`f(x)`, `(torch.nn.Module)`, `(a = b)`)."""
    inside = range(c.pair.open + 1, c.pair.close)
    if all(c.kinds[i] != TEXT or c.text[i].isspace() for i in inside) or _CODE.search(c.inner):
        return REJECT
    return None


def reject_symbols(c: Candidate) -> Verdict | None:
    """Symbols, versions, files and combinations are not terms: `替换（S）`, `n(样本数)`, `v0.3（草稿）`,
    `uv.lock（…）`, `name@mail.com（邮件联系）`, `38B tokens（d32 模型）`, `ViT + LLM（视觉理解）`, and two names
    one Chinese phrase describes together, `Ray/Dask（分布式框架）`."""
    inner = _strip_labels(c.inner).strip(_TRIM)
    if _SYMBOL.fullmatch(inner):
        return REJECT
    script = c.before_script()
    if script == "zh" and not HAN_RE.search(inner) and (_NOT_A_TERM.search(inner) or _NAME_PAIR.search(inner)):
        run = run_before(c.text, c.kinds, c.pair.open, "zh")
        if not _NAME_PAIR.search(inner) or (run and not re.search(r"[/／、]", run.text)):
            return REJECT
    if script == "en" and HAN_RE.search(inner):
        run = run_before(c.text, c.kinds, c.pair.open, "en")
        if run and (_SYMBOL.fullmatch(run.text.split()[-1]) or _NOT_A_TERM.search(run.text)):
            return REJECT
        if run and _NAME_PAIR.search(run.text) and not re.search(r"[/／、]", inner):
            return REJECT
    return None


def note_definition(c: Candidate) -> Verdict | None:
    """A note after a term: `“**主动性（Agency）**”（中文: 主动性/能动性: 指…）` gives the gloss before it
    its definition; `**Transformers**（英文: Transformers: 一种…）` glosses an English term with a
    Chinese explanation and no Chinese term."""
    note = _NOTE.match(c.inner)
    if not note:
        return None
    term, definition = _split_once(c.inner[note.end() :], _COLON)
    term = term.strip()
    definition = _clean_zh(definition) if definition else None
    previous = c.previous
    if previous is not None and _only_marks_between(c, previous.close + 1, c.pair.open):
        if definition and not previous.definition:
            return Verdict(previous=dataclasses.replace(previous, definition=definition))
        return REJECT
    if definition is None or c.before_script() != "en":
        return None  # a labelled gloss, `强化学习（英文：reinforcement learning）`: the main rules read it
    run = run_before(c.text, c.kinds, c.pair.open, "en")
    en = trim_english(run, term, c.english_context) if run else None
    if not en:
        return REJECT
    if note["label"] in ("英文", "英语"):
        draft = _draft(c, en, None, definition, Direction.EN_ZH, GlossKind.EXPLANATION, "note_definition")
    else:
        draft = _draft(c, en, _clean_zh(term), definition, Direction.EN_ZH, GlossKind.TRANSLATION, "note_definition")
    return Verdict((draft,))


def parallel_alternatives(c: Candidate) -> Verdict | None:
    """`甲 / 乙 (Alpha / Beta)`, `预训练与微调（Pre-training, Fine-tuning）`: as many terms before the bracket
    as alternatives inside, paired in order."""
    inner = _LABEL_EN.sub("", _LABEL_ZH.sub("", c.inner, count=1), count=1)
    if (joined := _joined_pairs(c, inner)) is not None:
        return joined
    parts = [p.strip(_TRIM) for p in re.split(r"\s*/\s*", inner)]
    script = c.before_script()
    if len(parts) < 2 or script is None or not all(parts):
        return None
    inner_script = "zh" if all(HAN_RE.search(p) for p in parts) else "en"
    if inner_script == script or (inner_script == "en" and any(HAN_RE.search(p) for p in parts)):
        return None
    terms: list[Run] = []
    pos = c.pair.open
    for _ in parts:
        run = run_before(c.text, c.kinds, pos, script)
        if run is None:
            return None
        terms.insert(0, run)
        slash = run.start - 1
        while slash >= 0 and c.text[slash] == " ":
            slash -= 1
        pos = slash
        if len(terms) < len(parts) and (slash < 0 or c.text[slash] != "/"):
            return None
    drafts = []
    for run, part in zip(terms, parts, strict=True):
        if script == "zh":
            zh, en, direction = trim_chinese(run, part, c.repeats), part, Direction.ZH_EN
        else:
            zh, en, direction = part, trim_english(run, part, c.english_context), Direction.EN_ZH
        if not zh or not en:
            return None
        drafts.append(_draft(c, en, zh, None, direction, GlossKind.TRANSLATION, "parallel_alternatives"))
    return Verdict(tuple(drafts))


def _joined_pairs(c: Candidate, inner: str) -> Verdict | None:
    """Chinese terms joined by 与/和/及/、 before a bracket of as many English terms separated by commas."""
    parts = [p.strip(_TRIM) for p in _COMMA.split(inner)]
    if len(parts) < 2 or c.before_script() != "zh" or _without_alias(inner) != inner:
        return None
    if not all(p and LATIN_RE.search(p) and not HAN_RE.search(p) and len(p.split()) <= 3 for p in parts):
        return None
    run = run_before(c.text, c.kinds, c.pair.open, "zh")
    pieces = re.split(r"(与|和|及|、)", run.text) if run else []
    if len(pieces) < 2 * len(parts) - 1:
        return None
    assert run is not None
    at = len(pieces) - (2 * len(parts) - 1)  # the first term's piece: the run before it may hold more words
    terms = pieces[at::2]
    end = run.end - len("".join(pieces[at + 1 :]))
    first = trim_chinese(Run(end - len(terms[0]), end, terms[0], False), parts[0], c.repeats)
    if not first or not all(terms[1:]):
        return None
    drafts = [
        _draft(c, en, zh, None, Direction.ZH_EN, GlossKind.TRANSLATION, "parallel_alternatives")
        for en, zh in zip(parts, [first, *terms[1:]], strict=True)
    ]
    return Verdict(tuple(drafts))


def _abbreviates(acronym: str, expansion: str) -> bool:
    """``acronym`` is spelled by ``expansion``: its first letter starts it, and its capitals follow in order.

    >>> _abbreviates("SFT", "Supervised Fine-Tuning"), _abbreviates("FLOPs", "Floating Point Operations")
    (True, True)
    >>> _abbreviates("Scaling", "Supervised Fine-Tuning")
    False
    """
    letters = [ch.casefold() for ch in acronym if ch.isupper()]
    if len(letters) < 2 or sum(ch.isupper() for ch in acronym) < len(acronym.rstrip("s")) - 2:
        return False
    written = expansion.casefold()
    if not written.startswith(letters[0]):
        return False
    rest = iter(written)
    return all(ch in rest for ch in letters)


def _without_alias(english: str) -> str:
    """The English without a trailing alias after a comma: an acronym, or a lower-case abbreviation
    spelled from the phrase's own letters, first letter first.

    >>> _without_alias("Supervised Fine-Tuning, SFT"), _without_alias("memory-mapped，mmap")
    ('Supervised Fine-Tuning', 'memory-mapped')
    >>> _without_alias("tokens, words")
    'tokens, words'
    """
    if _ACRONYM_ALIAS.search(english):
        return _ACRONYM_ALIAS.sub("", english)
    head, tail = _split_once(english, _LAST_COMMA)
    if tail is None or not re.fullmatch(r"[a-z][a-z0-9]+", tail):
        return english
    letters = re.sub(r"[^a-z0-9]", "", head.casefold())
    rest = iter(letters[1:])
    if tail[0] == letters[:1] and len(tail) * 2 <= len(letters) and all(ch in rest for ch in tail[1:]):
        return head
    return english


def zh_term_en_gloss(c: Candidate) -> Verdict | None:
    """`泛化(generalization)`, `**计算能力**（Compute Power）`, `**涌现属性**（Emergent Properties: 指…）`.

    The bracket holds English (and perhaps a Chinese definition after a colon); the Chinese term
    before it may carry English words the bracket has too (`KV 缓存（KV cache）`). A trailing
    acronym or abbreviation is an alias, not part of the term: `（Supervised Fine-Tuning, SFT）`,
    `（memory-mapped，mmap）`.
    """
    inner = _LABEL_EN.sub("", c.inner, count=1)
    head, definition = _split_once(inner, _COLON)
    if definition is not None and LATIN_RE.search(definition) and not HAN_RE.search(definition):
        head, definition = inner, None  # `（Note: this is English）` is one English phrase
    if definition is None:  # `（anchor box，以每个像素为中心的候选框）`: a Chinese definition after a comma
        first, rest = _split_once(inner, _COMMA)
        if rest is not None and HAN_RE.search(rest) and not HAN_RE.search(first):
            if c.before_script() == "en":
                return None  # `SFT（Supervised Fine-Tuning，监督式微调）`: the English term is glossed by the Chinese
            head, definition = first, rest
    en = _without_alias(" ".join(head.split())).strip(_TRIM)
    if not en or HAN_RE.search(en) or not LATIN_RE.search(en):
        return None
    if "、" in en:  # `索引类型（HNSW、IVF、PQ）`: a list of examples, not an equivalent
        return REJECT
    if len(en.split()) > MAX_EN_WORDS:
        return REJECT
    run = run_before(c.text, c.kinds, c.pair.open, "zh")
    zh = trim_chinese(run, en, c.repeats) if run else None
    if not zh:
        return REJECT
    definition = _clean_zh(definition) if definition else None
    return Verdict((_draft(c, en, zh, definition, Direction.ZH_EN, GlossKind.TRANSLATION, "zh_term_en_gloss"),))


def en_term_zh_gloss(c: Candidate) -> Verdict | None:
    """`deep learning(深度学习)`, `scrappy(资源有限但执行力很强)`, `low hanging fruits(低垂果实,容易摘的机会)`."""
    inner = _LABEL_ZH.sub("", c.inner, count=1)
    if not HAN_RE.search(inner) or c.before_script() != "en":
        return None
    head, definition = _split_once(inner, _COLON)
    expansion = None
    if definition is None:
        head, definition = _split_once(inner, _COMMA)
        if definition is not None and not HAN_RE.search(head) and HAN_RE.search(definition):
            # `mixture of experts（MoE，混合专家）`, `SFT（Supervised Fine-Tuning，监督式微调）`: an acronym or the
            # English written out comes first; the Chinese after the comma is the gloss
            expansion = head
            head, definition = _split_once(definition, _COMMA)
        elif definition is not None and (len(HAN_RE.findall(head)) > 8 or not HAN_RE.search(definition)):
            head, definition = inner, None  # a comma inside a long explanation is not a split
    zh = _clean_zh(head)
    han = len(HAN_RE.findall(zh))
    if han == 0:  # `多 agent`, `数字 AGI`: Chinese renderings keep English words
        return REJECT
    run = run_before(c.text, c.kinds, c.pair.open, "en")
    en = trim_english(run, zh, c.english_context) if run else None
    if not en or not LATIN_RE.search(en):
        return REJECT
    if expansion and _abbreviates(en.split()[-1], expansion):
        en = en.split()[-1]  # `Scaling SFT（Supervised Fine-Tuning，…）`: the bracket glosses the acronym
    kind = _kind_of(en, zh)
    definition = _clean_zh(definition) if definition else None
    return Verdict((_draft(c, en, zh, definition, Direction.EN_ZH, kind, "en_term_zh_gloss"),))


BRACKET_RULES: tuple[tuple[str, Rule], ...] = (
    ("reject_numbers", reject_numbers),
    ("reject_examples", reject_examples),
    ("reject_aliases", reject_aliases),
    ("reject_asides", reject_asides),
    ("reject_clauses", reject_clauses),
    ("reject_code", reject_code),
    ("reject_symbols", reject_symbols),
    ("note_definition", note_definition),
    ("parallel_alternatives", parallel_alternatives),
    ("zh_term_en_gloss", zh_term_en_gloss),
    ("en_term_zh_gloss", en_term_zh_gloss),
)


def _kind_of(en: str, zh: str) -> GlossKind:
    """Explanation when the Chinese is much longer than a translation would be, or reads as a clause.

    Calibrated on the seed gold: `treadmill(跑步机式循环)` (6 characters for one word) translates,
    `scrappy(资源有限但执行力很强)` (10) explains.
    """
    han = len(HAN_RE.findall(zh))
    weight = chinese_words_for(en, generous=True)
    if han > 4 * weight + 2 or (han >= 5 and _CLAUSE.search(zh)):
        return GlossKind.EXPLANATION
    return GlossKind.TRANSLATION


def _draft(
    c: Candidate, en: str, zh: str | None, definition: str | None, direction: Direction, kind: GlossKind, rule: str
) -> Draft:
    return Draft(en, zh, definition or None, direction, kind, rule, c.pair.open, c.pair.close)


def _split_once(text: str, separator: re.Pattern[str]) -> tuple[str, str | None]:
    match = separator.search(text)
    if not match or not text[: match.start()].strip() or not text[match.end() :].strip():
        return text, None
    return text[: match.start()], text[match.end() :]


def _strip_labels(text: str) -> str:
    return _LABEL_EN.sub("", _LABEL_ZH.sub("", text, count=1), count=1)


def _clean_zh(text: str) -> str:
    """Chinese as written, without surrounding marks and without the breaks of a hard wrap."""
    return re.sub(r"\s*\n\s*", "", text).strip(_TRIM)


def _only_marks_between(c: Candidate, start: int, end: int) -> bool:
    return all(c.text[i].isspace() or c.kinds[i] == MARKUP or c.text[i] in CLOSE_QUOTES for i in range(start, end))
