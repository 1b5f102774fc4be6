r"""LaTeX sources, as lecture notes are shared: each line rewritten as the Markdown it means, line for line, and read as
Markdown (``markdown.read_body``), so paragraphs, headings, lists, emphasis and code blocks are read one way:

    \section{分组密码 Block Ciphers}       → ## 分组密码 Block Ciphers       a heading
    \textbf{选择明文攻击}（…）               → **选择明文攻击**（…）             bold, which bounds a term
    \item 抗原像（preimage resistance）     → - 抗原像（preimage resistance）   a list item
    \[ … \], \begin{equation} … \end{…}   → ``` … ```                     maths, no text
    a & b \\                              → | a | b |                     a table's row
    % a comment, \label{…}, \cite{…}       → nothing
    \& \% \$ \# \_                         → & % $ # _

The preamble (before ``\begin{document}``) and the bibliography are no text; ``\title{…}`` names the document.
"""

from __future__ import annotations

import re

from ..models import Metadata, Segment, SegmentKind
from . import markdown
from ._build import SegmentList, sentence_break

_STARTS = re.compile(r"^\s*\\(?:documentclass|begin\{document\})")
_SECTIONING = {"part": "#", "chapter": "#", "section": "##", "subsection": "###", "subsubsection": "####"}
_HEADING = re.compile(
    r"^\s*\\(?P<level>part|chapter|(?:sub){0,2}section|paragraph)\*?\s*(?:\[[^\]]*\])?\{(?P<text>.*)\}"
)
_COMMENT = re.compile(r"(?<!\\)%.*$")
_BEGIN_END = re.compile(r"^\s*\\(?P<which>begin|end)\{(?P<env>[^}]*)\}(?:\[[^\]]*\])?(?:\{[^}]*\})*\s*$")
_MATH = frozenset(
    "equation equation* align align* gather gather* multline multline* eqnarray eqnarray* displaymath".split()
)
_SKIPPED = frozenset({"thebibliography", "tikzpicture", "verbatim", "lstlisting", "minted"})  # no text to read
_DISPLAY = {"\\[": "\\]", "$$": "$$"}  # display maths on lines of their own: the opening line → the closing one
_ITEM = re.compile(r"^\s*\\item(?:\[(?P<label>[^\]]*)\])?\s*")
_INLINE = {"textbf": "**", "emph": "*", "textit": "*", "texttt": "`"}  # and any other command's argument: its text
# commands that print no words: references, citations, index entries (`物品冷启动\index{冷启动}（…）`), spacing
_GONE = re.compile(
    r"\s*~?\\(?:label|ref|eqref|cite|citep|citet|pageref|bibliographystyle|bibliography|index|[hv]space\*?)\{[^}]*\}"
)
_LINE_BREAK = re.compile(r"\\\\(?:\[[^\]]*\])?")  # `\\`, `\\[4pt]`: a line break, its spacing no text
_ESCAPED = re.compile(r"\\([&%$#_{}])")  # `Wide \& Deep`: the character itself
_COMMAND_WITH_TEXT = re.compile(r"\\(?P<name>[A-Za-z]+)\*?(?:\[[^\]]*\])?\{(?P<text>[^{}]*)\}")
_BARE_COMMAND = re.compile(r"\\(?:[A-Za-z]+\*?|[,;:!\\])\s?")
_TITLE = re.compile(r"\\title\{(?P<text>[^}\\]*)")


def detect(lines: list[str]) -> bool:
    """A LaTeX document: `\\documentclass` or `\\begin{document}` near the top."""
    return any(_STARTS.match(line) for line in lines[:80])


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    body = next((i for i, line in enumerate(lines) if line.strip().startswith(r"\begin{document}")), -1)
    segments = SegmentList()
    fields = markdown.read_body(_as_markdown(lines, body), 1, segments)  # `# …`: the title's first line, a heading
    heading = next((s for s in segments.build() if s.kind is SegmentKind.HEADING), None)
    title = _whole_title(lines[: body + 1]) or fields.get("title") or (heading.text if heading else None)
    return Metadata(title=title), segments.build()


