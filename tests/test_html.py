"""HTML and XHTML (``sources/html.py``): each block a segment from the line its text starts on, inline bold a term's
bounds, scripts, ruby readings and footnote numbers no text, a menu and the ``<title>`` meta."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from vocab import parse_document, read_document
from vocab.errors import SourceError
from vocab.extract import extract_glosses
from vocab.models import InputFormat, SegmentKind

PAGE = """<!DOCTYPE html>
<html lang="zh">
<head><title>潮汐笔记 - 小站</title>
<meta name="author" content="阿岚"><meta property="article:published_time" content="2025-03-08T09:00:00+08:00">
<link rel="canonical" href="https://example.org/tides"></head>
<body>
<nav><a href="/">首页</a> <a href="/about">关于</a></nav> <aside><a href="/v">变分自编码器（VAE）</a></aside>
<article>
<h1>潮汐 Tides</h1>
<p>月球引起<strong>潮汐力</strong>（tidal force）。涨到最高叫
高潮<sup><a href="#fn1" id="r1">1</a></sup>（high tide）。</p><p>同一行的第二段：低潮（low tide）。</p>
<p><ruby>潮<rt>cháo</rt></ruby>差（tidal range）<br>换行后：潮间带（intertidal zone）</p>
<pre>x = 1  # 注释（comment）</pre>
<script>let s = "脚本（script）";</script>
<p hidden>隐藏（hidden text）</p><div class="toc">潮差（tidal range）</div><div id="ad-box">广告：云（cloud）</div>
</article>
<footer>© 2025 小站（Theme: Paper）</footer><div class="site-footer">登录（Login）</div>
</body>
</html>
"""


def test_a_web_page_reads_block_by_block_with_its_metadata() -> None:
    document = parse_document(PAGE, "tides.html")
    assert document.format is InputFormat.HTML
    meta = document.metadata
    assert (meta.title, meta.author, meta.date, meta.source_url) == (
        "潮汐 Tides",
        "阿岚",
        "2025-03-08",
        "https://example.org/tides",
    )
    kinds = {s.text: (s.line, s.kind) for s in document.segments}
    assert "潮汐笔记 - 小站" not in kinds  # the <title> names the page (its <h1> does first) and is no mention
    assert "首页 关于" not in kinds and "© 2025 小站（Theme: Paper）" not in kinds  # the site's menu and footer
    assert kinds["变分自编码器（VAE）"] == (7, SegmentKind.BODY)  # a sidebar's link: another article's title, glossed
    assert kinds["潮汐 Tides"] == (9, SegmentKind.HEADING)
    assert kinds["月球引起**潮汐力**（tidal force）。涨到最高叫\n高潮（high tide）。"] == (10, SegmentKind.BODY)
    assert kinds["同一行的第二段：低潮（low tide）。"] == (11, SegmentKind.BODY)
    assert kinds["x = 1 # 注释（comment）"] == (13, SegmentKind.CODE)
    glosses = [(g.line, g.en, g.zh) for g in extract_glosses(document)]
    assert glosses == [
        (7, "VAE", "变分自编码器"),
        (9, "Tides", "潮汐"),
        (10, "tidal force", "潮汐力"),
        (11, "high tide", "高潮"),
        (11, "low tide", "低潮"),
        (12, "tidal range", "潮差"),
        (12, "intertidal zone", "潮间带"),
    ]


def test_an_html_file_without_its_html_element_is_read_as_html_by_its_name() -> None:
    body = "<h2>风 Wind</h2>\n<p>海风（sea breeze）白天吹向陆地。</p>\n"
    assert parse_document(body, "wind.html").format is InputFormat.HTML
    assert parse_document(body, "wind.txt").format is not InputFormat.HTML


def test_markdown_with_a_few_tags_stays_markdown() -> None:
    text = '# 标题\n\n<div align="center">\n\n正文里有梯度（gradient）。\n\n</div>\n\n## 小节\n'
    assert parse_document(text, "notes.md").format is InputFormat.MARKDOWN


def _epub(path: Path, chapters: list[str], opf_extra: str = "", lacking: str = "") -> Path:
    """An e-book as a reader saves it: the mimetype first, the container, the package file, the chapters."""
    items = "".join(f'<item id="c{k}" href="text/c{k}.xhtml" media-type="application/xhtml+xml"/>' for k in range(2))
    spine = "".join(f'<itemref idref="c{k}"/>' for k in reversed(range(len(chapters))))  # the spine's order, not names'
    spine += f'<itemref idref="{lacking}"/>' if lacking else ""  # a chapter the spine names, the book lacks
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("mimetype", "application/epub+zip")
        book.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
            '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        book.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>海洋小书</dc:title>'
            f"<dc:creator>林海</dc:creator><dc:date>2024-06-01</dc:date>{opf_extra}</metadata>"
            f'<manifest>{items}<item id="css" href="s.css" media-type="text/css"/></manifest>'
            f"<spine>{spine}</spine></package>",
        )
        for k, chapter in enumerate(chapters):
            book.writestr(f"OEBPS/text/c{k}.xhtml", chapter)
    return path


CHAPTER = (  # ending with a line break, as editors save a file: the next chapter's first line follows its last
    '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>\n{}\n</body></html>\n'
)


def test_an_epub_is_read_chapter_by_chapter_in_its_spines_order(tmp_path: Path) -> None:
    """An e-book is a ZIP of XHTML chapters: read in the spine's order, titled by its package file, not by a
    chapter's <h1>."""
    path = _epub(
        tmp_path / "sea.epub",
        [
            CHAPTER.format("<h1>第二章 洋流</h1>\n<p>洋流（ocean current）输送热量。</p>"),
            CHAPTER.format("<h1>第一章 潮汐</h1>\n<p>潮汐力（tidal force）来自月球。</p>"),
        ],
    )
    document = read_document(path)
    assert (document.format, document.title, document.metadata.author) == (InputFormat.HTML, "海洋小书", "林海")
    assert document.metadata.date == "2024-06-01"
    glosses = [(g.en, g.line) for g in extract_glosses(document)]
    assert glosses == [("tidal force", 5), ("ocean current", 10)]  # the chapters one after another, after a head line


