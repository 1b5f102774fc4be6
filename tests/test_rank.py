"""Terms: variants merge, mentions count once per utterance, rarity and score behave as documented."""

from __future__ import annotations

import math
from pathlib import Path

from vocab import parse_document
from vocab.corpus import terms_of_documents
from vocab.extract import extract_glosses
from vocab.identity import en_key, zh_key
from vocab.models import Corpus, GlossKind, SegmentKind
from vocab.rank import COMMON_ZIPF, rank_terms, score_of, zipf
from vocab.text import term_pinyin

from .conftest import seed_path


def _terms(*texts: str, path: str = "doc{}.txt"):
    documents = [parse_document(text, path.format(i)) for i, text in enumerate(texts)]
    glosses = [g for d in documents for g in extract_glosses(d)]
    return {t.key: t for t in rank_terms(glosses, documents)}


def test_variants_merge_and_keep_their_forms() -> None:
    terms = _terms(
        "我们谈到 world models(世界模型)。\n还有 World Model(世界模型)。\n"
        "以及 pre-training(预训练)和 pretraining(預訓練)。"
    )
    world = terms[en_key("world model")]
    assert world.en_forms == ("world models", "World Model")
    assert world.glossed == 2 and world.zh == "世界模型"
    pre = terms[en_key("pre training")]
    assert pre.en_forms == ("pre-training", "pretraining")
    assert pre.zh_forms == ("预训练",)  # Traditional 預訓練 folded into Simplified


def test_an_explanation_keeps_its_chinese_punctuation() -> None:
    """A learner's report: an explanation's `，` was shown as an ASCII comma (NFKC: a key needs it, a learner not)."""
    terms = _terms("他整天在 firefighting（到处忙着救火，顾不上长远改进）。\n")
    assert terms["firefighting"].zh == "到处忙着救火，顾不上长远改进"


def test_a_term_is_shown_as_the_documents_write_it_and_read_as_simplified() -> None:
    alone = _terms("長上下文（long context）很貴。")[en_key("long context")]
    assert alone.zh == "長上下文" and alone.zh_forms == ("長上下文",)  # a Traditional text's own characters
    assert term_pinyin(alone) == "cháng shàng xià wén"  # pypinyin alone reads 長 zhǎng
    mixed = _terms("長上下文（long context）。", "长上下文（long context）。\n长上下文（long context）。")
    assert mixed[en_key("long context")].zh_forms == ("长上下文",)  # one word, as most glosses write it


def test_a_term_is_shown_in_a_sentence_that_writes_it_as_it_is_shown() -> None:
    """New-user reports 14 and 15: the card of 電子錢包, which the library writes in Traditional, had for its context
    the one Simplified sentence, the first by path; a document's own list shows the Chinese it writes."""
    simplified_first = "很多人用电子钱包（e-wallet）付款。"
    traditional = "電子錢包（e-wallet）很普及。\n年輕人都用電子錢包（e-wallet）。"
    documents = [parse_document(simplified_first, "a-mainland.txt"), parse_document(traditional, "b-taipei.txt")]
    corpus = Corpus(documents, [g for d in documents for g in extract_glosses(d)])
    term = rank_terms(corpus.glosses, corpus.documents)[0]
    assert (term.zh, term.first.source, term.first.sentence) == (
        "電子錢包",
        "b-taipei.txt",
        "電子錢包（e-wallet）很普及。",
    )
    factor = "排放因子（emission factor）要每年更新。\n排放因子（emission factor）因地而异。"
    hong_kong = "每度電的排放系數（emission factor）不同。"
    documents = [parse_document(factor, "mainland.txt"), parse_document(hong_kong, "hk.txt")]
    corpus = Corpus(documents, [g for d in documents for g in extract_glosses(d)])
    terms = rank_terms(corpus.glosses, corpus.documents)
    assert [t.zh for t in terms] == ["排放因子"]
    assert [(t.zh, t.first.source) for t in terms_of_documents(corpus, terms, "hk")] == [("排放系數", "hk.txt")]


def test_an_acronym_the_bracket_gives_names_the_term_and_counts_as_it() -> None:
    terms = _terms("消息传递接口（Message Passing Interface，MPI）很老了。\nMPI 至今还在用，MPI 的程序也好写。")
    mpi = terms[en_key("Message Passing Interface")]
    assert mpi.en.endswith("(MPI)") and mpi.glosses[0].alias == "MPI"
    assert mpi.count == 3  # the gloss, then MPI twice
    named = _terms("The Message Passing Interface (MPI) is old.\n消息传递接口（Message Passing Interface，MPI）很老。")
    assert named[en_key("Message Passing Interface")].en == "Message Passing Interface (MPI)"  # not a heading's case
    kept = _terms("我们还用 grouped-query attention(分组查询注意力，GQA)，它能缩小缓存。")  # the acronym in its gloss
    assert kept[en_key("grouped-query attention")].count == 1
    mixed = _terms("我们用了混合专家（mixture of experts，MoE）架构。")  # a bracket's acronym in mixed case is one too
    assert mixed[en_key("mixture of experts")].en == "mixture of experts (MoE)"


def test_same_english_different_chinese_is_one_term_with_senses() -> None:
    terms = _terms("做 scaffolding(脚手架式设计)。\n再做 scaffolding(脚手架式系统封装/编排)。")
    assert list(terms) == ["scaffolding"]
    assert terms["scaffolding"].zh_forms == ("脚手架式设计", "脚手架式系统封装/编排")


def test_an_acronym_and_its_expansion_with_one_chinese_are_one_term_shown_together() -> None:
    terms = _terms("在 RL(强化学习)上。\n在 reinforcement learning(强化学习)上。\n又说 RL 和 reinforcement learning。")
    assert set(terms) == {"reinforcementlearning"}  # the expansion's identity: its note outlives the counts
    term = terms["reinforcementlearning"]
    assert term.en == "reinforcement learning (RL)"
    assert term.en_forms == ("RL", "reinforcement learning") and term.glossed == 2


def test_a_bracket_that_names_an_acronym_and_its_expansion_joins_their_terms() -> None:
    """Learner's trial 58 #5: `首 token 延迟（TTFT, Time To First Token）` in one document and `首个 token
    延迟（time to first token）` in another were two notes: their Chinese differ, but the bracket says the two English
    are one term."""
    terms = _terms("**首词延迟**（TTFD, Time To First Draft）很关键。\n", "追踪首个词延迟（time to first draft）。\n")
    assert set(terms) == {en_key("time to first draft")}
    term = terms[en_key("time to first draft")]
    assert term.en == "time to first draft (TTFD)" and set(term.zh_forms) == {"首词延迟", "首个词延迟"}


def test_an_acronym_shown_after_its_expansion_takes_the_expansions_number() -> None:
    """`large language model (LLMs)` read oddly (learner's check, session 58): the plural acronym said more often."""
    terms = _terms("很多 LLMs(大语言模型)。\n一些 LLMs(大语言模型)。\n一个 large language model(大语言模型)。\n")
    assert [t.en for t in terms.values()] == ["large language model (LLM)"]


def test_a_mixed_case_acronym_the_bracket_expands_is_shown_after_its_expansion() -> None:
    """Learner's trial 58 #9: `MoE（Mixture of Experts，混合专家模型）` was shown `MoE`, while `HBM（High Bandwidth
    Memory，…）` was shown with its expansion: an acronym need not be in capitals (MoE, LoRA) for its bracket to spell
    it."""
    terms = _terms(
        "再试 **MoD**（Mixture of Depths，深度混合）。\n",
        "和 **QLoRA**（Quantized Low-Rank Adapters，量化低秩适配器）。\n",
    )
    assert sorted(t.en for t in terms.values()) == ["mixture of depths (MoD)", "quantized low-rank adapters (QLoRA)"]


