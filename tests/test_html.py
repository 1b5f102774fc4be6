"""HTML and XHTML (``sources/html.py``): each block a segment from the line its text starts on, inline bold a term's
bounds, scripts, ruby readings and footnote numbers no text, a menu and the ``<title>`` meta."""

from __future__ import annotations

from vocab import parse_document
from vocab.extract import extract_glosses
from vocab.models import InputFormat, SegmentKind

PAGE = """<!DOCTYPE html>
<html lang="zh">
<head><title>潮汐笔记 - 小站</title>
<meta name="author" content="阿岚"><meta property="article:published_time" content="2025-03-08T09:00:00+08:00">
<link rel="canonical" href="https://example.org/tides"></head>
<body>
<nav><a href="/">首页</a> <a href="/about">关于</a></nav>
<article>
<h1>潮汐 Tides</h1>
<p>月球引起<strong>潮汐力</strong>（tidal force）。涨到最高叫
高潮<sup><a href="#fn1" id="r1">1</a></sup>（high tide）。</p><p>同一行的第二段：低潮（low tide）。</p>
<p><ruby>潮<rt>cháo</rt></ruby>差（tidal range）<br>换行后：潮间带（intertidal zone）</p>
<pre>x = 1  # 注释（comment）</pre>
<script>let s = "脚本（script）";</script>
<p hidden>隐藏（hidden text）</p>
</article>
<footer>© 2025 小站</footer>
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
    assert kinds["潮汐笔记 - 小站"] == (3, SegmentKind.META)
    assert kinds["首页 关于"] == (7, SegmentKind.META) and kinds["© 2025 小站"] == (17, SegmentKind.META)
    assert kinds["潮汐 Tides"] == (9, SegmentKind.HEADING)
    assert kinds["月球引起**潮汐力**（tidal force）。涨到最高叫\n高潮（high tide）。"] == (10, SegmentKind.BODY)
    assert kinds["同一行的第二段：低潮（low tide）。"] == (11, SegmentKind.BODY)
    assert kinds["x = 1 # 注释（comment）"] == (13, SegmentKind.CODE)
    glosses = [(g.line, g.en, g.zh) for g in extract_glosses(document)]
    assert glosses == [
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