def test_what_is_no_ebook_is_refused_by_name_and_a_missing_chapter_is_skipped(tmp_path: Path) -> None:
    """A learner's report: a ZIP renamed to .epub was refused in Python's words, a text file named .epub read as plain
    text, and a book with one chapter missing refused whole."""
    renamed = tmp_path / "renamed.epub"
    with zipfile.ZipFile(renamed, "w") as archive:
        archive.writestr("notes.txt", "x")
    with pytest.raises(SourceError, match="renamed.epub: not an e-book: a ZIP file with no META-INF/container.xml"):
        read_document(renamed)
    text = tmp_path / "text.epub"
    text.write_text("梯度（gradient）\n", encoding="utf-8")
    with pytest.raises(SourceError, match="text.epub: not an e-book: an .epub is a ZIP file, and this is none"):
        read_document(text)
    book = _epub(tmp_path / "gap.epub", [CHAPTER.format("<p>洋流（ocean current）输送热量。</p>")], lacking="c1")
    document = read_document(book)
    assert [g.en for g in extract_glosses(document)] == ["ocean current"]
    assert document.warnings == (f"{book}: chapter OEBPS/text/c1.xhtml of the spine is missing from the book: skipped",)


def test_a_bilingual_editions_paragraphs_by_turns_are_pairs_and_a_page_with_one_english_paragraph_is_not() -> None:
    """A learner's report: `<p class="en">…</p><p class="zh">…</p>` gave no English sentence to the Chinese gloss."""
    pairs = "".join(
        f"<p>{en}</p>\n<p>{zh}</p>\n"
        for en, zh in (("Clipping keeps training stable.", "梯度裁剪（gradient clipping）让训练稳定。"),
                       ("Warmup raises the rate slowly.", "预热（warmup）让学习率慢慢升高。"))
    )  # fmt: skip
    glosses = list(extract_glosses(parse_document(f"<html><body>\n{pairs}</body></html>", "book.html")))
    assert [g.sentence_en for g in glosses] == ["Clipping keeps training stable.", "Warmup raises the rate slowly."]
    paragraphs = ("Abstract in English.", "正文：预热（warmup）。", "第二段。", "第三段。")
    mixed = "<html><body>\n" + "".join(f"<p>{p}</p>\n" for p in paragraphs) + "</body></html>"
    assert all(s.aligned is None for s in parse_document(mixed, "page.html").segments)


def test_a_page_with_no_h1_is_titled_by_its_title_without_the_site_and_its_site_is_the_show() -> None:
    page = (
        "<!DOCTYPE html>\n<html><head><title>Transformer 详解_某某的博客-CSDN博客</title>\n"
        '<meta property="og:site_name" content="CSDN"></head><body><p>注意力（attention）</p></body></html>'
    )
    document = parse_document(page, "t.html")
    assert (document.title, document.metadata.show) == ("Transformer 详解", "CSDN")


