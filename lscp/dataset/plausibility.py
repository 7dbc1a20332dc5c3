"""What a value may be, and what would be unusual for it to be.

Hard bounds refuse a value wherever it enters (the web form, the spreadsheet, the bundle
import and the statutory returns all end in `record_value`): a count or a number of days is
never negative, a share is a numerator within its denominator, nothing is bigger than its
database field or the catalogue's `maximum`. A figure the Board reads must be possible.

Soft checks flag a figure far from what came before (previous periods, the same period last
year, a quarter's or month's share of last year): it may be right (a new recording rule), so
a person decides, but nobody can let it through without seeing it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from lscp.dataset.models import Submission, Unit, Value
from lscp.dataset.selectors import SETTLED, display
from lscp.insight.figures import format_number
from lscp.insight.periods import Period, parse_period, previous, previous_year
from lscp.partnership.workflow import WorkflowError

# PositiveIntegerField's ceiling on every database we run on: counts, numerators, denominators.
MAX_WHOLE = 2_147_483_647
# Value.value is max_digits=14, decimal_places=3.
MAX_DECIMAL = Decimal("99999999999.999")
PLACES = 3
TOO_BIG_WHOLE = f"cannot be more than {MAX_WHOLE:,}"
EARLIER = 3  # how many periods before are averaged for the soft check

Problem = tuple[str, str]  # (field: value, numerator or denominator; a phrase after its name)


class ImplausibleValue(WorkflowError):
    """A value that cannot be stored. A WorkflowError, so every caller that already turns a
    refused step into a plain message (the returns review page, commands) does so here too."""


def control_characters(text: str) -> bool:
    """Control characters (NUL, escape...) other than tab and line breaks: PostgreSQL refuses
    NUL outright, and none of them belongs in a comment someone will read."""
    return any(unicodedata.category(c) == "Cc" and c not in "\t\r\n" for c in text)


def hard_problems(indicator: Any, *, value: Decimal | None = None, numerator: int | None = None,
                  denominator: int | None = None) -> list[Problem]:
    """Why these numbers cannot be this indicator's value; empty when they can."""
    if indicator.unit == Unit.PERCENTAGE:
        return _share_problems(indicator, numerator, denominator)
    if value is not None and not isinstance(value, Decimal):
        value = Decimal(str(value))  # an int or float from a caller: judge what it says
    return [("value", p) for p in _value_problems(indicator, value)]


def _value_problems(indicator: Any, value: Decimal | None) -> list[str]:
    if value is None:
        return []
    noun = "a number of days" if indicator.unit == Unit.DAYS else "a count"
    if not value.is_finite():
        return [f"must be a number, not {value}"]
    if value < 0:
        return [f"cannot be {value.normalize():f}, as {noun} is never negative"]
    if indicator.unit == Unit.COUNT and value != value.to_integral_value():
        return [f"must be a whole number, not {value.normalize():f}"]
    if indicator.unit == Unit.COUNT and value > MAX_WHOLE:
        return [TOO_BIG_WHOLE]
    if value.normalize().as_tuple().exponent < -PLACES:  # type: ignore[operator]
        return [f"can have at most {PLACES} decimal places"]
    if value > MAX_DECIMAL:
        return [f"cannot be more than {format_number(MAX_DECIMAL, PLACES)}"]
    if indicator.maximum is not None and value > indicator.maximum:
        return [f"cannot be more than {_shown(indicator.maximum)}, the most this indicator "
                "can be (its catalogue maximum)"]
    return []


def _share_problems(indicator: Any, numerator: int | None,
                    denominator: int | None) -> list[Problem]:
    if numerator is None and denominator is None:
        return []
    if numerator is None or denominator is None:
        return [("numerator", "needs a denominator too: a percentage is one of the other")]
    found = [(field, TOO_BIG_WHOLE if number > MAX_WHOLE else "cannot be negative")
             for field, number in (("numerator", numerator), ("denominator", denominator))
             if not 0 <= number <= MAX_WHOLE]
    if found:
        return found
    if numerator > denominator:
        return [("numerator", f"({numerator}) cannot be more than the denominator "
                              f"({denominator})")]
    share = Decimal(100 * numerator) / denominator if denominator else None
    if indicator.maximum is not None and share is not None and share > indicator.maximum:
        return [("numerator", f"({numerator} of {denominator}) makes {share:.1f}%, more than "
                              f"the most this indicator can be ({_shown(indicator.maximum)}%)")]
    return []


def refuse_impossible(indicator: Any, period: str, *, value: Decimal | None,
                      numerator: int | None, denominator: int | None, comment: str) -> None:
    """ImplausibleValue, with a plain message, if the value may not be stored."""
    problems = hard_problems(indicator, value=value, numerator=numerator,
                             denominator=denominator)
    if control_characters(comment):
        problems.append(("comment", "has a control character in it"))
    if problems:
        where = f"{indicator.title} ({parse_period(period).label})"
        said = "; ".join(f"the {field if field != 'value' else 'figure'} {phrase}"
                         for field, phrase in problems)
        raise ImplausibleValue(f"{where}: {said}. Nothing was stored.")


