"""Playing the attacker on the public edition: no suppressed count can be worked out.

The public yearly report of the demo is built in all three formats and every number each
one publishes is read back, table by table and section by section: the HTML and the DOCX by
their structure, the PDF from its text (row by row, following the tables the HTML has).
Everything a reader knows becomes an equation or a bound: a table's total is the sum of its
rows, a share and a count give the total, "k of n" gives n - k, a rate per 10,000 and the
published population give the count, a breakdown's total is the indicator's figure, the
months add up to the year, and private fostering flows (children in the year = open at the
start + new notifications = ended + open at the end). A hidden cell ([c] or [x]) whose value
follows from them and is 1 to 5 is a disclosure; the internal edition supplies true values.

The attacker here is written apart from lscp.insight.suppression on purpose: the product's
suppression is checked by a different piece of code than the one it uses itself.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

import lxml.html
import pytest
from docx import Document as read_docx
from docx.table import Table as DocxTable
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from lscp.insight.suppression import is_disclosive, suppress_group
from lscp.reports.documents.yearly import build_yearly_report
from lscp.reports.render import render_docx, render_html, render_pdf

THRESHOLD = 5  # every indicator of the demo catalogue uses DfE's 1 to 5
WATCHED = ("Safeguarding context", "Child death overview")
TOKEN = r"(\[c\]|\[x\]|–|[\d,]+(?:\.\d+)?%?(?: \[i\])?)"

# The attacker's equations --------------------------------------------------------------

Key = tuple[str, ...]


@dataclass
class Knowledge:
    """What a reader knows: visible values, hidden cells (with a floor), equations, bounds."""

    known: dict[Key, Fraction] = field(default_factory=dict)
    hidden: dict[Key, int] = field(default_factory=dict)  # key -> lowest possible value
    equations: list[tuple[dict[Key, int], int]] = field(default_factory=list)
    low: dict[Key, Fraction] = field(default_factory=dict)
    high: dict[Key, Fraction] = field(default_factory=dict)

    def sum_is(self, total: Key, parts: Iterable[Key]) -> None:
        terms = dict.fromkeys(parts, 1)
        terms[total] = terms.get(total, 0) - 1
        self.equations.append((terms, 0))

    def bound(self, key: Key, low: Fraction, high: Fraction) -> None:
        self.low[key] = max(self.low.get(key, low), low)
        self.high[key] = min(self.high.get(key, high), high)


def worked_out(k: Knowledge) -> dict[Key, Fraction]:
    """Every hidden value that follows from the rest, by elimination and by squeezing bounds."""
    known = dict(k.known)
    low = {key: Fraction(floor) for key, floor in k.hidden.items()}
    for key, value in k.low.items():
        low[key] = max(low.get(key, value), value)
    high = dict(k.high)
    while True:
        found = _eliminate(k.equations, known)
        found.update(_squeeze(k.equations, known, low, high))
        found = {key: v for key, v in found.items() if key not in known}
        if not found:
            return {key: known[key] for key in k.hidden if key in known}
        known.update(found)


def _reduced(equations: list[tuple[dict[Key, int], int]],
             known: dict[Key, Fraction]) -> list[tuple[dict[Key, Fraction], Fraction]]:
    rows = []
    for terms, constant in equations:
        rest = Fraction(constant) - sum((c * known[x] for x, c in terms.items() if x in known),
                                        Fraction(0))
        unknown = {x: Fraction(c) for x, c in terms.items() if x not in known and c}
        if unknown:
            rows.append((unknown, rest))
    return rows


def _eliminate(equations: list[tuple[dict[Key, int], int]],
               known: dict[Key, Fraction]) -> dict[Key, Fraction]:
    """Gauss-Jordan over the unknowns: a row left with one unknown gives its value."""
    rows = _reduced(equations, known)
    pivots: list[tuple[Key, dict[Key, Fraction], Fraction]] = []
    for terms, rest in rows:
        terms = dict(terms)
        for key, row, value in pivots:
            if key in terms:
                factor = terms[key]
                for x, c in row.items():
                    terms[x] = terms.get(x, Fraction(0)) - factor * c
                rest -= factor * value
        terms = {x: c for x, c in terms.items() if c}
        if not terms:
            continue
        key = min(terms)
        scale = terms[key]
        row = {x: c / scale for x, c in terms.items()}
        value = rest / scale
        for i, (other, other_row, other_value) in enumerate(pivots):
            if key in other_row:
                factor = other_row[key]
                merged = {x: other_row.get(x, Fraction(0)) - factor * row.get(x, Fraction(0))
                          for x in set(other_row) | set(row)}
                pivots[i] = (other, {x: c for x, c in merged.items() if c},
                             other_value - factor * value)
        pivots.append((key, row, value))
    return {key: value for key, row, value in pivots if len(row) == 1}


def _squeeze(equations: list[tuple[dict[Key, int], int]], known: dict[Key, Fraction],
             low: dict[Key, Fraction], high: dict[Key, Fraction]) -> dict[Key, Fraction]:
    """Interval reasoning: each unknown lies between what the others leave room for."""
    rows = _reduced(equations, known)
    for _ in range(60):
        changed = False
        for terms, rest in rows:
            for x, c in terms.items():
                lo, hi = _room(terms, rest, x, low, high)
                if c < 0:
                    lo, hi = (None if hi is None else -hi), (None if lo is None else -lo)
                lo = None if lo is None else Fraction(math.ceil(lo / abs(c)))
                hi = None if hi is None else Fraction(math.floor(hi / abs(c)))
                if lo is not None and (x not in low or lo > low[x]):
                    low[x], changed = lo, True
                if hi is not None and (x not in high or hi < high[x]):
                    high[x], changed = hi, True
        if not changed:
            break
    return {x: low[x] for x in low if x in high and low[x] == high[x]}


def _room(terms: dict[Key, Fraction], rest: Fraction, x: Key, low: dict[Key, Fraction],
          high: dict[Key, Fraction]) -> tuple[Fraction | None, Fraction | None]:
    lo: Fraction | None = rest
    hi: Fraction | None = rest
    for y, c in terms.items():
        if y == x:
            continue
        small = low.get(y) if c > 0 else high.get(y)
        big = high.get(y) if c > 0 else low.get(y)
        hi = None if hi is None or small is None else hi - c * small
        lo = None if lo is None or big is None else lo - c * big
    return lo, hi


# Reading the published edition back -------------------------------------------------------


@dataclass
class Grid:
    top: str  # the report section it sits in, e.g. "Safeguarding context"
    caption: str
    head: list[str]
    rows: list[list[str]]  # body rows, then the total


@dataclass
class View:
    grids: list[Grid] = field(default_factory=list)
    paragraphs: list[tuple[str, str]] = field(default_factory=list)  # (top section, text)


def flat(text: str) -> str:
    return " ".join(text.split())


def html_view(data: bytes) -> View:
    root = lxml.html.fromstring(data)
    view = View()
    for section in root.iter("section"):
        top = flat(section.xpath("ancestor-or-self::section")[0].xpath("./*[1]")[0]
                   .text_content())
        for p in section.xpath("./p|./ul/li"):
            view.paragraphs.append((top, flat(p.text_content())))
        for table in section.xpath("./table"):
            rows = [[flat(c.text_content()) for c in tr.xpath("./th|./td")]
                    for tr in table.xpath("./tbody/tr|./tfoot/tr")]
            view.grids.append(Grid(top, flat(table.find("caption").text_content()),
                                   [flat(th.text_content()) for th in table.xpath(
                                       "./thead/tr/th")], rows))
    return view


def docx_view(data: bytes) -> View:
    view, top, caption = View(), "", ""
    for item in read_docx(io.BytesIO(data)).iter_inner_content():
        if isinstance(item, DocxTable):
            rows = [[flat(cell.text) for cell in row.cells] for row in item.rows]
            view.grids.append(Grid(top, caption, rows[0], rows[1:]))
        elif item.style.name == "Heading 1":
            top = item.text
        elif item.style.name == "Caption":
            caption = item.text
        elif item.text and not item.style.name.startswith(("Heading", "Title")):
            view.paragraphs.append((top, flat(item.text)))
    return view


def pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    # Page footers and list bullets are laid out apart from the text they sit beside; the
    # contents page's leaders and page numbers are layout, not figures.
    return flat(re.sub(r"Page \d+ of \d+|•|\.{3,} *\d+", " ", text))


def pdf_view(data: bytes, layout: View) -> View:
    """The PDF's own numbers, read row by row along the tables the HTML edition lays out."""
    text = pdf_text(data)
    view, pos = View(), 0
    for grid in layout.grids:
        if grid.top not in WATCHED:
            continue
        start = text.find(flat(f"{grid.caption} {' '.join(grid.head)}"), pos)
        assert start >= 0, f"table not found in the PDF: {grid.caption}"
        rows = [_pdf_row(text, start, row) for row in grid.rows]
        view.grids.append(Grid(grid.top, grid.caption, grid.head, rows))
        pos = start
    for top, first, after in (("Safeguarding context", "Safeguarding context Rates are",
                                "Learning and improvement In "),
                               ("Child death overview", "Child death overview In ",
                                "Impact of challenge")):
        part = text[text.find(first):text.find(after)]
        view.paragraphs += [(top, sentence) for sentence in part.split(". ")]
    return view


