"""Markdown written in the app (a foreword, a partner's account) as the report's own content
blocks: paragraphs, bullet lists and, for each heading, a subsection.

The tree stays renderer-neutral: no HTML goes into it, so the HTML, PDF and DOCX editions
show the same words. Each run of inline text is rendered by the shared parser
(lscp/contributions/markup.py, which has already removed unsafe links) and stripped to plain
text by nh3, which also drops what a `<script>` or `<style>` held; a safe link keeps its
address in brackets after its words, since a printed page cannot be clicked.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

import nh3
from markdown_it.token import Token

from lscp.contributions.markup import parser
from lscp.reports.content import BulletList, Paragraph, Section

Block = Paragraph | BulletList


def plain(children: list[Any]) -> str:
    """One run of inline Markdown as plain text."""
    tokens = []
    for token in children:
        tokens.append(token)
        if token.type == "link_close":
            href = _open_href(tokens)
            words = _words_since_open(tokens)
            shown = href.removeprefix("mailto:")
            if href and shown not in words:
                tokens.append(_text(f" ({shown})"))
    renderer: Any = parser().renderer
    rendered = renderer.renderInline(tokens, parser().options, {})
    text = html.unescape(nh3.clean(rendered, tags=set()))
    return re.sub(r"\s+", " ", text).strip()


def _text(content: str) -> Any:
    return Token("text", "", 0, content=content)


def _open_href(tokens: list[Any]) -> str:
    for token in reversed(tokens[:-1]):
        if token.type == "link_open":
            return str(token.attrGet("href") or "")
    return ""


def _words_since_open(tokens: list[Any]) -> str:
    start = max(i for i, t in enumerate(tokens) if t.type == "link_open")
    return "".join(t.content for t in tokens[start:] if t.type in ("text", "code_inline"))


def to_content(text: str, prefix: str) -> tuple[list[Block], list[Section]]:
    """The blocks before the first heading, then one subsection per heading (ids
    `{prefix}-1`, `{prefix}-2`, ...). Lists nested in lists become items of the outer list."""
    intro: list[Block] = []
    subsections: list[Section] = []
    current = intro
    items: list[str] | None = None  # the open list's items
    depth = 0
    tokens = parser().parse(text or "")
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            title = plain(tokens[i + 1].children or [])
            subsections.append(Section(f"{prefix}-{len(subsections) + 1}", title or "More"))
            current = subsections[-1].blocks
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            items = items if items is not None else []
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0 and items is not None:
                kept = [item for item in items if item]
                if kept:
                    current.append(BulletList(kept))
                items = None
        elif token.type == "list_item_open" and items is not None:
            items.append("")
        elif token.type == "inline" and tokens[i - 1].type == "paragraph_open":
            words = plain(token.children or [])
            if items is not None:
                items[-1] = f"{items[-1]} {words}".strip()
            elif words:
                current.append(Paragraph(words))
        elif token.type in ("fence", "code_block") and token.content.strip():
            current.append(Paragraph(re.sub(r"\s+", " ", token.content).strip()))
    return intro, subsections


def markdown_section(section_id: str, title: str, text: str, *,
                     before: Sequence[Block] | None = None) -> Section:
    """A section whose body is one Markdown text."""
    intro, subsections = to_content(text, section_id)
    return Section(section_id, title, [*(before or []), *intro], subsections)
