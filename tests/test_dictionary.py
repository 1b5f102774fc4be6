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