def _pdf_row(text: str, start: int, row: list[str]) -> list[str]:
    pattern = r"(?<!\w)" + re.escape(row[0])
    numeric = [bool(re.fullmatch(TOKEN, cell)) for cell in row]
    for cell, is_number in zip(row[1:], numeric[1:], strict=True):
        pattern += r"\s+" + (TOKEN if is_number else re.escape(cell))
    match = re.compile(pattern).search(text, start)
    assert match, f"row not found in the PDF: {row}"
    cells = iter(match.groups())
    return [row[0]] + [next(cells) if is_number else cell
                       for cell, is_number in zip(row[1:], numeric[1:], strict=True)]


# Turning what is published into knowledge ---------------------------------------------------


def number(cell: str) -> Fraction | None:
    cleaned = cell.replace(" [i]", "").replace(",", "").rstrip("%")
    return Fraction(cleaned) if re.fullmatch(r"\d+(\.\d+)?", cleaned) else None


def count_cells(grid: Grid) -> list[tuple[Key, str]]:
    """(key, cell) for every cell of a grid that counts children (not shares, rates, days)."""
    found = []
    for row in grid.rows:
        for index, header in enumerate(grid.head[1:], start=1):
            unit = row[1] if grid.head[:2] == ["Indicator", "Unit"] else header
            if unit.lower() == "number" and header not in ("Unit", "England"):
                found.append(((grid.caption, row[0], header), row[index]))
    return found


