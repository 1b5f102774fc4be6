"""Every command is one library call away from Python: list, glossary, build, deck, review, edit and
known, driven through ``import vocab`` with no CliRunner, and ExtractConfig threaded from the corpus."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

import vocab
from vocab import (
    DeckOptions,
    ExtractConfig,
    LookupFailed,
    MarkStatus,
    OutputFormat,
    ReviewDirection,
    ReviewSession,
    TermEdit,
    TermOrder,
    TermQuery,
)
from vocab.cli import cli

from .conftest import EXAMPLES

NOON = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def corpus() -> vocab.Corpus:
    loaded = vocab.load_corpus([EXAMPLES])
    assert not loaded.errors and loaded.terms
    return loaded


def test_every_library_name_is_public() -> None:
    missing = [name for name in vocab.__all__ if not hasattr(vocab, name)]
    assert missing == []


def test_list_is_select_terms(corpus: vocab.Corpus, tmp_path: Path) -> None:
    """`vocab list --sort count --top 5 --format jsonl` and the library call give the same terms."""
    terms = vocab.select_terms(corpus, query=TermQuery(order=TermOrder.COUNT, top=5))
    assert [t.count for t in terms] == sorted((t.count for t in terms), reverse=True) and len(terms) == 5
    shown = vocab.render_records([vocab.term_record(t) for t in terms], OutputFormat.JSONL)
    result = CliRunner().invoke(
        cli, ["list", str(EXAMPLES), "--sort", "count", "--top", "5", "--format", "jsonl"],
        env={"VOCAB_HOME": str(tmp_path)},
    )  # fmt: skip
    assert result.exit_code == 0 and result.stdout == shown


def test_load_corpus_takes_one_path_as_it_takes_a_list(corpus: vocab.Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    """`load_corpus("examples")` read each letter as a path (seven errors, no document)."""
    monkeypatch.chdir(EXAMPLES.parent)  # a relative name: read letter by letter, it fails at once
    for one in (EXAMPLES.name, Path(EXAMPLES.name)):
        alone = vocab.load_corpus(one)
        assert not alone.errors and len(alone.documents) == len(corpus.documents)


def test_select_terms_filters(corpus: vocab.Corpus) -> None:
    everyday = vocab.select_terms(corpus, query=TermQuery(min_zipf=4.0))
    assert everyday and all(t.zipf_en >= 4.0 for t in everyday)
    srt = vocab.select_terms(corpus, query=TermQuery(document="agents-talk"))
    assert srt and all(any("agents-talk" in d for d in t.documents) for t in srt)
    assert srt[0].first.source.endswith((".srt", ".vtt"))  # its context comes from the document asked for


def test_glossaries_and_deck(corpus: vocab.Corpus, tmp_path: Path) -> None:
    written, new = vocab.write_glossaries(corpus.documents, corpus.terms, tmp_path / "g", OutputFormat.JSON)
    assert len(written) == len(corpus.documents) + 1 and len(new) == len(corpus.terms)
    index = json.loads((tmp_path / "g" / "index.json").read_text(encoding="utf-8"))
    assert [row["en"] for row in index["terms"]] == [t.en for t in corpus.terms]
    notes = vocab.write_deck(corpus.terms[:10], corpus.documents, tmp_path / "d.apkg", DeckOptions())
    assert notes == 10 and zipfile.is_zipfile(tmp_path / "d.apkg")


def test_marks_edits_and_review_through_the_store(corpus: vocab.Corpus, tmp_path: Path) -> None:
    top, second = corpus.terms[0], corpus.terms[1]
    with vocab.open_store(tmp_path) as store:
        assert vocab.mark_words(store, [top.en, " "], MarkStatus.KNOWN, NOON) == [top.en]
        assert vocab.mark_words(store, [top.en], MarkStatus.KNOWN, NOON) == []  # nothing new
        edit = vocab.edit_term(store, corpus.terms, second.zh or second.en, TermEdit("", definition="mine"), NOON)
        assert edit.term == second.key and edit.definition == "mine"
        curation = vocab.load_curation(tmp_path)
        kept = vocab.select_terms(corpus, curation)
        assert top.key not in {t.key for t in kept}
        assert next(t for t in kept if t.key == second.key).definition == "mine"
        session = ReviewSession(store, kept, ReviewDirection.EN_ZH.sides, clock=lambda: NOON)
        item = session.next()
        assert item is not None and item.term.key == kept[0].key
        session.answer(item, 3)
        assert store.cards()[(item.term.key, item.side)].term == kept[0].key
        assert vocab.review_stats(store, NOON).reviews_today == 1
        assert vocab.reset_term(store, corpus.terms, second.en) and not vocab.reset_term(store, corpus.terms, second.en)
        assert [m.word for m in vocab.unmark_words(store, [top.en])] == [top.en]


def test_a_name_that_is_one_terms_english_and_anothers_alias_finds_the_first() -> None:
    """A learner's report: `vocab edit GDPR` was refused as naming two terms, `GDPR` (欧盟) and `general data protection
    regulation (GDPR)`, though it is the first's own English; an alias two expansions share still names neither."""
    documents = [
        vocab.parse_document("法规叫通用数据保护条例（General Data Protection Regulation，GDPR）。\n", "a.md"),
        vocab.parse_document("欧洲的 GDPR（欧洲法规）很严。\n", "b.md"),
        vocab.parse_document("另一个是全局数据保护规则（global data protection rule，GDPR）。\n", "c.md"),
    ]
    terms = vocab.rank_terms([g for d in documents for g in vocab.extract_glosses(d)], documents)
    assert vocab.find_term("GDPR", terms) == "gdpr"
    with pytest.raises(LookupFailed, match="names several terms"):
        vocab.find_term("GDPR", [t for t in terms if t.key != "gdpr"])


def test_lookups_name_what_failed(corpus: vocab.Corpus, tmp_path: Path) -> None:
    with pytest.raises(LookupFailed, match="is in no term of PATHS") as missing:
        vocab.find_term("no such term at all", corpus.terms)
    assert missing.value.subject == "term"
    top, second = corpus.terms[0], corpus.terms[1]
    with vocab.open_store(tmp_path) as store, pytest.raises(LookupFailed, match="is already term #1") as taken:
        vocab.edit_term(store, corpus.terms, second.en, TermEdit("", en=top.en))
    assert taken.value.subject == "english"


def test_a_disabled_rule_finds_nothing() -> None:
    document = vocab.read_document(EXAMPLES / "scaling-and-data-summary.md")
    rules = {g.rule for g in vocab.extract_glosses(document)}
    assert "zh_term_en_gloss" in rules
    config = ExtractConfig(frozenset({"zh_term_en_gloss"}))
    assert "zh_term_en_gloss" not in {g.rule for g in vocab.extract_glosses(document, config)}
    whole = vocab.load_corpus([EXAMPLES])
    fewer = vocab.load_corpus([EXAMPLES], config=config)
    assert 0 < len(fewer.glosses) < len(whole.glosses)
    assert all(g.rule != "zh_term_en_gloss" for g in fewer.glosses)


def test_a_misspelt_rule_is_refused() -> None:
    with pytest.raises(LookupFailed, match="no rule named 'zh_term_en_glos': the rules are ") as refused:
        ExtractConfig(frozenset({"zh_term_en_glos"}))
    assert refused.value.subject == "rule" and all(name in str(refused.value) for name in vocab.RULE_NAMES)


def test_disable_rule_on_the_command_line(tmp_path: Path) -> None:
    document = str(EXAMPLES / "scaling-and-data-summary.md")
    result = CliRunner().invoke(cli, ["extract", "--format", "jsonl", "--disable-rule", "zh_term_en_gloss", document])
    assert result.exit_code == 0 and result.stdout
    assert all(json.loads(line)["rule"] != "zh_term_en_gloss" for line in result.stdout.splitlines())
    typo = CliRunner().invoke(cli, ["list", "--disable-rule", "nope", document], env={"VOCAB_HOME": str(tmp_path)})
    assert typo.exit_code == 2
    assert "Invalid value for --disable-rule: no rule named 'nope': the rules are " in typo.stderr


def test_known_import_marks_learned_notes(corpus: vocab.Corpus, tmp_path: Path) -> None:
    """`vocab known import` is read_anki_notes + import_known: a learned note matching a term marks it known."""
    from vocab.learner.anki_import import AnkiNote

    top, second = corpus.terms[0], corpus.terms[1]
    notes = [
        AnkiNote("g1", "Basic", False, {"Front": top.en, "Back": "x"}, interval=30),  # learned: marks top
        AnkiNote("g2", "Basic", False, {"Front": second.en}, interval=3),  # young: not learned
    ]
    with vocab.open_store(tmp_path) as store:
        done = vocab.import_known(store, notes, corpus.terms, min_interval=21, when=NOON)
        assert (done.match.notes, done.match.learned, done.newly_known, done.studied) == (2, 1, 1, True)
        assert done.matched == {top.key: top.en}
        assert vocab.import_known(store, notes, corpus.terms, min_interval=21, when=NOON).newly_known == 0
    assert top.key not in {t.key for t in vocab.select_terms(corpus, vocab.load_curation(tmp_path))}