def test_an_acronym_whose_head_word_the_expansion_leaves_out_is_one_term_with_it() -> None:
    """A learner's report: `碳排放权交易（emissions trading）` and, in a table, `碳排放权交易（ETS）` (the system's
    acronym) were two notes with one Chinese front; an acronym whose letters begin otherwise stays apart."""
    terms = _terms("全国的碳排放权交易（emissions trading）起步了。\n表里写的是碳排放权交易（ETS）。\n")
    assert set(terms) == {"emissionstrading"} and terms["emissionstrading"].en == "emissions trading (ETS)"
    apart = _terms("我们做模型评估（model evaluation）。\n另一组做模型评估（EMS）。\n")
    assert len(apart) == 2  # EMS does not begin with m, e


def test_a_shortened_compound_and_a_spelling_with_one_chinese_are_one_term() -> None:
    """A learner's report: `tuning` and `fine-tuning` (微调), `symbolism` and `symbolicism` (符号主义) were two notes
    each with one Chinese front."""
    terms = _terms(
        "我们先做微调（fine-tuning）。\n后来又做了一轮微调（tuning）。\n"
        "早期的符号主义（symbolism）很强。\n也有人写作符号主义（symbolicism）。\n"
    )
    assert set(terms) == {"finetuning", "symbolicism"}  # the longer identity kept, as for an acronym
    assert len(terms["finetuning"].glosses) == 2


def test_british_and_american_spellings_with_one_chinese_are_one_term() -> None:
    """Learner's trial 63: `hypoglycaemia` in a British speaker's transcript and `hypoglycemia` in a press release, both
    低血糖, were two rows of an interpreter's glossary; a spelling's other words differ by more (`colour`/`color`)."""
    terms = _terms(
        "患者可能出现低血糖（hypoglycaemia）。\n新版会提前预警低血糖（hypoglycemia）。\n"
        "调色（colour grading）要早做。\n调色（color grading）很花时间。\n"
        "我们先建模（modelling），再建模（modeling）。\n"
    )
    assert set(terms) == {"hypoglycaemia", "colourgrading", "modelling"}
    assert [len(term.glosses) for term in terms.values()] == [2, 2, 2]


def test_an_acronym_glossed_alone_joins_the_expansion_a_bracket_gives_it_where_the_chinese_agrees() -> None:
    """Learner's trial 63: `总拥有成本（Total Cost of Ownership，TCO）` in a press release and `总体拥有成本（TCO）`
    in a talk were two terms. The bracket says TCO is the expansion's acronym, and the two Chinese write the same words;
    an acronym glossed with other Chinese stays apart (an acronym may stand for other things)."""
    terms = _terms(
        "总拥有成本（Total Cost of Ownership，TCO）下降三成。\n我很乐意回答关于总体拥有成本（TCO）的问题。\n"
        "价格按成本加保险费加运费（cost, insurance and freight，CIF）算。\n公式里的 CIF（累积分布）另说。\n"
    )
    tco = terms["totalcostofownership"]
    assert tco.en == "total cost of ownership (TCO)" and len(tco.glosses) == 2
    assert "cif" in terms and "costinsuranceandfreight" in terms


def test_an_acronym_written_before_its_expansion_is_shown_after_it() -> None:
    """New-user report 14: `平均訂單金額（AOV, average order value）` was shown `AOV` alone, where `（Gross Merchandise
    Volume，GMV）` was shown `gross merchandise volume (GMV)`."""
    (term,) = _terms("平均訂單金額（AOV, average order value）很重要。").values()
    assert term.en == "average order value (AOV)"


def test_an_acronym_whose_x_says_cross_is_one_term_with_its_expansion() -> None:
    """Learner report 55, item 11: `（XSS, cross-site scripting）` was one English `XSS, cross-site scripting`, and
    `XSS（跨站脚本攻击，Cross-Site Scripting）` lost its expansion: English writes `cross` and `trans` as X."""
    (term,) = _terms(
        "跨站脚本（XSS, cross-site scripting）很常见。\nXSS（跨站脚本攻击，Cross-Site Scripting）也叫注入。\n"
        "跨站脚本攻击（XSS）很危险。\n"
    ).values()
    assert term.en == "cross-site scripting (XSS)"
    assert {g.alias for g in term.glosses} == {"cross-site scripting", "Cross-Site Scripting", None}


def test_an_acronym_that_spells_a_capitalised_word_or_a_number_merges_with_its_expansion() -> None:
    terms = _terms(
        "二阶段提交（two-phase commit）要等所有参与者。\n2PC（二阶段提交）的问题是阻塞。\n"
        "开放智能标准（open AI standard）很常见。\nOAIS（开放智能标准）附带限制。"
    )
    assert set(terms) == {"twophasecommit", "openaistandard"}
    assert terms["twophasecommit"].en == "two-phase commit (2PC)"  # the digit spells `two`
    assert terms["openaistandard"].en == "open AI standard (OAIS)"  # `AI` gives both its letters
    apart = _terms("二阶段提交（two-phase commit）。\n3PC（二阶段提交）。")  # `3` is not `two`
    assert set(apart) == {"twophasecommit", "3pc"}


def test_inflections_shortenings_and_a_head_word_merge_when_the_chinese_agrees() -> None:
    terms = _terms(
        "先讲 neural net(神经网络)，再讲 neural network(神经网络)。\n"
        "有 continual(持续学习)，也有 continued learning(持续学习)。\n"
        "谈 scaling(规模)，也谈 scale(规模)。"
    )
    assert set(terms) == {"neuralnetwork", "continuedlearning", "scaling"}


def test_same_chinese_different_concepts_stay_apart_and_say_so() -> None:
    terms = _terms("做 evaluation(评测)。\n做 benchmark(评测)。")
    assert set(terms) == {"evaluation", "benchmark"}
    assert terms["evaluation"].also == ("benchmark",) and terms["benchmark"].also == ("evaluation",)


def test_display_takes_the_case_of_running_text() -> None:
    terms = _terms(
        "**强化学习**（Reinforcement Learning）是重点。\nWe study reinforcement learning every day.\n"
        "**计算能力**（Compute Power）也是。\n那是 PyTorch(框架名)的事。"
    )
    assert terms["reinforcementlearning"].en == "reinforcement learning"  # as running text writes it
    assert terms["computepower"].en == "compute power"  # a title-cased phrase with no running text
    assert terms["pytorch"].en == "PyTorch"  # inner capitals: a name keeps its case