def knowledge(view: View) -> Knowledge:
    k = Knowledge()
    grids = [g for g in view.grids if g.top in WATCHED]
    for grid in grids:
        for key, cell in count_cells(grid):
            value = number(cell)
            if value is not None:
                k.known[key] = value
            elif cell in ("[c]", "[x]"):
                k.hidden[key] = 1 if cell == "[c]" else 0
    themes = {row[0]: (g.caption, g.head) for g in grids if g.head[:2] == ["Indicator", "Unit"]
              for row in g.rows}
    for grid in grids:
        _totals(k, grid, themes)
        _shares(k, grid)
        _months(k, grid, themes)
    _rates(k, grids, _population(view))
    _private_fostering(k, themes)
    return k


def _theme_key(themes: dict[str, tuple[str, list[str]]], title: str, column: int) -> Key | None:
    if title not in themes:
        return None
    caption, head = themes[title]
    return (caption, title, head[column])


def _totals(k: Knowledge, grid: Grid, themes: dict[str, tuple[str, list[str]]]) -> None:
    if grid.head[1:] != ["Number", "Share"] or grid.rows[-1][0] != "Total":
        return
    total = (grid.caption, "Total", "Number")
    k.sum_is(total, [(grid.caption, row[0], "Number") for row in grid.rows[:-1]])
    for title in themes:  # the breakdown's total is the indicator's figure for the year
        if grid.caption.startswith(f"{title} by "):
            same = _theme_key(themes, title, 3)
            if same:
                k.sum_is(total, [same])


