"""On the seeds, as a learner meets them: one note per concept, no names or headings, and a 中文 → English
front that several terms share always says so."""

from __future__ import annotations

from collections import defaultdict

import pytest

from vocab import load_corpus, parse_document, select_terms
from vocab.export.anki import FIELDS, note_fields
from vocab.extract import extract_glosses
from vocab.identity import zh_key
from vocab.models import CardType, GlossKind, TermQuery
from vocab.rank import rank_terms

from .conftest import SEEDS


@pytest.fixture(scope="module")
def seed_terms():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    corpus = load_corpus([SEEDS])
    return corpus, select_terms(corpus)


def test_an_acronym_and_its_expansion_are_one_note(seed_terms) -> None:
    _, terms = seed_terms
    shown = {t.en for t in terms}
    assert "reinforcement learning (RL)" in shown and "large language models (LLMs)" in shown
    english = [form.casefold() for t in terms for form in t.en_forms]
    assert english.count("rl") == 1 and english.count("llms") == 1  # each form belongs to one term only


def test_no_names_and_no_parallel_headings_are_terms(seed_terms) -> None:
    corpus, terms = seed_terms
    assert not [t.en for t in terms if t.kind is GlossKind.NAME]
    names = [t.en for t in corpus.terms if t.kind is GlossKind.NAME]
    assert "Sean McGuire" in names  # still found, and back with --include-names
    assert "Sean McGuire" in {t.en for t in select_terms(corpus, query=TermQuery(include_names=True))}
    headings = {g.en for g in corpus.glosses if g.rule == "bilingual_heading"}
    assert headings and not headings & {form for t in corpus.terms for form in t.en_forms}


def test_no_term_is_shown_title_cased_where_a_gloss_writes_it_in_lower_case(seed_terms) -> None:
    corpus, _ = seed_terms
    titled = [t.en for t in corpus.terms if t.en[:1].isupper() and t.en.lower() in t.en_forms]
    assert not titled
    assert {"interpretability", "toolbox"} <= {t.en for t in corpus.terms}  # bracketed `（Interpretability）`
    assert "Go" in {t.en for t in corpus.terms}  # the dictionary writes the game capitalised


def test_notes_that_share_a_chinese_front_say_so(seed_terms) -> None:
    corpus, terms = seed_terms
    documents = {d.path: d for d in corpus.documents}
    fronts = defaultdict(list)
    for term in terms:
        if term.zh:
            fronts[zh_key(term.zh)].append(term)
    front = FIELDS.index("ContextZh")
    for group in (g for g in fronts.values() if len(g) > 1):
        for term in group:
            others = {t.en for t in group if t is not term}
            field = note_fields(term, tuple(CardType), documents)[front]
            assert "also: " in field and all(other in field for other in others), (term.en, field)


def test_a_shared_chinese_front_names_the_other_terms() -> None:
    document = parse_document("我们做 evaluation(评测)。\n也看 benchmark(评测)。\n", "ep.txt")
    terms = {t.en: t for t in rank_terms(list(extract_glosses(document)), [document])}
    front = FIELDS.index("ContextZh")
    fields = note_fields(terms["evaluation"], tuple(CardType), {document.path: document})
    assert fields[front].startswith('<div class="hint">also: benchmark</div>')