def test_a_title_cased_word_is_shown_in_lower_case_on_evidence_of_a_common_word() -> None:
    terms = _terms(
        "**智能体**（Agent）是核心。\n每个 agent（智能体）都有工具。\n"  # a gloss writes it in lower case once
        "我们研究**可解释性**（Interpretability）。\n"  # 解释(性) is "to interpret", which it contains
        "棋手下**围棋**（Go）。\n"  # the dictionary writes the game of Go capitalised
        "再看**思维链**（Chain-of-Thought）。\n"  # a phrase of several words, hyphenated
        "他们用 Kimi（智能助手）。\n"  # no evidence of a common word: a name keeps its case
        "我们保存**检查点**（Checkpoint），每个 Checkpoint 都很大。\n"  # 检查 is "to check"; Chinese text capitalises
        "**变换器**（Transformer）很重要。\nWe explain the Transformer architecture.\n"  # English text does not
        "智能体按它的**策略**（Policy）行动。\n"  # 策略 names nothing in the dictionary; `policy` is everyday English
        "他们在**对话**（Chat）里用 Rust（一种语言）。\n"  # 对话 too; Rust is named by what it is: no gloss
        "- Model card（模型卡）：写清数据来源。\n"  # sentence case at a list item's head: 模型 is "model"
        "- Newton's method（牛顿法）：二阶方法。\n"  # a possessive names the inventor, though 牛顿 is also `newton`
        "- Padding（填充）：补齐长度。\n"  # the dictionary writes `padding` in lower case, and 填充 is no name
        "- Zero-shot（零个示例）：不给例子。\n"  # each part of the compound is a word it writes in lower case
        "- Microsoft（微软）：一家公司。\n"  # it writes Microsoft capitalised only
        "- Scalable oversight（可扩展监督）：一个方向。\nWe need scalable oversight.\n"  # lower case seen, then a stop
        "- The data wall（数据墙）：数据不够。\n他们撞上了 data wall（数据墙）。\n"  # shown as running text has it
        "## 缓存的**陈旧性**（Staleness）\n"  # a word the dictionary lacks, made of one it has (stale·ness)
        "哈伯定律（Hubble's Law）说明红移与距离成正比。\n"  # title case: the possessive is a name's, the rest not
    )
    assert terms["agent"].en == "agent"
    assert terms["interpretability"].en == "interpretability"
    assert terms["checkpoint"].en == "checkpoint"
    assert terms["transformer"].en == "Transformer"  # though 变换 is "to transform"
    assert terms["chainofthought"].en == "chain-of-thought"
    assert terms["go"].en == "Go" and terms["kimi"].en == "Kimi"
    assert terms["policy"].en == "policy" and terms["chat"].en == "chat" and "rust" not in terms
    assert terms["modelcard"].en == "model card" and terms["newton'smethod"].en == "Newton's method"
    assert terms["padding"].en == "padding" and terms["zeroshot"].en == "zero-shot"
    assert terms["microsoft"].en == "Microsoft"
    assert terms["scalableoversight"].en == "scalable oversight" and terms["datawall"].en == "data wall"
    assert terms["staleness"].en == "staleness"  # stale·ness: a common word made a noun
    assert terms["hubble'slaw"].en == "Hubble's law"


def test_a_title_cased_phrase_the_dictionary_writes_as_a_name_keeps_its_capitals() -> None:
    terms = _terms(
        "**南大西洋中层水**（South Atlantic Intermediate Water）很咸。\n"  # Atlantic: written capitalised only
        "海温异常叫**厄尔尼诺**（El Niño）。\n"  # 厄尔尼诺's own sense writes "El Niño"
        "**海洋热含量**（Ocean Heat Content）在上升。\n"  # no word of it a name: lower case, as before
    )
    assert terms["southatlanticintermediatewater"].en == "South Atlantic Intermediate Water"
    assert terms["elnino"].en == "El Niño"
    assert terms["oceanheatcontent"].en == "ocean heat content"


def test_a_title_cased_institution_or_law_keeps_its_capitals() -> None:
    terms = _terms(
        "申请可以找**法律援助署**（Legal Aid Department）。\n欧盟的**数字市场法**（Digital Markets Act）生效了。\n"
        "**海洋热含量**（Ocean Heat Content）在上升。\n"  # a common phrase: lower case, as before
    )
    assert terms["legalaiddepartment"].en == "Legal Aid Department"
    assert terms["digitalmarketsact"].en == "Digital Markets Act"
    assert terms["oceanheatcontent"].en == "ocean heat content"


def test_a_word_that_is_a_name_keeps_its_capital_in_a_title_cased_phrase() -> None:
    """The dictionary writes China, Dutch mostly capitalised; 沃灵顿, 拉姆齐, 马尔堡 write names by their sound (jieba
    knows none of them, or tags them names). The other words are common and go into lower case, as do words jieba
    tags a name that the dictionary gives as a common word (索引, "index") and a field's new words (扩缩)."""
    terms = _terms(
        "**中国绿色电力证书**（China Green Electricity Certificate）可以交易。\n**荷兰式拍卖**（Dutch Auction）降价。\n"
        "**沃灵顿效应**（Warrington Effect）很少见。\n**拉姆齐噪声**（Ramsey Noise）。\n"
        "**马尔堡模型**（Marlborough Model）。\n"
        "**索引下推**（Index Pushdown）。\n**水平扩缩器**（Horizontal Autoscaler）。\n"
    )
    assert terms["chinagreenelectricitycertificate"].en == "China green electricity certificate"
    assert terms["dutchauction"].en == "Dutch auction"
    assert terms["warringtoneffect"].en == "Warrington effect" and terms["ramseynoise"].en == "Ramsey noise"
    assert terms["marlboroughmodel"].en == "Marlborough model"
    assert terms["indexpushdown"].en == "index pushdown" and terms["horizontalautoscaler"].en == "horizontal autoscaler"


def test_a_word_that_designates_by_a_numeral_keeps_its_capital() -> None:
    """`System 1` names one of two systems: its capital is the author's, not a bracket's title case (learner
    report 55, item 11); the words after the designation go into lower case as before."""
    terms = _terms("快思考叫作**系统1**（System 1）。\n最高一级是**5级自动驾驶**（Level 5 Autonomy）。\n")
    assert terms["system1"].en == "System 1"
    assert terms["level5autonomy"].en == "Level 5 autonomy"


def test_the_headword_is_singular_where_glosses_write_it_as_often() -> None:
    """Learner's trial 56, item 5: `hallucinations` was shown beside a sentence that says `hallucination`."""
    terms = _terms(
        "最后一个坑是幻觉（hallucinations）。\n幻觉（hallucination）是指模型编造事实。\n"
        "缩放定律（scaling laws）很重要，缩放定律（scaling laws）也有争议，单条缩放定律（scaling law）。\n"
        "大语言模型（large language models）越来越大。\n"
    )
    assert terms["hallucination"].en == "hallucination"
    assert terms["scalinglaw"].en == "scaling laws"  # said more often in the plural
    assert terms["largelanguagemodel"].en == "large language models"  # a plural written alone stays


def test_a_vessel_named_with_a_common_word_keeps_its_capital() -> None:
    """毅力号 is the rover Perseverance, though 毅力 is the common word `perseverance`; 信号 is a word: `signal`."""
    terms = _terms("毅力号（Perseverance）在火星上采样，信号（Signal）很弱。\n")
    assert terms["perseverance"].en == "Perseverance" and terms["signal"].en == "signal"


def test_a_phrase_is_counted_only_where_its_words_stand_apart_by_spaces() -> None:
    transcript = (
        "Speaker 100:00 - 00:05\nWe use deep learning. It goes deep, learning as it goes.\n"
        "Speaker 100:00 - 00:05\n我们用 deep learning(深度学习)。它学得很深。\n"
        "Speaker 200:06 - 00:09\nThe device_batch_size is 32, a batch size of 32.\n"
        "Speaker 200:06 - 00:09\n设备的 batch size(批大小)是 32。\n"
    )
    terms = _terms(transcript)
    assert terms["deeplearning"].count == 1  # not `deep, learning`
    assert terms["batchsize"].count == 1  # not the name `device_batch_size`


def test_a_term_with_accented_letters_is_one_term_and_counts_where_it_is_written() -> None:
    summary = "角落里是一个 trompe-l'œil（错视画）玩笑。\n\n后面那幅 trompe-l'œil 更逼真，风格也很 naïve（天真）。\n"
    terms = _terms(summary)
    assert terms["trompel'oeil"].en == "trompe-l'œil" and terms["trompel'oeil"].count == 2
    assert terms["naive"].en == "naïve"  # one identity with `naive`, its spelling kept


def test_peoples_names_are_kind_name_and_keep_their_case() -> None:
    names = "正如肖恩·麦奎尔（Sean McGuire）所说。\n杨立昆（Yann LeCun）也说过。\n哈勃（Edwin Hubble）发现了它。\n"
    terms = _terms(names + "**计算能力**（Compute Power）。\n他算了蒸散量（Water Loss Rate）。")
    assert terms["seanmcguire"].kind is GlossKind.NAME and terms["seanmcguire"].en == "Sean McGuire"
    assert terms["yannlecun"].kind is GlossKind.NAME
    assert terms["edwinhubble"].kind is GlossKind.NAME  # the dictionary's 哈勃 is the astronomer: his name found
    assert terms["computepower"].kind is GlossKind.TRANSLATION  # 计算 is "to compute": a term, not a name
    assert terms["waterlossrate"].kind is GlossKind.TRANSLATION  # three common words name no person