def _shares(k: Knowledge, grid: Grid) -> None:
    """A visible count and its share bound the total; a share and the total bound the count."""
    if grid.head[1:] != ["Number", "Share"]:
        return
    total = (grid.caption, "Total", "Number")
    for row in grid.rows[:-1]:
        count, share = number(row[1]), number(row[2])
        if share is None or not row[2].endswith("%"):
            continue
        low, high = max(share - Fraction(1, 2), Fraction(0)), share + Fraction(1, 2)
        if count is not None and count and low > 0:
            k.bound(total, count * 100 / high, count * 100 / low)
        key = (grid.caption, row[0], "Number")
        if count is None and total in k.known:
            k.bound(key, low * k.known[total] / 100, high * k.known[total] / 100)


def _months(k: Knowledge, grid: Grid, themes: dict[str, tuple[str, list[str]]]) -> None:
    if grid.head != ["Month", "Number"] or len(grid.rows) != 12:
        return
    title = grid.caption.split(", month by month")[0]
    year = _theme_key(themes, title, 3)
    if year:
        k.sum_is(year, [(grid.caption, row[0], "Number") for row in grid.rows])


def _population(view: View) -> int | None:
    for _, text in view.paragraphs:
        found = re.search(r"an estimated ([\d,]+) children", text)
        if found:
            return int(found.group(1).replace(",", ""))
    return None


def _rates(k: Knowledge, grids: list[Grid], population: int | None) -> None:
    """A rate per 10,000 and the population put the count in a narrow band."""
    if not population:
        return
    for grid in grids:
        labels = {row[0] for row in grid.rows}
        for row in grid.rows:
            base = row[0].removeprefix("Rate of ")
            base = base[:1].upper() + base[1:]
            if not row[0].startswith("Rate of ") or base not in labels:
                continue
            for column in (2, 3):
                rate = number(row[column])
                if rate is not None:
                    k.bound((grid.caption, base, grid.head[column]),
                            (rate - Fraction(1, 2)) * population / 10000,
                            (rate + Fraction(1, 2)) * population / 10000)


def _private_fostering(k: Knowledge, themes: dict[str, tuple[str, list[str]]]) -> None:
    during = _theme_key(themes, "Children in private fostering arrangements during the year", 3)
    open_now = _theme_key(themes, "Private fostering arrangements open at 31 March", 3)
    open_before = _theme_key(themes, "Private fostering arrangements open at 31 March", 2)
    new = _theme_key(themes, "Private fostering notifications received", 3)
    ended = _theme_key(themes, "Private fostering arrangements that ended", 3)
    if during and open_before and new:
        k.sum_is(during, [open_before, new])
    if during and open_now and ended:
        k.sum_is(during, [ended, open_now])


# Findings ------------------------------------------------------------------------------


def truths(internal: View) -> dict[Key, Fraction]:
    found = {}
    for grid in internal.grids:
        for key, cell in count_cells(grid):
            value = number(cell)
            if value is not None:
                found[key] = value
    return found


def about_adults(key: Key, adults: set[str]) -> bool:
    """Counts of offenders, staff or families (the catalogue's about_children = false)."""
    return any(key[1] == title or key[0].startswith((f"{title} by ", f"{title}, month"))
               for title in adults)


def disclosures(public: View, internal: View, adults: set[str]) -> list[str]:
    true = truths(internal)
    k = knowledge(public)
    found = []
    for key, value in worked_out(k).items():
        if key in true and is_disclosive(int(true[key]), THRESHOLD) and not about_adults(
                key, adults):
            found.append(f"{' / '.join(key)} works out as {value} (true {true[key]})")
    for key, cell in ((key, cell) for g in public.grids if g.top in WATCHED
                      for key, cell in count_cells(g)):
        value = number(cell)
        if (value is not None and is_disclosive(int(value), THRESHOLD)
                and not about_adults(key, adults)):
            found.append(f"{' / '.join(key)} shows {cell}")
    return found + _words(public)


