"""The multi-agency dataset's part of the partnership bundle (docs/bundle-format.md)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from lscp.dataset import bundle_history as history
from lscp.dataset import models as d
from lscp.dataset.bundle_history import parse_period_key
from lscp.dataset.catalogue import read_catalogue
from lscp.dataset.plausibility import MAX_DECIMAL, hard_problems, refuse_impossible
from lscp.dataset.services import record_value, sync_catalogue
from lscp.partnership.bundle.reader import Bundle, Problem
from lscp.partnership.bundle.registry import BundlePart
from lscp.partnership.bundle.schema import (
    CellError,
    Column,
    FileSpec,
    choice,
    parse_bool,
    parse_code,
    parse_text,
    parse_whole,
    parse_year,
    text_of,
)
from lscp.partnership.models import Sector


def parse_number(raw: str) -> Decimal:
    value = raw.strip().replace(",", "")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise CellError(f'"{raw.strip()}" is not a number') from None
    if not number.is_finite() or number < 0:
        raise CellError(f'"{raw.strip()}" is not a number of 0 or more')
    if number > MAX_DECIMAL:  # found by fuzzing: "1E100" overflowed the column, "1E1000000" crashed
        raise CellError(f'"{raw.strip()}" is more than {MAX_DECIMAL:,}, the most a figure can be')
    return number


NOT_AVAILABLE = "[x]"  # GSS shorthand: a figure recorded as not available


def parse_value(raw: str) -> Decimal | str:
    """A number, or `[x]` for a figure recorded with none (a returns measure with nothing
    to count over, such as days to adoption in a year without adoptions)."""
    if raw.strip().lower() == NOT_AVAILABLE:
        return NOT_AVAILABLE
    return parse_number(raw)


def _indicator(doc: str = "Code of the indicator in the catalogue.") -> Column:
    return Column("indicator", parse_code, doc=doc)


FILES: tuple[FileSpec, ...] = (
    FileSpec(
        "population.csv", "population", ("year",),
        (
            Column("year", parse_year, doc="Reporting year."),
            Column("under_18", parse_whole, doc="Children aged under 18 (ONS mid-year estimate)."),
            Column("source", text_of(d.Population, "source"), doc="Where the estimate comes from."),
            Column("note", parse_text, required=False, doc="Why this figure."),
        ),
        doc="The under-18 population each year, for rates per 10,000.",
    ),
    FileSpec(
        "dataset_values.csv", "value", ("indicator", "period", "category"),
        (
            _indicator(),
            Column("period", parse_period_key,
                   doc="`2021-03` (month), `2020-21-Q4` (quarter) or `2020-21` (year)."),
            Column("category", parse_code, required=False,
                   doc="A category of the indicator's breakdown; empty for the total."),
            Column("value", parse_value, required=False,
                   doc="For counts (whole) and days. Rates are computed; a rate row records "
                       "only a rate a source published that its count and population do not "
                       "give, with a note saying so. `[x]` for a figure recorded as not "
                       "available (a measure with nothing to count over)."),
            Column("numerator", parse_whole, required=False, doc="For percentages."),
            Column("denominator", parse_whole, required=False, doc="For percentages."),
            Column("illustrative", parse_bool, required=False,
                   doc="`yes` where the figure was made up for a demo to fit published ones."),
            Column("reference_period", text_of(d.Value, "reference_period"), required=False,
                   doc="The period the figure really covers where it differs from `period`, "
                       "in words (`June 2020 to June 2021`); shown wherever the figure is."),
            Column("note", parse_text, required=False, doc="How the figure was arrived at."),
            *history._submission_of("The agency whose submission the figure came in, if any."),
            Column("provenance", parse_text, required=False,
                   doc="Where the figure came from (a submission, a return, a bundle); "
                       "`bundle import` when empty."),
        ),
        doc="Values of the multi-agency dataset.",
        compound_refs=(history.SUBMISSION_REF,),
    ),
    FileSpec(
        "comparators.csv", "comparator", ("indicator", "year", "kind"),
        (
            _indicator(),
            Column("year", parse_year, doc="Reporting year."),
            Column("kind", choice(d.ComparatorKind),
                   doc="`national`, `regional` or `statistical_neighbours`."),
            Column("value", parse_number, doc="In the indicator's unit (%, per 10,000, days)."),
            Column("source", text_of(d.Comparator, "source"), required=False,
                   doc="Where it was published."),
        ),
        doc="National, regional and statistical-neighbour values.",
    ),
    FileSpec(
        "targets.csv", "target", ("indicator", "year"),
        (
            _indicator(),
            Column("year", parse_year, doc="Reporting year."),
            Column("value", parse_number, doc="The target, in the indicator's unit."),
        ),
        doc="The partnership's targets.",
    ),
    FileSpec(
        "dataset_owners.csv", "dataset owner", ("sector",),
        (
            Column("sector", choice(Sector), doc="A sector of the catalogue's `owner_sector`."),
            Column("agency", parse_code, refers_to="agencies.csv",
                   doc="The agency that submits that sector's indicators."),
        ),
        doc="Which agency submits each sector's indicators (default: the sector's agencies).",
    ),
    *history.FILES,
)


def validate(bundle: Bundle) -> list[Problem]:
    catalogue, _ = read_catalogue()
    found: list[Problem] = []
    for name in ("dataset_values.csv", "comparators.csv", "targets.csv"):
        for row in bundle.of(name):
            code = row.values.get("indicator")
            if code and catalogue.get(code) is None:
                found.append(Problem(name, row.number, "indicator",
                                     f'unknown indicator "{code}" (not in the catalogue)'))
    totals: dict[tuple[str, str], Decimal] = {}
    parts: dict[tuple[str, str], list[tuple[int, Decimal]]] = defaultdict(list)
    for row in bundle.of("dataset_values.csv"):
        v = row.values
        spec = catalogue.get(v.get("indicator") or "")
        if spec is None:
            continue
        found += _check_value(spec, v, row.number)
        amount = v.get("value")
        if spec.unit == "count" and isinstance(amount, Decimal):
            key = (spec.code, v.get("period") or "")
            if v.get("category"):
                parts[key].append((row.number, amount))
            else:
                totals[key] = amount
    found += _published_rates(bundle, catalogue)
    found += history.validate(bundle)
    for key, items in parts.items():
        total = totals.get(key)
        if total is not None and sum(a for _, a in items) != total:
            found.append(Problem(
                "dataset_values.csv", items[-1][0], "value",
                f"the {key[0]} categories for {key[1]} add up to "
                f"{sum(a for _, a in items):f}, not the total of {total:f}"))
    return found


def _published_rates(bundle: Bundle, catalogue: Any) -> list[Problem]:
    """A published rate stands beside its count, never instead of it."""
    counts = {(r.values.get("indicator"), r.values.get("period"), r.values.get("category"))
              for r in bundle.of("dataset_values.csv")}
    found = []
    for row in bundle.of("dataset_values.csv"):
        v = row.values
        spec = catalogue.get(v.get("indicator") or "")
        if spec is not None and spec.unit == "rate" and (
                spec.rate_of, v.get("period"), v.get("category")) not in counts:
            found.append(Problem("dataset_values.csv", row.number, "indicator",
                                 f"a published {spec.code} needs its count ({spec.rate_of}) "
                                 f"for {v.get('period')}"))
    return found


def _check_value(spec: Any, v: dict[str, Any], number: int) -> list[Problem]:
    found = _check_category(spec, v, number)
    if v.get("value") == NOT_AVAILABLE:
        return found + _check_not_available(spec, v, number)
    return found + _check_figure(spec, v, number)


def _check_not_available(spec: Any, v: dict[str, Any], number: int) -> list[Problem]:
    """`[x]` stands for the whole figure: nothing beside it, and never for a rate (a rate
    is computed, or recorded because a source published it)."""
    name = "dataset_values.csv"
    if spec.unit == "rate":
        return [Problem(name, number, "value", f"{spec.code} is a rate: it is computed, "
                        f"so it is never recorded as {NOT_AVAILABLE}")]
    return [Problem(name, number, column, f"a figure recorded as {NOT_AVAILABLE} has no "
                    f"{column}") for column in ("numerator", "denominator")
            if v.get(column) is not None]


def _check_category(spec: Any, v: dict[str, Any], number: int) -> list[Problem]:
    category = v.get("category")
    allowed = dict(spec.breakdown.categories) if spec.breakdown else {}
    if category and category not in allowed:
        return [Problem("dataset_values.csv", number, "category",
                        f'"{category}" is not a category of {spec.code}'
                        + (f" (one of: {', '.join(allowed)})" if allowed else ""))]
    return []


def _check_figure(spec: Any, v: dict[str, Any], number: int) -> list[Problem]:
    name = "dataset_values.csv"
    found = []
    if spec.unit == "rate" and not (v.get("value") is not None and v.get("note")):
        found.append(Problem(name, number, "indicator",
                             f"{spec.code} is a rate: it is computed, not entered, unless a "
                             "source published it (then give the value and a note why)"))
    elif spec.unit == "percentage":
        num, den = v.get("numerator"), v.get("denominator")
        if num is None or den is None:
            found.append(Problem(name, number, "numerator",
                                 f"{spec.code} is a percentage: give numerator and denominator"))
        elif num > den:
            found.append(Problem(name, number, "numerator",
                                 f"the numerator ({num}) is above the denominator ({den})"))
    else:
        amount = v.get("value")
        if amount is None:
            found.append(Problem(name, number, "value", "a value is required"))
        elif spec.unit == "count" and amount != amount.to_integral_value():
            found.append(Problem(name, number, "value", f"{spec.code} is a count: "
                                 f'"{amount}" is not a whole number'))
    if not found and spec.unit != "rate":  # the catalogue's hard bounds, as on the web form
        found += [Problem(name, number, field, f"{spec.code} {message}")
                  for field, message in hard_problems(
                      spec, value=v.get("value"), numerator=v.get("numerator"),
                      denominator=v.get("denominator"))]
    return found


def import_rows(w: Any, bundle: Bundle, lookups: dict[str, Any]) -> None:
    if not any(bundle.of(f.name) for f in FILES):
        return
    sync_catalogue()
    p, agencies = lookups["partnership"], lookups["agencies"]
    indicators = {i.code: i for i in d.Indicator.objects.all()}
    for r in bundle.of("population.csv"):
        v = r.values
        w.upsert(d.Population, {"partnership": p, "year": v["year"]},
                 {"under_18": v["under_18"], "source": v["source"], "note": v["note"] or ""})
    for r in bundle.of("dataset_owners.csv"):
        w.upsert(d.DatasetOwner, {"partnership": p, "sector": r.values["sector"]},
                 {"agency": agencies[r.values["agency"]]})
    submissions = history.import_submissions(w, bundle, lookups)
    with_history = {(r.values["indicator"], r.values["period"], r.values["category"])
                    for r in bundle.of("value_changes.csv")}
    for r in bundle.of("dataset_values.csv"):
        v = r.values
        submission = submissions.get((v["submission_agency"], v["submission_period"]))
        status = _import_value(p, indicators[v["indicator"]], v, submission,
                               (v["indicator"], v["period"], v["category"]) in with_history)
        getattr(w.result, status)["values"] += 1
    for r in bundle.of("comparators.csv"):
        v = r.values
        w.upsert(d.Comparator, {"partnership": p, "indicator": indicators[v["indicator"]],
                                "year": v["year"], "kind": v["kind"]},
                 {"value": v["value"], "source": v["source"] or ""})
    for r in bundle.of("targets.csv"):
        v = r.values
        w.upsert(d.Target, {"partnership": p, "indicator": indicators[v["indicator"]],
                            "year": v["year"]}, {"value": v["value"]})
    history.import_history(w, bundle, lookups, submissions)


def _figure(indicator: d.Indicator, v: dict[str, Any]) -> dict[str, Any]:
    if v["value"] == NOT_AVAILABLE:
        return {"value": None, "numerator": None, "denominator": None}
    return {"value": v["value"] if indicator.unit != "percentage" else None,
            "numerator": v["numerator"], "denominator": v["denominator"]}


def _import_value(p: Any, indicator: d.Indicator, v: dict[str, Any], submission: Any,
                  has_history: bool) -> str:
    """Record one value through record_value, which keeps its history of changes. A value
    new here whose history the bundle brings (value_changes.csv) is written as it stands:
    its history is the bundle's rows, and record_value would add an "import" change that
    never happened where the value came from."""
    figure = _figure(indicator, v)
    fields: dict[str, Any] = {"comment": v["note"] or "",
                              "illustrative": bool(v["illustrative"]),
                              "provenance": v["provenance"] or "bundle import"}
    where = {"partnership": p, "indicator": indicator, "period": v["period"],
             "category": v["category"] or ""}
    if has_history and not d.Value.objects.filter(**where).exists():
        refuse_impossible(indicator, v["period"], comment=fields["comment"], **figure)
        d.Value.objects.create(**where, **figure, **fields, submission=submission,
                               reference_period=v["reference_period"] or "")
        return "created"
    value, status = record_value(p, indicator, v["period"], v["category"] or "", **figure,
                                 **fields, submission=submission, note="bundle import")
    # What record_value leaves alone when the figure is unchanged; only what the bundle says.
    settled = {"reference_period": v["reference_period"] or "",
               **({"provenance": v["provenance"]} if v["provenance"] else {}),
               **({"submission": submission} if submission else {})}
    changed = [k for k, want in settled.items() if getattr(value, k) != want]
    if changed:
        for k in changed:
            setattr(value, k, settled[k])
        value.save(update_fields=changed)
        status = "updated" if status == "unchanged" else status
    return status


def _number(value: Decimal | None) -> str | None:
    return None if value is None else f"{value.normalize():f}"


def _figure_cell(x: d.Value) -> str | None:
    if x.value is None and x.numerator is None and x.denominator is None:
        return NOT_AVAILABLE
    return _number(x.value)


def export_rows(p: Any, write: Callable[[str, Any], None],
                attach: Callable[[str, bytes], None]) -> None:
    write("population.csv", (
        {"year": x.year, "under_18": x.under_18, "source": x.source, "note": x.note}
        for x in p.populations.order_by("year")))
    values = d.Value.objects.filter(partnership=p).select_related(
        "indicator", "submission__agency").order_by("indicator__position", "period", "category")
    write("dataset_values.csv", (
        {"indicator": x.indicator.code, "period": x.period, "category": x.category,
         "value": _figure_cell(x), "numerator": x.numerator, "denominator": x.denominator,
         "illustrative": x.illustrative, "reference_period": x.reference_period,
         "note": x.comment, "provenance": x.provenance,
         "submission_agency": x.submission.agency.code if x.submission else None,
         "submission_period": x.submission.period if x.submission else None}
        for x in values))
    write("comparators.csv", (
        {"indicator": x.indicator.code, "year": x.year, "kind": x.kind,
         "value": _number(x.value), "source": x.source}
        for x in d.Comparator.objects.filter(partnership=p).select_related("indicator")
        .order_by("indicator__position", "year", "kind")))
    write("targets.csv", (
        {"indicator": x.indicator.code, "year": x.year, "value": _number(x.value)}
        for x in d.Target.objects.filter(partnership=p).select_related("indicator")
        .order_by("indicator__position", "year")))
    write("dataset_owners.csv", (
        {"sector": x.sector, "agency": x.agency.code}
        for x in p.dataset_owners.select_related("agency").order_by("sector")))
    history.export_history(p, write, attach)


PART = BundlePart("dataset", FILES, import_rows, export_rows, validate,
                  history.referenced_users)
