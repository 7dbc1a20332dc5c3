"""Arithmetic and formatting of published figures, with no Django: one rounding rule everywhere."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def percentage(numerator: int, denominator: int, places: int = 0) -> Decimal | None:
    """numerator / denominator as a percentage, rounded half up; None when nothing was expected."""
    if denominator == 0:
        return None
    if numerator < 0 or denominator < 0:
        raise ValueError("a percentage needs counts that are not negative")
    exponent = Decimal(1).scaleb(-places)
    return (Decimal(100 * numerator) / Decimal(denominator)).quantize(exponent, ROUND_HALF_UP)


def format_percent(value: Decimal | None) -> str:
    return "–" if value is None else f"{value}%"


def format_pounds(pence: int) -> str:
    """£193,775 for whole pounds, £3,520.50 otherwise: as a finance table prints them."""
    pounds, rest = divmod(pence, 100)
    return f"£{pounds:,}" if rest == 0 else f"£{pounds:,}.{rest:02d}"


def rate_per_10000(count: int, population: int, places: int = 0) -> Decimal | None:
    """Children per 10,000 aged under 18, rounded half up, as DfE publishes rates."""
    if population <= 0:
        return None
    exponent = Decimal(1).scaleb(-places)
    return (Decimal(count) * 10000 / Decimal(population)).quantize(exponent, ROUND_HALF_UP)


def round_to(value: Decimal, places: int = 0) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def format_number(value: Decimal | int | None, places: int = 0) -> str:
    if value is None:
        return "–"
    return f"{round_to(Decimal(value), places):,}"