def _words(view: View) -> list[str]:
    """"k of n" with k or n - k from 1 to 5, and small child death counts, in the text."""
    found = []
    for top, text in view.paragraphs:
        if top not in WATCHED:
            continue
        for k_text, n_text in re.findall(r"([\d,]+) of ([\d,]+)", text):
            k, n = int(k_text.replace(",", "")), int(n_text.replace(",", ""))
            if is_disclosive(k, THRESHOLD) or is_disclosive(n - k, THRESHOLD):
                found.append(f"'{k_text} of {n_text}' in: {text}")
        for count in re.findall(r"(\d+) (?:cases were signed off|remain open)", text):
            if is_disclosive(int(count), THRESHOLD):
                found.append(f"child death cases {count} in: {text}")
    return found


# The tests -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def editions(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """The demo report, both editions, all three formats, built once."""
    from django.db import transaction

    from lscp.dataset.models import Indicator
    from lscp.demo.setup import DEMO_BUNDLE
    from lscp.partnership.bundle.importer import import_bundle_folder

    # Inside a transaction rolled back at the end: nothing is left for the next tests.
    with django_db_blocker.unblock(), transaction.atomic():
        result = import_bundle_folder(DEMO_BUNDLE)
        assert result.partnership is not None
        year = result.partnership.years.get(label="2020-21")
        built: dict[object, object] = {"adults": set(Indicator.objects.filter(
            about_children=False).values_list("title", flat=True))}
        for public in (False, True):
            document = build_yearly_report(result.partnership, year, public=public)
            built[public] = {"html": render_html(document), "docx": render_docx(document),
                             "pdf": render_pdf(document)}
        transaction.set_rollback(True)
    return built


@pytest.mark.django_db
def test_the_attacker_reads_the_tables_back_in_every_format(editions) -> None:  # type: ignore[no-untyped-def]
    public = editions[True]
    html = html_view(public["html"])
    watched = [g for g in html.grids if g.top in WATCHED]
    assert len(watched) > 20
    for other in (docx_view(public["docx"]), pdf_view(public["pdf"], html)):
        mine = {(g.caption, tuple(map(tuple, g.rows))) for g in other.grids if g.top in WATCHED}
        assert mine == {(g.caption, tuple(map(tuple, g.rows))) for g in watched}


@pytest.mark.django_db
def test_the_pdf_publishes_no_number_the_html_does_not(editions) -> None:  # type: ignore[no-untyped-def]
    public = editions[True]
    numbers = r"\d[\d,]*(?:\.\d+)?%?"
    main = lxml.html.fromstring(public["html"]).xpath("//main")[0]
    html_text = flat(" ".join(main.itertext()))
    # As sets: the PDF repeats table headers and totals on each page a table runs over.
    assert not set(re.findall(numbers, pdf_text(public["pdf"]))) - set(
        re.findall(numbers, html_text))


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_no_suppressed_count_can_be_worked_out(editions, fmt: str) -> None:  # type: ignore[no-untyped-def]
    internal = html_view(editions[False]["html"])
    layout = html_view(editions[True]["html"])
    data = editions[True][fmt]
    public = {"html": lambda: layout, "docx": lambda: docx_view(data),
              "pdf": lambda: pdf_view(data, layout)}[fmt]()
    found = disclosures(public, internal, editions["adults"])
    assert not found, "\n".join(found)


@pytest.mark.django_db
def test_the_internal_edition_shows_the_true_values(editions) -> None:  # type: ignore[no-untyped-def]
    view = html_view(editions[False]["html"])
    cells = {(g.caption, row[0]): row for g in view.grids for row in g.rows}
    assert cells[("Private fostering: 2019-20 and 2020-21",
                  "Private fostering arrangements open at 31 March")][2:4] == ["8", "4"]
    assert cells[("Child deaths reviewed, 2020-21", "Unexpected deaths")][1] == "2"
    assert cells[("Child deaths reviewed, 2020-21", "Joint agency responses")][1] == "2"
    assert cells[("Private fostering: 2019-20 and 2020-21",
                  "Private fostering arrangements that ended")][3] == "21"
    text = " ".join([t for _, t in view.paragraphs] + _cells(view))
    for phrase in ("(57 of 58 in 2020-21)", "(231 of 236", "(52 of 57", "(15 of 17 in",
                   "6 cases were signed off and 3 remain open"):
        assert phrase in text, phrase


