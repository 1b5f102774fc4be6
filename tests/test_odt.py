"""OpenDocument text (``sources/odt.py``): each paragraph and heading of the body one line, a gloss on its paragraph's
number; notes, indexes, tracked deletions and frames no text and no paragraphs."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from vocab import read_document
from vocab.errors import EmptyDocument, SourceError
from vocab.extract import extract_glosses
from vocab.models import InputFormat, SegmentKind

NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:0.2"'
)
STYLES = """<office:automatic-styles>
  <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"
    style:font-weight-asian="bold"/></style:style>
  <style:style style:name="T2" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
  <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/>
</office:automatic-styles>"""
# A handout as Writer saves one (paragraph numbers in the comments); before paragraph 1, what has none
BODY = (
    '<text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Table"/></text:sequence-decls>'
    '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>'
    "<text:p>删掉的早停（early stop）</text:p></text:deletion></text:changed-region></text:tracked-changes>"
    '<text:table-of-content text:name="目录"><text:index-body>'
    "<text:index-title><text:p>目录</text:p></text:index-title>"
    "<text:p>分词（tokenization）<text:tab/>1</text:p></text:index-body></text:table-of-content>"
    '<text:p text:style-name="P1">第三讲 分词</text:p>'  # 1
    '<text:h text:outline-level="2">一、子词 Subwords</text:h>'  # 2
    '<text:p>先讲<text:span text:style-name="T1">字节</text:span>'  # 3
    '<text:span text:style-name="T1">对编码</text:span>'
    '（byte pair encoding）<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
    "<text:note-body><text:p>脚注里的词表（vocabulary）</text:p></text:note-body></text:note>，"
    '<text:s text:c="2"/>再讲词表（vocabulary）。</text:p>'
    "<text:p>这一行<text:line-break/>接着讲<text:soft-page-break/>未登录词（out-of-vocabulary word）。"  # 4
    '<draw:frame draw:name="图1"><draw:text-box><text:p>框里的子词（subword）</text:p></draw:text-box>'
    "<svg:desc>示意图（diagram）</svg:desc></draw:frame></text:p>"
    "<text:list><text:list-item><text:p>标记（token）</text:p></text:list-item>"  # 5
    "<text:list-item><text:list><text:list-item><text:p/></text:list-item></text:list>"  # 6
    "</text:list-item></text:list>"
    '<table:table table:name="表1"><table:table-column table:number-columns-repeated="2"/><table:table-row>'
    "<table:table-cell><text:p>术语</text:p></table:table-cell>"  # 7
    "<table:table-cell><text:p>说明</text:p></table:table-cell></table:table-row><table:table-row>"  # 8
    "<table:table-cell><text:p>合并规则（merge rules）</text:p></table:table-cell>"  # 9
    "<table:table-cell><text:p/></table:table-cell></table:table-row></table:table>"  # 10
    '<text:section text:name="s1"><text:p>We call it a <text:span text:style-name="T2">vocabulary</text:span>'  # 11
    "（词表）.</text:p></text:section>"
)
META = """<office:meta><dc:title>属性里的标题</dc:title><meta:initial-creator>周老师</meta:initial-creator>
<meta:creation-date>2025-03-04T09:10:00</meta:creation-date></office:meta>"""


MANIFEST = (
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{}</manifest:file-entry>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def _content(body: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NAMESPACES} office:version="1.3">'
        f"{STYLES}<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )


def _odt(path: Path, body: str = BODY, manifest: str = "") -> Path:
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        package.writestr("META-INF/manifest.xml", MANIFEST.format(manifest))
        package.writestr("content.xml", _content(body), zipfile.ZIP_DEFLATED)
        package.writestr("meta.xml", f"<office:document-meta {NAMESPACES}>{META}</office:document-meta>")
        package.writestr(
            "styles.xml",
            f"<office:document-styles {NAMESPACES}><office:styles>"
            '<style:style style:name="Title" style:family="paragraph"/></office:styles>'
            "</office:document-styles>",
        )
    return path


EXPECTED = [
    (2, "Subwords", "子词"),  # the heading's halves
    (3, "byte pair encoding", "字节对编码"),  # two bold spans one term; the footnote's gloss gone
    (3, "vocabulary", "词表"),  # after two spaces (`text:s`)
    (4, "out-of-vocabulary word", "未登录词"),  # after a line break, a space; the frame's text box gone
    (5, "token", "标记"),  # a list item
    (9, "merge rules", "合并规则"),  # table cells row by row; the empty nested item 6 counted
    (11, "vocabulary", "词表"),  # the italic word bounds the term
]


def test_an_odt_is_read_paragraph_by_paragraph_each_gloss_on_its_paragraphs_number(tmp_path: Path) -> None:
    document = read_document(_odt(tmp_path / "handout.odt"))
    assert (document.format, document.title, document.metadata.author, document.metadata.date) == (
        InputFormat.MARKDOWN,
        "第三讲 分词",  # the title style's paragraph, before the properties' title
        "周老师",
        "2025-03-04",
    )
    assert [s.kind for s in document.segments[:2]] == [SegmentKind.HEADING, SegmentKind.HEADING]
    assert [(g.line, g.en, g.zh) for g in extract_glosses(document)] == EXPECTED
    assert document.line_count == 11
    assert document.segments[3].text == "这一行 接着讲未登录词（out-of-vocabulary word）。"


def test_a_flat_odt_reads_as_the_package_does(tmp_path: Path) -> None:
    flat = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NAMESPACES} office:version="1.3" '
        f'office:mimetype="application/vnd.oasis.opendocument.text">{META}<office:styles>'
        f'<style:style style:name="Title" style:family="paragraph"/></office:styles>{STYLES}'
        f"<office:body><office:text>{BODY}</office:text></office:body></office:document>"
    )
    (tmp_path / "handout.fodt").write_text(flat, encoding="utf-8")
    document = read_document(tmp_path / "handout.fodt")
    assert [(g.line, g.en, g.zh) for g in extract_glosses(document)] == EXPECTED
    assert document.metadata.author == "周老师"


def test_odt_files_are_walked_and_bad_ones_refused_by_name(tmp_path: Path) -> None:
    from vocab.sources import DOCUMENT_SUFFIXES

    assert {".odt", ".fodt"} <= DOCUMENT_SUFFIXES
    (tmp_path / "notes.odt").write_bytes(b"plain words, not a package")
    with pytest.raises(SourceError, match=r"notes\.odt: not an OpenDocument text"):
        read_document(tmp_path / "notes.odt")
    locked = '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"/>'
    with pytest.raises(SourceError, match=r"locked\.odt: an OpenDocument text with a password"):
        read_document(_odt(tmp_path / "locked.odt", manifest=locked))
    cut = _odt(tmp_path / "cut.odt").read_bytes()
    (tmp_path / "cut.odt").write_bytes(cut[: len(cut) // 2])
    with pytest.raises(SourceError, match=r"cut\.odt: .*damaged ZIP"):
        read_document(tmp_path / "cut.odt")
    with pytest.raises(EmptyDocument):
        read_document(_odt(tmp_path / "blank.odt", body="<text:p/><text:p></text:p>"))


def test_a_template_is_read_and_a_walk_says_what_to_do_with_zipped_exports_and_other_slides(tmp_path: Path) -> None:
    """A learner's folder: an `.ott` (Writer's template) is read as a text; a Notion export still zipped and Impress
    slides (`.odp`) are left out with what to do about them (a learner read "name one to read it as text" and did)."""
    from click.testing import CliRunner

    from vocab.cli import cli

    _odt(tmp_path / "week3.ott")
    (tmp_path / "Export-3f2a.zip").write_bytes(b"PK\x03\x04 a Notion export")
    (tmp_path / "lecture.odp").write_bytes(b"PK\x03\x04 slides")
    result = CliRunner().invoke(cli, ["list", str(tmp_path)], env={"VOCAB_HOME": str(tmp_path / "home")})
    assert result.exit_code == 0 and "byte pair encoding" in result.stdout
    assert "unzip a .zip first" in result.stderr and "save .odp slides as .pptx" in result.stderr