def test_titles_of_works_and_names_of_bodies_are_kind_name_and_the_fields_words_are_not() -> None:
    """《》 marks only a title in Chinese; a body or a meeting is named in capitals and ends in what it is (协会, 大会).
    A learner's trial: a book's title `Deep Learning` and a conference `NeurIPS` were in the top new terms."""
    text = (
        "参考书是《深度学习》（Deep Learning）。\n她的论文被 NeurIPS（神经信息处理系统大会）录用了。\n"
        "这条规定来自 Garden Club Association（园艺俱乐部协会）。\n"
        "我们做的是深度学习（deep learning）。\n伤口碰到了软组织（soft tissue）。\n"
        "每周开一次站会（stand-up meeting）。\n"
    )
    terms = _terms(text)
    for name in ("NeurIPS", "Garden Club Association"):
        assert terms[en_key(name)].kind is GlossKind.NAME, name
    assert terms["deeplearning"].kind is GlossKind.TRANSLATION  # the field, said in running text, outweighs the book
    assert terms["softtissue"].kind is GlossKind.TRANSLATION and terms["standupmeeting"].kind is GlossKind.TRANSLATION
    book = _terms("参考书是《深度学习》（Deep Learning）。\n")
    assert book["deeplearning"].kind is GlossKind.NAME


def test_bilingual_headings_are_context_not_terms() -> None:
    parallel = "No escape 没有逃脱\n\nWe talk about overfitting.\n我们谈过拟合(overfitting)。\n"
    terms = _terms(parallel, path="essay{}.txt")
    assert "noescape" not in terms and "overfitting" in terms


def test_a_term_glossed_in_a_heading_and_in_running_text_takes_the_running_texts_form_and_sentence() -> None:
    parallel = (
        "Fermentation 发酵\n\nA ferment is slow.\n发酵是慢的。\n"
        "The ferment needs time.\n酵母菌（ferment）需要时间。\n"
        "Leavens 酵头\n\nA leaven is old dough.\n酵头（leaven）是一块老面团。\n"
    )
    term = _terms(parallel, path="bread{}.txt")[en_key("leaven")]
    assert term.en == "leaven"  # not the heading's plural, `Leavens`
    assert term.glosses[0].sentence == "酵头（leaven）是一块老面团。"  # the sentence a learner reads, not the heading
    assert [g.rule for g in term.glosses][-1] == "bilingual_heading"  # the heading's gloss kept, after


def test_a_headings_shortened_chinese_is_no_form_of_the_term_running_text_glosses() -> None:
    """A learner's report: `时序差分 Temporal-Difference Learning` over 时序差分学习（temporal-difference learning）
    showed `时序差分学习; 时序差分`, and the shortened 时序差分 counted as the term wherever it stood."""
    notes = (
        "# 笔记\n\n## 动态规划 Dynamic Programming\n\n先讲规划。\n\n## 时序差分 Temporal-Difference Learning\n\n"
        "时序差分学习（temporal-difference learning）结合两种方法。\n\n时序差分误差衡量意外。\n\n"
        "## 策略梯度 Policy Gradient\n\n策略梯度（policy gradient）直接优化策略。\n"
    )
    terms = _terms(notes, path="rl{}.md")
    learning = terms[en_key("temporal-difference learning")]
    assert (learning.zh, learning.zh_forms, learning.count) == ("时序差分学习", ("时序差分学习",), 2)
    assert terms[en_key("policy gradient")].zh_forms == ("策略梯度",)  # a heading that writes the term's Chinese


def test_count_adds_unglossed_mentions_once_per_aligned_pair() -> None:
    transcript = (
        "Speaker 100:00 - 00:05\nWorld models matter. I like world models.\n"
        "Speaker 100:00 - 00:05\nworld models(世界模型)很重要。我喜欢世界模型。\n"
        "Speaker 200:06 - 00:09\nWe train world models.\n"
        "Speaker 200:06 - 00:09\n我们训练世界模型。\n"
    )
    term = _terms(transcript)["worldmodel"]
    assert term.glossed == 1
    assert term.count == 3  # 2 in the first pair (English side and Chinese side agree), 1 in the second


def test_a_gloss_in_front_matter_is_no_mention_unless_the_body_never_says_the_term() -> None:
    """New-user report 14: a summary's gloss counted for one term (glossed again below) and not for another (only said
    below). Front matter is no mention; a term only the summary glosses keeps that gloss as its one."""
    note = (
        "---\ntitle: 储能笔记\n"
        "summary: 介绍抽水蓄能（pumped hydro）、飞轮储能（flywheel storage）和液流电池（flow battery）。\n---\n\n"
        "电网需要抽水蓄能（pumped hydro）来调峰。\n\n抽水蓄能和飞轮储能各有长处。\n"
    )
    terms = _terms(note, path="note{}.md")
    counted = {en: (t.count, t.glossed, t.unglossed) for en, t in ((t.en, t) for t in terms.values())}
    assert counted == {"pumped hydro": (2, 1, 1), "flywheel storage": (1, 0, 1), "flow battery": (1, 1, 0)}
    # The body's sentence is the one a learner reads; the summary's only where the body glosses nothing.
    assert terms[en_key("pumped hydro")].first.sentence == "电网需要抽水蓄能（pumped hydro）来调峰。"
    assert terms[en_key("flow battery")].first.line == 3


def test_everyday_words_count_only_where_the_other_language_confirms_them() -> None:
    transcript = (
        "Speaker 100:00 - 00:05\nWe played Go. Let's go home and go to sleep.\n"
        "Speaker 100:00 - 00:05\n我们下了围棋(Go)。回家睡觉吧。\n"
        "Speaker 200:06 - 00:09\nGo is older than chess.\n"
        "Speaker 200:06 - 00:09\n围棋比国际象棋更古老。\n"
        "Speaker 100:10 - 00:12\nHe has the ability to lead.\n"
        "Speaker 100:10 - 00:12\n他有领导能力。\n"
        "Speaker 200:13 - 00:15\nModel capability(能力) grows with scale.\n"
        "Speaker 200:13 - 00:15\n模型的能力随规模增长。\n"
    )
    terms = _terms(transcript)
    assert terms["go"].count == 2  # the glossed pair and the pair whose Chinese says 围棋; never the verb
    assert terms["capability"].count == 1  # 能力 of a person's ability is everyday Chinese, not the term


def test_an_everyday_english_term_the_translation_keeps_in_english_counts() -> None:
    transcript = (
        "Speaker 100:00 - 00:05\nThe model is small.\n"
        "Speaker 100:00 - 00:05\n这个模型(model)很小。\n"
        "Speaker 200:06 - 00:09\nWe tune the model and the system together.\n"
        "Speaker 200:06 - 00:09\n我们把 model 和 system 一起调。\n"
        "Speaker 100:10 - 00:12\nA role model helps.\n"
        "Speaker 100:10 - 00:12\n有个榜样会有帮助。\n"
    )
    # the pair whose translation writes `model` in English counts; the role model, translated 榜样, does not
    term = _terms(transcript)["model"]
    assert (term.count, term.glossed, term.mention_lines) == (2, 1, ((2, 6),))


def test_an_everyday_english_term_chinese_prose_writes_in_english_counts_each_time() -> None:
    notes = (
        "# 量化笔记\n\n"
        "先求一个缩放因子（scale），再把权重除以 scale 取整。\n\n"
        "逐通道量化时每个通道一个 scale，存 scale 要多占一点显存。\n\n"
        "命令行里的 --scale 参数和 Scale Out 方案是另外的事。\n\n"
        "We scale the model up later.\n"
    )
    # Chinese text that writes the everyday word in English, alone among Chinese words, means the term; an option,
    # a longer English phrase and the English sentence's verb do not
    term = _terms(notes, path="notes{}.md")["scale"]
    assert (term.count, term.glossed, term.unglossed) == (4, 1, 3)