def _cells(view: View) -> list[str]:
    return [cell for g in view.grids for row in g.rows for cell in row]


@pytest.mark.django_db
def test_the_public_edition_hides_the_cells_named_in_the_issue(editions) -> None:  # type: ignore[no-untyped-def]
    view = html_view(editions[True]["html"])
    cells = {(g.caption, row[0]): row for g in view.grids for row in g.rows}
    assert cells[("Child deaths reviewed, 2020-21", "Unexpected deaths")][1] == "[c]"
    assert cells[("Child deaths reviewed, 2020-21", "Joint agency responses")][1] == "[c]"
    text = " ".join([t for _, t in view.paragraphs] + _cells(view))
    for phrase in ("57 of 58", "231 of 236", "52 of 57", "15 of 17", "3 remain open"):
        assert phrase not in text, phrase


# The suppression function on random tables -----------------------------------------------


def attack_group(total: int, parts: list[int], hide_total: bool,
                 hidden: list[bool]) -> dict[Key, Fraction]:
    k = Knowledge()
    keys = [(str(i),) for i in range(len(parts))]
    for key, part, hide in zip(keys, parts, hidden, strict=True):
        if hide:
            k.hidden[key] = 1
        else:
            k.known[key] = Fraction(part)
    if hide_total:
        k.hidden[("total",)] = 1
    else:
        k.known[("total",)] = Fraction(total)
    k.sum_is(("total",), keys)
    return worked_out(k)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=8),
       st.integers(min_value=1, max_value=10))
def test_a_suppressed_group_leaves_nothing_to_work_out(parts: list[int], threshold: int) -> None:
    total = sum(parts)
    hide_total, hidden = suppress_group(total, parts, threshold)
    for part, hide in zip(parts, hidden, strict=True):
        assert hide or not is_disclosive(part, threshold)  # every small count is hidden
        assert part > 0 or not hide  # true zeros are shown
    recovered = attack_group(total, parts, hide_total, hidden)
    assert not [key for key in recovered
                if key != ("total",) and is_disclosive(parts[int(key[0])], threshold)]
    if hide_total and is_disclosive(total, threshold):
        assert ("total",) not in recovered


@st.composite
def tables_with_margins(draw: st.DrawFn) -> list[list[int]]:
    rows = draw(st.integers(min_value=2, max_value=4))
    columns = draw(st.integers(min_value=2, max_value=4))
    cell = st.integers(min_value=0, max_value=25)
    return [[draw(cell) for _ in range(columns)] for _ in range(rows)]


@settings(max_examples=200, deadline=None)
@given(tables_with_margins(), st.integers(min_value=1, max_value=6))
def test_a_table_with_row_and_column_totals_leaves_nothing_to_work_out(
        grid: list[list[int]], threshold: int) -> None:
    from lscp.insight.suppression import Relation, protect

    values: dict[Key, int] = {}
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            values[(f"r{r}", f"c{c}")] = value
        values[(f"r{r}", "total")] = sum(row)
    for c in range(len(grid[0])):
        values[("total", f"c{c}")] = sum(row[c] for row in grid)
    values[("total", "total")] = sum(map(sum, grid))
    rows = [f"r{r}" for r in range(len(grid))] + ["total"]
    columns = [f"c{c}" for c in range(len(grid[0]))] + ["total"]
    relations = [Relation((r, "total"), tuple((r, c) for c in columns[:-1])) for r in rows]
    relations += [Relation(("total", c), tuple((r, c) for r in rows[:-1])) for c in columns]
    sensitive = {key for key, value in values.items() if is_disclosive(value, threshold)}
    hidden = protect(values, relations, sensitive)
    assert sensitive <= hidden and not any(values[key] == 0 for key in hidden)
    k = Knowledge(known={key: Fraction(v) for key, v in values.items() if key not in hidden},
                  hidden=dict.fromkeys(hidden, 1))
    for relation in relations:
        k.sum_is(relation.total, relation.parts)
    assert not set(worked_out(k)) & sensitive
