"""Markdown as people write it in the app, read one way for every output.

One parser (markdown-it-py, CommonMark) reads every text. The app's pages show it as HTML
sanitised by nh3 (the Rust `ammonia` sanitiser): only paragraphs, lists, headings, emphasis,
quotes, code and links to http, https or mailto addresses survive; a `<script>`, an event
handler or a `javascript:` link never does. The report does not take HTML at all: it reads
the same parse as content blocks (lscp/reports/sections/_markdown.py), so PDF and DOCX get
the text too. Headings inside a text are one level only: a text sits under the report's own
headings, so each of its headings starts a subsection there.

No Django here: plain functions over strings.
"""

from __future__ import annotations

import functools
from typing import Any
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

# What the app's pages keep of the rendered HTML, each with its GOV.UK class.
_CLASSES = {
    "p": "govuk-body", "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number", "h3": "govuk-heading-s", "a": "govuk-link",
}
_TAGS = {"p", "ul", "ol", "li", "h3", "strong", "em", "a", "blockquote", "code", "pre", "br"}


def _flat_headings(state: Any) -> None:
    """Every heading becomes one level (h3 on a page, a subsection in the report)."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = "h3"


def _unsafe_links(state: Any) -> None:
    """A link to anything but a web or email address loses its address; an automatic link
    (`<javascript:...>`), whose text is that address, loses its text too."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        kept, opened = [], []  # opened: for each open link, "safe", "unsafe" or "unsafe-auto"
        for token in block.children:
            if token.type == "link_open":
                safe = is_safe_link(token.attrGet("href") or "")
                opened.append("safe" if safe else
                              "unsafe-auto" if token.markup == "autolink" else "unsafe")
                if not safe:
                    continue
            elif token.type == "link_close":
                if opened and opened.pop() != "safe":
                    continue
            elif opened and opened[-1] == "unsafe-auto":
                continue
            kept.append(token)
        block.children = kept


@functools.cache
def parser() -> MarkdownIt:
    """CommonMark with raw HTML read as HTML tokens (dropped or sanitised later), and every
    link kept as a link so that an unsafe one is seen and removed, not left as text."""
    md = MarkdownIt("commonmark", {"html": True})
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # judged later
    md.core.ruler.push("flat_headings", _flat_headings)
    md.core.ruler.push("unsafe_links", _unsafe_links)
    return md


def is_safe_link(href: str) -> bool:
    """Only web and email addresses: never javascript:, data:, file: or a relative path."""
    try:
        scheme = urlsplit(href.strip()).scheme.lower()
    except ValueError:
        return False
    return scheme in SAFE_SCHEMES


def to_html(text: str) -> str:
    """The text as sanitised HTML for the app's pages: safe to mark safe in a template."""
    html = parser().render(text or "")
    return nh3.clean(
        html, tags=_TAGS, attributes={"a": {"href"}}, url_schemes=set(SAFE_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        set_tag_attribute_values={tag: {"class": css} for tag, css in _CLASSES.items()})