def test_another_documents_word_counts_where_the_translation_says_it_in_the_terms_sense() -> None:
    newsletter = "本轮融资预计下月完成交割（closing）。早期投资人（investor）多半会跟投。\n"
    panel = (
        "Speaker 100:00 - 00:05\nGood afternoon, and welcome to the closing ceremony.\n"
        "Speaker 100:00 - 00:05\n各位下午好，欢迎来到年会的闭幕式。\n"
        "Speaker 200:06 - 00:09\nOne investor asked for a discount.\n"
        "Speaker 200:06 - 00:09\n有一位投资者要求打折。\n"
    )
    terms = _terms(newsletter, panel)
    # 闭幕 says `closing`, of a ceremony: 交割 is not the dictionary's `closing`, so the panel's is another sense
    assert terms["closing"].count == 1
    # 投资者 says `investor` as the term's 投资人 does (both the dictionary's word for it): the same sense
    assert terms["investor"].count == 2


def test_another_documents_chinese_counts_in_a_translation_once_its_english_has_said_the_term() -> None:
    """A learner's report: 節點, glossed `on-curve points` in type-design notes, counted every 节点 (a network's node)
    of two bilingual talks; a translation that restates the term where its English says `it` still counts."""
    notes = "字形轮廓上的节点（on-curve points）要对齐网格。\n"
    talk = (
        "Speaker 100:00 - 00:05\nEvery node in the cluster runs a collector.\n"
        "Speaker 100:00 - 00:05\n集群里的每个节点都跑着一个采集器。\n"
    )
    lesson = (
        "Speaker 100:00 - 00:05\nWe move the on-curve points first.\nSpeaker 100:00 - 00:05\n我们先移动节点。\n"
        "Speaker 200:06 - 00:09\nThen we snap them to the grid.\nSpeaker 200:06 - 00:09\n然后把这些节点吸附到网格上。\n"
    )
    term = _terms(notes, talk, lesson)["oncurvepoint"]
    assert term.count == 3 and term.document_counts == (1, 2)  # the notes' gloss, and both of the lesson's lines


def test_an_english_form_the_translation_names_by_another_things_word_is_no_mention() -> None:
    transcript = (
        "Speaker 100:00 - 00:05\nThe Transformer reads the whole sentence at once.\n"
        "Speaker 100:00 - 00:05\n变换器（Transformer）一次读完整个句子。\n"
        "Speaker 200:06 - 00:09\nThe storm knocked out the transformer by the school.\n"
        "Speaker 200:06 - 00:09\n暴风雨把学校旁边的变压器打坏了。\n"
        "Speaker 100:10 - 00:12\nMy niece collects Transformers, the robot toys.\n"
        "Speaker 100:10 - 00:12\n我侄女收集 Transformers，也就是变形金刚机器人玩具。\n"
        "Speaker 200:13 - 00:15\nA Transformer needs no recurrence.\n"
        "Speaker 200:13 - 00:15\nTransformer 不需要循环结构。\n"
        "Speaker 100:16 - 00:18\nA songbird(鸣禽) sang at dawn.\n"
        "Speaker 100:16 - 00:18\n一只鸣禽在黎明时唱歌。\n"
        "Speaker 200:19 - 00:21\nEvery songbird here migrates.\n"
        "Speaker 200:19 - 00:21\n这里的每一种鸣鸟都会迁徙。\n"
        "Speaker 100:22 - 00:24\nTwo threads waiting on each other is a deadlock(死锁).\n"
        "Speaker 100:22 - 00:24\n两个线程互相等待，就是死锁。\n"
        "Speaker 200:25 - 00:27\nThe council talks ended in deadlock.\n"
        "Speaker 200:25 - 00:27\n议会的谈判陷入了僵局。\n"
    )
    terms = _terms(transcript)
    # the electrical transformer (变压器) and the toys (变形金刚, kept in English too) are other things; the term
    # kept in English by its translation is the term
    assert terms["transformer"].mention_lines == ((2, 14),)
    # 鸣鸟 is another word for the same bird: the dictionary translates `songbird` as 鸣禽 too
    assert terms["songbird"].count == 2
    # 死锁 is the dictionary's deadlock of computing, 僵局 its plain deadlock: the talks' one
    assert terms["deadlock"].count == 1


def test_a_letter_before_a_hyphen_is_no_article() -> None:
    """`A-check` was read as the article `a` and `check`: every `check` counted as a mention of it (new-user report
    10); a deck made then keeps its note (``earlier_en_keys``)."""
    from vocab.rank import under_known_identities

    terms = _terms(
        "Speaker 100:00 - 00:05\nThe A-check is due next week.\n"
        "Speaker 100:00 - 00:05\n下周要做 A 检（A-check）。\n"
        "Speaker 200:06 - 00:09\nWe check the brakes every morning.\n"
        "Speaker 200:06 - 00:09\n我们每天早上检查刹车。\n"
    )
    check = terms["acheck"]
    assert check.count == 1 and "check" not in terms
    assert [t.key for t in under_known_identities([check], {"check"}.__contains__)] == ["check"]


def test_a_greek_letter_is_part_of_the_term() -> None:
    """`ε-prediction` was `prediction` to identity (the letter dropped): merged with another episode's `prediction`,
    it counted every prediction there and led the list (a learner's report, session 47). A Greek letter is spelled by
    its name, so `ε-greedy` and `epsilon-greedy` stay one term; a deck made before keeps its note."""
    from vocab.rank import under_known_identities

    terms = _terms(
        "作者比较了噪声预测（ε-prediction）和速度预测（v-prediction）。",
        "模型要先做轨迹预测（prediction），再规划路线。预测（prediction）错了就刹车。",
        "探索用 ε-贪心（ε-greedy），也有人写成 epsilon-greedy（ε-贪心）。",
    )
    assert terms["epsilonprediction"].count == 1 and terms["prediction"].en_forms == ("prediction",)
    assert "epsilongreedy" in terms and "greedy" not in terms
    moved = under_known_identities(list(terms.values()), {"prediction"}.__contains__)
    assert "epsilonprediction" in {t.key for t in moved}  # the old identity belongs to another term here
    alone = _terms("作者比较了噪声预测（ε-prediction）。")["epsilonprediction"]
    assert [t.key for t in under_known_identities([alone], {"prediction"}.__contains__)] == ["prediction"]


def test_a_short_label_of_a_longer_term_counts_where_it_is_glossed() -> None:
    """A table labels the term by its first word (`学习调度（learned）` beside `learned schedule`): merged into the
    term, every `learned` of another document counted as a mention of it (a learner's try of fresh87 and fresh88)."""
    terms = _terms(
        "作者把它叫作 learned schedule（学习调度）。\n\n| 方法 | 步数 |\n|---|---|\n| 学习调度（learned） | 50 |\n",
        "Most of them learned the words at work, and they learned them fast.",
    )
    term = terms["learnedschedule"]
    assert term.en_forms == ("learned schedule", "learned") and term.documents == ("doc0.txt",)


def test_chinese_mentions_respect_word_boundaries() -> None:
    term = _terms("规模（scale）很重要。大规模训练不算。规模再大一点。")["scale"]
    assert term.count == 2


def test_a_term_and_its_suffix_in_one_word_is_no_mention() -> None:
    """A word of the term and a suffix (调度员 `dispatcher`, a word jieba met only five times) is no mention of the
    term: the terms' weight in counting's tokenizer cut it as 调度|员. A word after the term that only begins with
    such a character stays apart (调度 before 机房, `machine room`)."""
    text = "我们先讲调度（dispatch）。调度员每天早上排班，调度员也负责应急。调度机房在二楼，调度也要快。"
    assert _terms(text)["dispatch"].count == 3


