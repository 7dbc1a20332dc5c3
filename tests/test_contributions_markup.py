"""Markdown read once, shown two ways: sanitised HTML on the app's pages, plain content blocks
in the report. Pure functions, no database."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lscp.contributions.glossary import Term, used
from lscp.contributions.markup import is_safe_link, to_html
from lscp.reports.content import BulletList, Paragraph
from lscp.reports.sections._markdown import to_content

ATTACKS = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "[x]( JaVaScRiPt:alert(1))",
    "[x](vbscript:msgbox(1))",
    "<javascript:alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src=\"https://example.org\"></iframe>",
    "[x](data:text/html,<script>alert(1)</script>)",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "![x](javascript:alert(1))",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_nothing_unsafe_survives_on_a_page_or_in_the_report(attack: str) -> None:
    html = to_html(f"Before {attack} after")
    for bad in ("<script", "javascript:", "vbscript:", "onerror", "onload", "<iframe",
                "<img", "<svg", "style=", "data:"):
        assert bad not in html.lower(), (attack, html)
    intro, subsections = to_content(f"Before {attack} after", "x")
    words = " ".join(b.text for b in intro if isinstance(b, Paragraph))
    assert not subsections
    for bad in ("<", "javascript:", "vbscript", "alert(1)", "onerror", "data:"):
        assert bad not in words.lower(), (attack, words)


def test_safe_markdown_keeps_its_shape() -> None:
    html = to_html("# Title\n\nA **bold** [link](https://example.org).\n\n- one\n- two")
    assert '<h3 class="govuk-heading-s">Title</h3>' in html
    assert '<a href="https://example.org"' in html and 'rel="noopener noreferrer nofollow"' in html
    assert "<strong>bold</strong>" in html and '<ul class="govuk-list govuk-list--bullet">' in html
    intro, (section,) = to_content("Lead\n\n## Title\n\nA **bold** [link](https://example.org)."
                                   "\n\n- one\n- two\n  - nested\n\n1. first", "p")
    assert intro == [Paragraph("Lead")]
    assert (section.id, section.title) == ("p-1", "Title")
    assert section.blocks == [Paragraph("A bold link (https://example.org)."),
                              BulletList(["one", "two", "nested"]), BulletList(["first"])]


def test_a_link_whose_words_are_its_address_is_not_repeated() -> None:
    intro, _ = to_content("See <https://example.org> and [mail](mailto:bscp@example.org)", "p")
    assert intro == [Paragraph("See https://example.org and mail (bscp@example.org)")]


@pytest.mark.parametrize(("href", "safe"), [
    ("https://example.org", True), ("http://x", True), ("mailto:a@b.c", True),
    ("javascript:alert(1)", False), ("/relative", False), ("data:x", False), ("", False)])
def test_only_web_and_email_links_are_safe(href: str, safe: bool) -> None:
    assert is_safe_link(href) is safe


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>[]()!*#-:/ \n\"'=ajvscriptonelod1")),
               max_size=80))
def test_no_text_makes_a_script_or_a_javascript_link(text: str) -> None:
    html = to_html(text).lower()
    assert "<script" not in html and "<img" not in html
    assert re.search(r"""href=["']?\s*(?!https?:|mailto:)""", html) is None
    assert re.search(r"<[^>]*\son\w*\s*=", html) is None
    intro, subsections = to_content(text, "p")
    assert all(isinstance(b, Paragraph | BulletList) for b in intro)


def test_acronyms_match_exactly_and_other_terms_in_any_case() -> None:
    mash = Term("MASH", "Multi-Agency Safeguarding Hub", "The front door.")
    cp = Term("CP", "Child protection", "Protection.", ("CPP",))
    early = Term("Early help", "", "Help early.")
    assert [t.term for t in used(["The MASH, CPD, cp and EARLY HELP"], [mash, cp, early])] == [
        "MASH", "Early help"]
    assert [t.term for t in used(["a CPP was made"], [cp])] == ["CP"]
    assert used(["mash potatoes"], [mash]) == []
    assert mash.explained == "Multi-Agency Safeguarding Hub. The front door."
    assert early.explained == "Help early."