KINDLE_NOTEBOOK = """<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "XHTML1-s.dtd" >
<html xmlns="http://www.w3.org/TR/1999/REC-html-in-xml" xml:lang="en" lang="en">
<head><meta charset="UTF-8"><title></title></head>
<body>
<div class='bodyContainer'>
<div class='notebookFor'>Notebook for</div>
<div class='bookTitle'>山间气象手册</div>
<div class='authors'>程远 (Cheng Yuan)</div>
<div class='citation'>程远. 山间气象手册. 北岭出版社, 2021. Kindle.</div>
<hr />
<div class='sectionHeading'>第二章 云</div>
<h3 class='noteHeading'>Highlight(<span class='highlight_blue'>blue</span>) - Page 31 · Location 402</div>
<div class='noteText'>午后的积雨云（cumulonimbus）往往带来雷暴。</h3>
<h3 class='noteHeading'>Note - Page 31 · Location 403</div>
<div class='noteText'>anvil cloud（砧状云）也是它。</h3>
</div>
</body>
</html>
"""


def test_a_kindle_notebook_names_its_book_and_a_highlights_place_is_no_text(tmp_path: Path) -> None:
    """The Kindle app's "Export Notebook" page (its mobile version closes tags crosswise, `<h3 …>…</div>`): the book's
    title and authors by their classes, a chapter a heading, each highlight's colour and place no text."""
    path = tmp_path / "notebook.html"
    path.write_text(KINDLE_NOTEBOOK, encoding="utf-8")
    document = read_document(path)
    assert (document.title, document.metadata.author) == ("山间气象手册", "程远 (Cheng Yuan)")
    texts = [(s.kind, s.text) for s in document.segments]
    assert (SegmentKind.HEADING, "第二章 云") in texts
    assert not any("Location" in text or "Notebook for" in text or "Kindle." in text for _, text in texts)
    assert [(g.line, g.en, g.zh) for g in extract_glosses(document)] == [
        (9, "Cheng Yuan", "程远"),
        (14, "cumulonimbus", "积雨云"),
        (16, "anvil cloud", "砧状云"),
    ]


DISCORD_HTML = """<!DOCTYPE html>
<html lang="en"><head><title>花园俱乐部 - 新手区 - 问答</title><meta charset="utf-8"></head>
<body>
<div class="preamble"><div class="preamble__entries-container">
<div class="preamble__entry">花园俱乐部</div>
<div class="preamble__entry">新手区 / #问答</div>
<div class="preamble__entry preamble__entry--small">提问前先看置顶的术语表（glossary）</div>
</div></div>
<div class="chatlog">
<div class="chatlog__message-group">
<div class="chatlog__message-container" data-message-id="1"><div class="chatlog__message">
<div class="chatlog__message-aside"><img class="chatlog__avatar" src="a.png" alt="Avatar"></div>
<div class="chatlog__message-primary">
<div class="chatlog__header"><span class="chatlog__author" title="lin#0">阿林</span>
<span class="chatlog__timestamp" title="2025-05-02 20:01"><a href="#m1">2025-05-02 20:01</a></span></div>
<div class=chatlog__content><span class=chatlog__markdown-preserve>扦插（<strong>cutting</strong>）要选半木质化的枝条。
<s>先泡水（soak）</s></span>
<span class="chatlog__edited-timestamp" title="x">(edited)</span></div>
<div class="chatlog__embed"><div class="chatlog__embed-title">百科：压条（layering）</div></div>
<div class=chatlog__reactions><div class=chatlog__reaction><span class=chatlog__reaction-count>3</span></div></div>
</div></div></div>
<div class="chatlog__message-container" data-message-id="2"><div class="chatlog__message">
<div class="chatlog__message-aside"><div class="chatlog__short-timestamp" title="x">20:03</div></div>
<div class="chatlog__message-primary">
<div class=chatlog__content><span class=chatlog__markdown-preserve>还有生根粉（rooting hormone）。</span></div>
</div></div></div>
</div>
<div class="chatlog__message-group">
<div class="chatlog__message-container" data-message-id="3"><div class="chatlog__message">
<div class="chatlog__message-primary">
<div class="chatlog__reply"><div class="chatlog__reply-author">阿林</div><div class="chatlog__reply-content">
<span class="chatlog__reply-link">扦插（cutting）要选半木质化的枝条。</span></div></div>
<div class="chatlog__header"><span class="chatlog__author" title="mei#0">Mei</span>
<span class="chatlog__author-tag">BOT</span></div>
<div class=chatlog__content><span class=chatlog__markdown-preserve>Is it the same as a slip (插条)?</span></div>
</div></div></div>
</div>
</div></body></html>
"""