def test_documents_and_per_document_counts() -> None:
    terms = _terms("泛化（generalization）很重要。", "谈谈泛化。再谈泛化（generalization）。", "无关。")
    term = terms["generalization"]
    assert term.documents == ("doc0.txt", "doc1.txt")
    assert term.count_in("doc1.txt") == 2 and term.count == 3
    places = term.places()  # what a glossary asks by, instead of scanning per row
    for path in ("doc0.txt", "doc1.txt", "doc2.txt"):
        assert term.count_at(places.get(path)) == term.count_in(path) == {"doc0.txt": 1, "doc1.txt": 2}.get(path, 0)
        assert term.first_mention_at(places.get(path)) == term.first_mention_in(path)
    assert term.first_mention_in("doc1.txt") is not None and term.first_mention_in("doc2.txt") is None


def test_rarity_unknown_is_rarest_and_phrases_are_rarer_than_their_words() -> None:
    assert zipf("qzxvword", "en") == 0.0
    assert zipf("world models", "en") <= zipf("models", "en") - 1
    assert zipf("the", "en") > COMMON_ZIPF


def test_the_chinese_side_of_a_form_that_keeps_english_is_its_chinese_words() -> None:
    """New-user report 13: wordfreq knows no `conda 环境`, and its 0 ranked the term as rare as any."""
    terms = _terms("先建一个 conda 环境（conda environment），再建参考基因组（reference genome）。")
    conda, genome = terms[en_key("conda environment")], terms[en_key("reference genome")]
    assert conda.zipf_zh == zipf("环境", "zh") > COMMON_ZIPF  # the Chinese a learner meets is an everyday word
    assert genome.zipf_zh == zipf("参考基因组", "zh")
    assert conda.rarity < genome.rarity


def test_an_explanation_is_no_chinese_word_and_its_rarity_is_its_englishs() -> None:
    terms = _terms("在非常 scrappy（资源有限但执行力很强）的阶段。")
    (scrappy,) = terms.values()
    assert scrappy.kind is GlossKind.EXPLANATION and scrappy.zipf_zh is None
    assert scrappy.rarity == round(min(max((COMMON_ZIPF - zipf("scrappy", "en")) / 2.5, 0.0), 1.0), 3) < 1


def test_score_formula_and_deterministic_order() -> None:
    assert math.isclose(score_of(3, 2, 0.5), math.log2(4) * 1.5 * 0.55)
    text = "在 zorblax(甲乙)和 quindle(甲乙)上。"  # unknown to wordfreq, same Chinese: equal scores
    first = [t.en for t in _terms(text).values()]
    assert first == [t.en for t in _terms(text).values()]
    assert first == sorted(first)  # equal scores and counts: alphabetical


def test_keys() -> None:
    assert zh_key("ＫＶ 緩存") == "kv缓存"
    assert en_key("Large Language Models") == en_key("large-language model")


def test_seed_world_models_is_one_term_counting_english_mentions() -> None:
    from vocab import read_document

    path = seed_path("004")
    document = read_document(path)
    glosses = list(extract_glosses(document))
    terms = {t.key: t for t in rank_terms(glosses, [document])}
    world = terms["worldmodel"]
    assert set(world.en_forms) == {"world models", "world model"}
    # The episode's title is metadata, not a mention.
    english = [s.text.casefold() for s in document.segments if s.lang.value == "en" and s.kind.value != "meta"]
    mentions = sum(text.count("world model") for text in english)
    # A mention inside a longer glossed term (`video world models`) belongs to that term.
    longer = [t.en.casefold() for t in terms.values() if "worldmodel" in t.key and t.key != "worldmodel"]
    mentions -= sum(text.count(form) for text in english for form in longer)
    assert world.count >= mentions > world.glossed
    ranks = {t.key: t.rank for t in terms.values()}
    for field_term in ("worldmodel", "posttraining", "continuallearning"):
        for everyday in ("research", "understanding", "data"):
            if everyday in ranks:
                assert ranks[field_term] < ranks[everyday], (field_term, everyday)


def test_a_word_crossing_a_hits_edge_is_found_as_by_looking_up_every_piece() -> None:
    """``_crossed`` stops looking from a start once no word begins with the piece: it answers as looking up every
    piece across either edge (up to the longest word) does, on windows of the examples' Chinese."""
    from pathlib import Path

    from vocab.lexicon import jieba_words
    from vocab.rank import _LONGEST_WORD, _crossed

    words = jieba_words()

    def every_piece(window: str, edges: tuple[int, int]) -> bool:
        starts = [(edge, a) for edge in edges for a in range(max(0, edge - _LONGEST_WORD + 1), edge)]
        ends = lambda edge, a: range(edge + 1, min(len(window), a + _LONGEST_WORD) + 1)  # noqa: E731
        return any(words.frequency(window[a:b]) for edge, a in starts for b in ends(edge, a))

    examples = Path(__file__).resolve().parent.parent / "examples"
    text = "".join(
        ch for path in sorted(examples.iterdir()) for ch in path.read_text(encoding="utf-8") if ch >= "\u4e00"
    )
    windows = [(text[i : i + 14], (5, 5 + size)) for size in (2, 3, 4) for i in range(0, len(text) - 14, 7)]
    answers = [_crossed(*window) for window in windows]
    assert answers == [every_piece(*window) for window in windows]
    assert len(windows) > 500 and 0.1 < sum(answers) / len(answers) < 0.9  # windows of both kinds