def _shown(number: Decimal) -> str:
    return format_number(number, max(0, -number.normalize().as_tuple().exponent))  # type: ignore[operator]


# Soft checks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """Something a figure is compared with: "the same quarter last year (2020-21-Q1)"."""

    label: str
    figure: Decimal


def unusual(indicator: Any, figure: Decimal | None, references: list[Reference]) -> str:
    """Why `figure` looks unusual against what came before; empty when it does not."""
    if figure is None:
        return ""
    found = [_against(indicator, figure, r) for r in references]
    return "; ".join(f for f in found if f)


def _against(indicator: Any, figure: Decimal, reference: Reference) -> str:
    factor, deviation, base = indicator.warn_factor, indicator.warn_deviation, reference.figure
    said = f"{display(indicator, figure)} is"
    against = f"{reference.label}: {display(indicator, base)}"
    if factor and base > 0:
        times = Decimal(str(factor))
        if figure > base * times:
            return f"{said} more than {factor:g} times {against}"
        if figure * times < base:
            return f"{said} less than {_fraction(factor)} of {against}"
    if deviation and abs(figure - base) > Decimal(str(deviation)):
        unit = {Unit.PERCENTAGE: " points", Unit.DAYS: " days"}.get(indicator.unit, "")
        return f"{said} more than {deviation:g}{unit} away from {against}"
    return ""


def _fraction(factor: float) -> str:
    return {2: "half", 3: "a third", 4: "a quarter"}.get(int(factor) if factor.is_integer()
                                                          else 0, f"1/{factor:g}")


@dataclass(frozen=True)
class _Want:
    label: str  # "{}" is filled with the periods found, for an average
    periods: tuple[str, ...]
    divisor: int = 1


def _wanted(slot: Any) -> list[_Want]:
    """What a slot's figure is compared with: the periods before, the same period a year
    before, and for a count of events in a month or quarter, that share of last year."""
    period = parse_period(slot.period)
    earlier: list[Period] = []
    for _ in range(EARLIER):
        earlier.append(previous(earlier[-1] if earlier else period))
    wants = [_Want("{}", tuple(p.key for p in earlier))]
    if period.kind in ("month", "quarter"):
        wants.append(_Want(f"the same {period.kind} last year ({{}})", (_year_before(period),)))
    if slot.indicator.unit == Unit.COUNT and period.kind in ("month", "quarter") \
            and slot.indicator.frequency in ("monthly", "quarterly"):
        year = previous_year(period.year_key)
        wants.append(_Want(f"a {period.kind} of {year} ({{}} ÷ {{}})", (year,),
                           divisor=12 if period.kind == "month" else 4))
    return wants


def _year_before(period: Period) -> str:
    if period.kind == "quarter":
        return f"{previous_year(period.key[:7])}{period.key[7:]}"
    return f"{period.start.year - 1}-{period.start.month:02d}"


def _reference(indicator: Any, want: _Want, found: dict[str, Decimal]) -> Reference | None:
    figures = [(p, found[p]) for p in want.periods if p in found]
    if not figures:
        return None
    if want.divisor > 1:
        total = figures[0][1]
        return Reference(want.label.format(display(indicator, total), want.divisor),
                         total / want.divisor)
    mean = sum(f for _, f in figures) / len(figures)
    keys = sorted(p for p, _ in figures)
    named = keys[0] if len(keys) == 1 else f"the average of {', '.join(keys[:-1])} and {keys[-1]}"
    return Reference(want.label.format(named), Decimal(mean))


def references(submission: Submission, slot_list: list[Any]) -> dict[str, list[Reference]]:
    """For each total the submission asks for, the settled figures it is compared with."""
    wants = {s.key: (s, _wanted(s)) for s in slot_list
             if not s.category and (s.indicator.warn_factor or s.indicator.warn_deviation)}
    periods = {p for _, ws in wants.values() for w in ws for p in w.periods}
    figures: dict[tuple[int, str], Decimal] = {}
    for v in Value.objects.filter(SETTLED, partnership=submission.partnership, category="",
                                  period__in=periods,
                                  indicator__in={s.indicator for s, _ in wants.values()}
                                  ).select_related("indicator"):
        if v.figure is not None:
            figures[(v.indicator_id, v.period)] = v.figure
    found: dict[str, list[Reference]] = {}
    for key, (slot, ws) in wants.items():
        mine = {p: f for (i, p), f in figures.items() if i == slot.indicator.pk}
        found[key] = [r for w in ws if (r := _reference(slot.indicator, w, mine)) is not None]
    return found