def test_a_discord_channel_exported_as_html_gives_each_message_its_author_and_no_copies(tmp_path: Path) -> None:
    """DiscordChatExporter's default export (HTML): each message its author's; the message a reply quotes, times, the
    bot tag, embeds, reactions, struck text and the channel's topic no one's words; the channel names the log."""
    path = tmp_path / "花园俱乐部 - 新手区 - 问答 [123].html"
    path.write_text(DISCORD_HTML, encoding="utf-8")
    document = read_document(path)
    assert document.title == "问答"
    said = [(g.line, g.en, g.zh, g.speaker) for g in extract_glosses(document)]
    assert said == [
        (16, "cutting", "扦插", "阿林"),
        (25, "rooting hormone", "生根粉", "阿林"),
        (35, "slip", "插条", "Mei"),
    ]
    assert not any("glossary" in s.text or "20:01" in s.text or "BOT" in s.text for s in document.segments)


def test_a_pages_furniture_is_found_in_class_names_written_in_camel_case() -> None:
    """Zhihu names its cards `SimilarQuestions-list` and `RecommendItem`: other pages' titles, glossed as they are, but
    no part of the answer."""
    page = (
        "<!DOCTYPE html>\n<html><body>\n<h1>怎么开始学潜水？</h1>\n<p>先学中性浮力（neutral buoyancy）。</p>\n"
        '<div class="SimilarQuestions-list"><a href="/q/1">浮潜（snorkeling）难吗？</a></div>\n'
        '<a class="RecommendItem" href="/p/2">减压病（decompression sickness）科普</a>\n</body></html>\n'
    )
    document = parse_document(page, "answer.html")
    assert [g.en for g in extract_glosses(document)] == ["neutral buoyancy"]


def test_a_kindle_notes_are_the_readers_own_words_not_translations_of_the_highlights_before_them(
    tmp_path: Path,
) -> None:
    """English highlights, each followed by the reader's note in Chinese: turn by turn like a bilingual edition, but a
    note glosses a term of its own (a learner saw `System 2` shown with the System 1 highlight)."""
    said = [
        ("Highlight", "Anchoring pulls an estimate toward any number seen first."),
        ("Note", "锚定效应（anchoring effect）：先看到的数字会拉偏估计。"),
        ("Highlight", "People judge frequency by how easily examples come to mind."),
        ("Note", "另一个概念：损失厌恶（loss aversion）。"),
        ("Highlight", "Losses loom larger than gains of the same size."),
        ("Note", "可得性启发（availability heuristic）。"),
    ]
    blocks = "".join(
        f"<div class='noteHeading'>{kind} - Location {k}</div>\n<div class='noteText'>{text}</div>\n"
        for k, (kind, text) in enumerate(said, 1)
    )
    page = f"<html><body>\n<div class='bookTitle'>Judgement Notes</div>\n{blocks}</body></html>\n"
    path = tmp_path / "notes.html"
    path.write_text(page, encoding="utf-8")
    document = read_document(path)
    assert all(segment.aligned is None for segment in document.segments)


def test_a_glossed_book_title_is_context_not_a_term(tmp_path: Path) -> None:
    """A Kindle notebook of a translated book names it in both languages (`山间气象手册（Mountain Weather）`): the
    extractor finds the pair, but a book's title is no word to learn (a learner saw it ranked #29 in the deck)."""
    from click.testing import CliRunner

    from vocab.cli import cli

    page = KINDLE_NOTEBOOK.replace(
        "<div class='bookTitle'>山间气象手册</div>", "<div class='bookTitle'>山间气象手册（Mountain Weather）</div>"
    )
    path = tmp_path / "notebook.html"
    path.write_text(page, encoding="utf-8")
    assert "Mountain Weather" in [g.en for g in extract_glosses(read_document(path))]
    listed = CliRunner().invoke(cli, ["list", str(path), "--format", "jsonl"], env={"VOCAB_HOME": str(tmp_path)})
    assert listed.exit_code == 0
    assert [json.loads(line)["en"] for line in listed.stdout.splitlines()] == ["cumulonimbus", "anvil cloud"]


def test_a_ruby_annotation_in_english_glosses_its_base_and_a_reading_is_no_text() -> None:
    """fresh128: an e-book wrote `<ruby>水上葉<rp>（</rp><rt>emersed form</rt><rp>）</rp></ruby>`, which a reader
    without ruby shows as `水上葉（emersed form）`; pinyin, toneless pinyin and zhuyin readings stay no text."""
    page = (
        "<html><body><p>新芽是<ruby>水上葉<rp>（</rp><rt>emersed form</rt><rp>）</rp></ruby>，"
        "泡的是<ruby>普洱<rt>pǔ ěr</rt></ruby>和<ruby>茶<rt>cha</rt></ruby>，"
        "看<ruby>鰓<rt>ㄙㄞ</rt></ruby>。</p></body></html>"
    )
    document = parse_document(page, "plants.html")
    assert document.segments[0].text == "新芽是水上葉（emersed form），泡的是普洱和茶，看鰓。"
    assert [(g.en, g.zh) for g in extract_glosses(document)] == [("emersed form", "水上葉")]