def _whole_title(preamble: list[str]) -> str | None:
    """``\\title{…}`` whole, over its lines, its ``\\\\`` breaks as spaces and its commands gone: the document's title
    (`Graph Theory 图论 第 2 讲`). None without one."""
    text = "\n".join(preamble)
    at = text.find("\\title{")
    if at < 0:
        return None
    depth, end = 0, len(text)
    for i in range(at + len("\\title"), len(text)):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            end = i
            break
    inner = _LINE_BREAK.sub(" ", text[at + len("\\title{") : end])
    return " ".join(_text(inner).split()) or None


def _as_markdown(lines: list[str], body: int) -> list[str]:
    """Each line as the Markdown it means (a blank line where it means no text), so line numbers stay the file's."""
    out: list[str] = []
    closing: str | None = None  # the line that ends the block of maths, or of no text, the line is in
    maths = False
    for i, raw in enumerate(lines):
        line = _COMMENT.sub("", raw).rstrip()
        stripped = line.strip()
        edge = _BEGIN_END.match(line)
        if i <= body:  # the preamble: no text but its title, the document's heading
            out.append(f"# {_text(title['text'])}" if (title := _TITLE.search(line)) else "")
        elif closing is not None:
            ends = stripped == closing
            out.append("```" if ends and maths else line if maths else "")
            closing = None if ends else closing
        elif stripped in _DISPLAY:
            closing, maths = _DISPLAY[stripped], True
            out.append("```")
        elif edge is not None and edge["which"] == "begin" and edge["env"] in _MATH | _SKIPPED:
            closing, maths = f"\\end{{{edge['env']}}}", edge["env"] in _MATH
            out.append("```" if maths else "")
        else:
            out.append("" if edge is not None else _line(line))
    return out


def _line(line: str) -> str:
    """One line of text: sectioning as a heading, an item as a list item, a table row as Markdown's, commands gone."""
    if heading := _HEADING.match(line):
        marks = _SECTIONING.get(heading["level"], "####")
        return f"{marks} {_text(heading['text'])}"
    if item := _ITEM.match(line):
        label = f"{item['label']} " if item["label"] else ""
        return "- " + label + _text(line[item.end() :])
    if "&" in line and line.rstrip().endswith("\\\\"):
        cells = [_text(cell) for cell in line.rstrip()[:-2].split("&")]
        return "| " + " | ".join(cells) + " |"
    if line.strip() in (r"\hline", r"\toprule", r"\midrule", r"\bottomrule"):
        return ""
    return _text(line)


def _text(text: str) -> str:
    """Running text without LaTeX's commands: emphasis as Markdown's, any other command's argument as its text; inline
    maths (`$…$`) as written, which extraction reads as no words."""
    parts = _INLINE_MATHS.split(text)
    return "".join(part if k % 2 else _words(part) for k, part in enumerate(parts)).strip()


# A footnote, its text read as the sentences after the one it marks (`重复\footnote{重复使用 nonce 时…}。`: a learner
# saw `绝不能重复重复使用 nonce 时…。。`), its closing brace and a full stop after it one sentence end
_FOOTNOTE = re.compile(r"\\footnote(?:\[[^\]]*\])?\{")
_FOOTNOTE_CLOSED = re.compile(r"([。．.!?！？])\}\s*[。．.]")


_INLINE_MATHS = re.compile(r"((?<!\\)\$[^$]+(?<!\\)\$)")


def _words(text: str) -> str:
    text = _GONE.sub("", text)
    text = _FOOTNOTE_CLOSED.sub(r"\1", _FOOTNOTE.sub(lambda found: sentence_break(found.string[: found.start()]), text))
    while (found := _COMMAND_WITH_TEXT.search(text)) is not None:
        marks = _INLINE.get(found["name"], "")
        text = text[: found.start()] + marks + found["text"] + marks + text[found.end() :]
    text = _BARE_COMMAND.sub("", _LINE_BREAK.sub(" ", text).replace("~", " "))
    return _ESCAPED.sub(r"\1", re.sub(r"(?<!\\)[{}]", "", text))