def test_counting_keeps_nothing_it_remembered_of_the_corpus(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Once counted, the identities of the corpus's n-grams are dropped and the answers about its windows are in
    the memo on disk, not held till exit: the writing that follows reuses that memory."""
    import sqlite3

    from vocab import memo

    monkeypatch.setenv("VOCAB_CACHE", str(tmp_path))
    monkeypatch.setattr(memo, "_pending", [])
    monkeypatch.setattr(memo, "_answers", {})
    terms = _terms("我们在规模化（scaling）上花了很多时间。大规模的实验需要规模化的思路。\n\nScaling again.\n")
    assert terms["scaling"].count >= 2
    assert en_key.cache_info().currsize == 0 and memo._pending == []
    with sqlite3.connect(tmp_path / memo.MEMO_FILE) as db:
        spaces = {space.split(":", 1)[1] for (space,) in db.execute("SELECT DISTINCT space FROM memo")}
    assert "crossed" in spaces


def test_everyday_chinese_that_jieba_cuts_in_two_counts_only_where_glossed() -> None:
    # 不知道 is 不 + 知道 to jieba; wordfreq's Zipf for it (4.9) already takes a point off for that break
    text = "他只回了一句 No idea（不知道）。\n" + "".join(f"第{n}个人也说不知道。\n" for n in range(6))
    term = _terms(text)["noidea"]
    assert (term.count, term.glossed) == (1, 1)


def test_the_heading_that_titles_a_document_is_no_mention() -> None:
    text = "# 世界模型的三种做法\n\n## 世界模型之外\n\n我们先讲 world models(世界模型)。\n"
    term = _terms(text, path="notes{}.md")["worldmodel"]
    assert term.count == 2  # the `##` heading and the gloss; not the title
    assert term.first_mention_at(0).line == 5  # the body's, not a section heading's (learner's trial 60)


def test_the_first_moment_is_one_both_sides_of_a_pair_say() -> None:
    """Learner's trial 56: `By the same token` / 同样的道理 was token's first moment, the glossary's first link: an
    idiom its translation drops. The first moment is the first utterance both sides say, the first at all only where
    there is none."""
    transcript = (
        "Host 00:00:10\nBy the same token, bad data hurts.\n\nHost 00:00:10\n同样的道理，坏数据有害。\n\n"
        "Host 00:01:00\nEach token costs money.\n\nHost 00:01:00\n每个词元（token）都要花钱。\n\n"
    )
    term = _terms(transcript)["token"]
    assert term.count == 2 and term.first_mention_at(0).line == 8  # the second pair; both counted, as README says


def test_a_gloss_in_a_cue_and_again_in_its_translation_is_one_mention() -> None:
    """Both lines of a bilingual cue gloss the term: one utterance said in two languages, counted once and glossed
    once, as a pair glossed on one side is; the next cue's unglossed mention is the second."""
    cues = (
        "1\n00:00:01,000 --> 00:00:04,000\nThe wind drags the dust tail(尘埃尾) behind.\n"
        "风把 dust tail(尘埃尾)拖在后面。\n\n"
        "2\n00:00:05,000 --> 00:00:08,000\nThe dust tail curves.\n尘埃尾是弯的。\n"
    )
    term = _terms(cues, path="comet{}.srt")["dusttail"]
    assert len(term.glosses) == 2
    assert (term.count, term.glossed, term.unglossed) == (2, 1, 1)


def test_the_occurrence_a_learner_is_shown_has_its_english_sentence_where_one_does() -> None:
    """Glossed first in Chinese-only notes, later in a bilingual cue: cards and lists show the cue, whose English
    sentence gives the card its English side; the glosses keep their corpus order."""
    notes = "# 笔记\n\n赤道仪（equatorial mount）要先做极轴校准。\n"
    cue = "1\n00:00:01,000 --> 00:00:04,000\nMy equatorial mount needs balancing.\n"
    cue += "我的赤道仪（equatorial mount）要配平。\n"
    documents = [parse_document(notes, "a-notes.md"), parse_document(cue, "b-talk.srt")]
    glosses = [g for d in documents for g in extract_glosses(d)]
    term = next(t for t in rank_terms(glosses, documents) if t.key == en_key("equatorial mount"))
    assert [g.source for g in term.glosses] == ["a-notes.md", "b-talk.srt"]
    assert (term.first.source, term.first.sentence_en) == ("b-talk.srt", "My equatorial mount needs balancing.")
    only_chinese = next(t for t in rank_terms(glosses[:1], documents[:1]) if t.key == en_key("equatorial mount"))
    assert only_chinese.first is only_chinese.glosses[0]


def test_a_numbered_bilingual_headings_number_belongs_to_neither_side() -> None:
    from vocab import extract_glosses, parse_document

    parallel = (
        "## 2. Feedback Loops 反馈回路\n\nA loop feeds itself.\n回路会自我强化。\n"
        "The dough rises overnight.\n面团放一夜会发起来。\n## 3. Cold Start 冷启动\n\nWe start cold.\n我们冷启动。\n"
    )
    document = parse_document(parallel, "loops.txt")
    headings = [(g.en, g.zh) for g in extract_glosses(document) if g.rule == "bilingual_heading"]
    assert headings == [("Feedback Loops", "反馈回路"), ("Cold Start", "冷启动")]


def test_a_markdown_heading_in_both_languages_is_read_where_it_shows_it_is_one() -> None:
    markdown = (
        "# 车间手记\n\n## 刹车 / Brakes\n\n先检查刹车片。\n\n"
        "## The Physics of Thin Air 稀薄空气的物理\n\n空气很稀薄。\n\n"
        "## KV Cache 实现\n\n缓存要预先分配。\n\n## Transformer 架构\n\n编码器在左边。\n"
    )
    document = parse_document(markdown, "notes.md")
    headings = [(g.en, g.zh) for g in extract_glosses(document) if g.rule == "bilingual_heading"]
    # a separator, or a Chinese that says the English's words; not an English name inside a Chinese heading
    assert headings == [("Brakes", "刹车"), ("The Physics of Thin Air", "稀薄空气的物理")]
    assert not {"brakes", "thephysicsofthinair"} & set(_terms(markdown, path="notes{}.md"))  # context, not terms


def test_a_heading_without_dictionary_evidence_is_a_pair_among_headings_that_are_pairs_in_its_order() -> None:
    from vocab import extract_glosses, parse_document

    outline = (
        "# 播客笔记\n\n## 土壤健康 Soil Health\n\n土壤要养。\n\n## 灌溉系统 Irrigation Systems\n\n水要省。\n\n"
        "## 快问快答 Lightning Round\n\n问得很快。\n"
    )
    headings = [(g.en, g.zh) for g in extract_glosses(parse_document(outline, "a.md")) if g.rule == "bilingual_heading"]
    assert headings == [
        ("Soil Health", "土壤健康"),
        ("Irrigation Systems", "灌溉系统"),
        ("Lightning Round", "快问快答"),
    ]
    mixed = outline + "\n## KV Cache 实现\n\n缓存要预先分配。\n"  # a heading the other way round: no outline
    headings = [(g.en, g.zh) for g in extract_glosses(parse_document(mixed, "b.md")) if g.rule == "bilingual_heading"]
    assert headings == [("Soil Health", "土壤健康"), ("Irrigation Systems", "灌溉系统")]


def test_a_heading_whose_english_is_short_or_keeps_a_name_in_both_sides_is_a_pair() -> None:
    """A side much shorter than the other (`Setup`) still makes a pair where the evidence does; so does a Chinese side
    that keeps a name in Latin letters the English says too (`Cox 回归 Cox Regression`); a Chinese side that goes on
    in English (`分组与 group size`, ending in a conjunction) is none."""
    from vocab import extract_glosses, parse_document

    notes = (
        "# 生存分析实作 Survival Analysis in Practice\n\n## 0. 环境设定 Setup\n\n先装好套件。\n\n"
        "## 1. 基本概念 Key Concepts\n\n删失很常见。\n\n## 2. Cox 回归 Cox Regression\n\n风险比是关键。\n\n"
        "## 3. 粒度：逐组与 group size\n\n分组越细越慢。\n"
    )
    headings = [(g.en, g.zh) for g in extract_glosses(parse_document(notes, "a.md")) if g.rule == "bilingual_heading"]
    assert headings == [
        ("Survival Analysis in Practice", "生存分析实作"),
        ("Setup", "环境设定"),
        ("Key Concepts", "基本概念"),
        ("Cox Regression", "Cox 回归"),
    ]


def test_a_plain_texts_ruled_heading_with_a_separator_is_a_heading_in_both_languages() -> None:
    parallel = (
        "Notes on tiers\n关于分层的笔记\n\n=== PART 2 · Tiers | 第二部分 · 分层 ===\n\n"
        "The baseline tier runs first.\n基线层先运行。\nThe Lamp 灯\n\nThe wick burns.\n灯芯在燃烧。\n"
    )
    document = parse_document(parallel, "tiers.txt")
    headings = [(g.en, g.zh) for g in extract_glosses(document) if g.rule == "bilingual_heading"]
    assert headings == [("PART 2 · Tiers", "第二部分 · 分层"), ("The Lamp", "灯")]  # one character the dictionary reads
    by_line = {s.line: s for s in document.segments}
    assert by_line[4].kind is SegmentKind.HEADING and by_line[6].aligned == by_line[7].index  # the lines after it pair


def test_an_english_term_wrapped_after_a_hyphenated_word_is_joined() -> None:
    from vocab import extract_glosses, parse_document

    text = "# Notes\n\nLast week we tried a self-supervised\npretext task(自监督前置任务) on the scans.\n"
    glosses = list(extract_glosses(parse_document(text, "notes.md")))
    assert [(g.en, g.zh) for g in glosses] == [("self-supervised pretext task", "自监督前置任务")]


def test_an_acronym_before_the_chinese_of_an_english_first_gloss_is_the_terms_alias() -> None:
    terms = _terms("We keep keys in hardware security modules (HSM, 硬件安全模块) now.\n后来 HSM 也坏了一台。\n")
    term = terms[en_key("hardware security modules")]
    assert term.en == "hardware security modules (HSM)" and "HSM" in term.en_forms


def test_a_parallel_texts_title_is_no_mention() -> None:
    """The first line pair of a parallel text is its title (as `inspect` shows): no mention, as a front-matter title
    is not (`truing` counted the title `Truing a Wheel at Home` and its translation)."""
    parallel = (
        "Truing a Wheel at Home\n在家校正车轮\n\nTruing is slow work.\n校正（truing）是慢活。\n\n"
        "Keep truing until it spins straight.\n一直校正到它转得直为止。\n"
    )
    term = _terms(parallel, path="essay{}.txt")["truing"]
    assert term.count == 2 and term.mention_lines == ((4, 7),)


def test_a_chinese_form_of_two_terms_is_the_mention_of_the_one_the_english_beside_it_names() -> None:
    """New-user report 11: `photomask` and `reticle` were both 掩模版, and every 掩模版 counted for the term glossed
    with it last in the corpus, beside the English that named the other (which counted too): the counts swapped with
    the order of the files."""
    stencil = (
        "Speaker 100:00 - 00:05\nWe printed the first batch through a stencil.\n"
        "Speaker 100:00 - 00:05\n第一批是用模版（stencil）印的。\n"
    )
    template = (
        "Speaker 100:00 - 00:05\nThe template decides the layout.\n"
        "Speaker 100:00 - 00:05\n模版（template）决定布局。\n"
        "Speaker 200:06 - 00:09\nWe keep one template per page size.\n"
        "Speaker 200:06 - 00:09\n每种页面尺寸我们留一个模版。\n"
        "Speaker 100:10 - 00:12\nA new template takes a day.\n"
        "Speaker 100:10 - 00:12\n做一个新模版要一天。\n"
    )
    for texts in ((stencil, template), (template, stencil)):
        terms = _terms(*texts)
        assert (terms["stencil"].count, terms["template"].count) == (1, 3)
        assert len(terms["stencil"].documents) == len(terms["template"].documents) == 1


def test_the_shows_name_where_the_text_says_it_is_no_mention() -> None:
    """New-user report 12: each `Welcome to Outbreak Desk.` counted as the term `outbreak`, its first context too."""
    text = (
        "---\ntitle: Ep 2\nshow: Outbreak Desk\n---\n\nWelcome to Outbreak Desk.\n\n"
        "这次疫情暴发（outbreak）来得很快。\n\nThe outbreak ended in May.\n"
    )
    terms = _terms(text, path="ep2{}.md")
    assert terms["outbreak"].count == 2 and terms["outbreak"].mention_lines[0][0] != 6


def test_a_shows_name_in_both_languages_is_no_mention_in_either() -> None:
    """Learner's trial 59: `show: Inference Hour 推理一小时`, and each intro (`Welcome to Inference Hour.` /
    欢迎收听推理一小时) counted twice as a mention of `inference`."""
    text = (
        "---\ntitle: E11\nshow: Inference Hour 推理一小时\n---\n\n"
        "[00:00:04] Ken: Welcome to Inference Hour.\n[00:00:04] 阿肯：欢迎收听推理一小时。\n\n"
        "[00:00:09] Ravi: Inference is cheap now.\n[00:00:09] Ravi：推理（inference）现在很便宜。\n"
    )
    inference = _terms(text, path="e11{}.md")["inference"]
    assert inference.count == 1 and inference.mention_lines == ((9,),)


def test_an_acronym_a_document_glosses_for_its_own_term_is_that_terms_mention_there() -> None:
    """A learner's report: the freight letter's CIF (成本、保险费加运费) ranked first, counted also in a survival
    notebook whose CIF is its cumulative incidence function (累积发生率函数, glossed there): a document's own
    gloss says which term its form names, in either order of the files."""
    freight = "报价用 CIF（成本、保险费加运费）。\n\nCIF 下卖方买保险。\n\nCIF 适合海运。\n"
    survival = "应改用累积发生率函数（cumulative incidence function，CIF）。\n\n画出 CIF 曲线。\n"
    for texts in ((freight, survival), (survival, freight)):
        terms = _terms(*texts)
        assert (terms["cif"].count, len(terms["cif"].documents)) == (3, 1)
        assert terms[en_key("cumulative incidence function")].count == 2


def test_a_term_is_shown_in_a_sentence_rather_than_in_a_list_item_that_is_its_gloss_alone() -> None:
    """A learner's report: a card read `Q: frequency frequency`, its context the bare item `频率（frequency）` of a
    list of terms above the sentence that uses the word."""
    notes = "# 统计\n\n- 频率（frequency）\n- 均值（mean）\n\n先数每个值出现的频率（frequency），再算比例。\n"
    terms = _terms(notes, path="stats{}.md")
    assert terms[en_key("frequency")].first.sentence == "先数每个值出现的频率（frequency），再算比例。"
    assert terms[en_key("mean")].first.sentence == "均值（mean）"  # nothing else says it


def test_a_term_shows_what_the_earliest_episode_says_whatever_the_files_are_named() -> None:
    """Learner's trial 58: a new file whose name sorted first changed a studied term's Chinese and sentence. The
    dated episodes come first by date; a document with no date after them."""
    later = "---\ntitle: Ep 2\ndate: 2026-02-01\n---\n\n我们用 GPU 做推論（inference），速度快。\n"
    earlier = "---\ntitle: Ep 1\ndate: 2026-01-10\n---\n\n模型推理（inference）时延迟很关键。\n"
    undated = "1\n00:00:01,000 --> 00:00:03,000\nInference is cheap.\n推断（inference）很便宜。\n"
    documents = [
        parse_document(undated, "a-talk.srt"),
        parse_document(later, "b-ep2.md"),
        parse_document(earlier, "c-ep1.md"),
    ]
    glosses = [g for d in documents for g in extract_glosses(d)]
    inference = {t.key: t for t in rank_terms(glosses, documents)}["inference"]
    assert inference.zh == "推理"
    assert inference.glosses[0].source == "c-ep1.md"
    assert [Path(p).name for p in inference.documents[:3]] == ["c-ep1.md", "b-ep2.md", "a-talk.srt"]


def test_a_gloss_that_offers_two_chinese_words_gives_the_term_both() -> None:
    """Learner's trial 59: `inference（推理 / 推断）` made `推理 / 推断` a third form beside 推理 and 推断 (a
    card showed `推理; 推断; 推理 / 推断`); one name written with a slash stays whole."""
    inference = "inference（推理 / 推断）是模型回答问题的过程。\n\n推断（inference）很贵。\n"
    terms = _terms(inference, "用 GCM（伽罗瓦/计数器模式）加密。\n")
    assert terms["inference"].zh_forms == ("推理", "推断")
    assert terms["gcm"].zh_forms == ("伽罗瓦/计数器模式",)


def test_a_term_is_shown_in_a_sentence_that_says_enough_to_learn_from() -> None:
    """Learner's trial 59: a card's sentence was `那上下文窗口（context window）呢？` / `What about the context
    window?`, the earliest, where a later cue said more; with none saying more, the earliest stays."""
    cues = (
        "1\n00:00:01,000 --> 00:00:02,000\nWhat about the context window?\n那上下文窗口（context window）呢？\n\n"
        "2\n00:00:03,000 --> 00:00:06,000\nBut the context window still fills up fast.\n"
        "但上下文窗口（context window）还是很快就满了。\n"
    )
    assert _terms(cues, path="talk{}.srt")[en_key("context window")].first.line == 9
    short = "1\n00:00:01,000 --> 00:00:02,000\nWhat about the context window?\n那上下文窗口（context window）呢？\n"
    assert _terms(short, path="talk{}.srt")[en_key("context window")].first.line == 4
