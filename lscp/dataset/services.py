"""Loading the catalogue, and recording values with their history."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from lscp.audit.history import acts_as
from lscp.dataset.catalogue import CatalogueProblem, read_catalogue
from lscp.dataset.models import Indicator, Value, ValueChange
from lscp.dataset.plausibility import refuse_impossible
from lscp.partnership.versioning import changed


class CatalogueInvalid(Exception):
    def __init__(self, problems: list[CatalogueProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@transaction.atomic
def sync_catalogue() -> tuple[int, int]:
    """Load every catalogue file into Indicator rows (idempotent). Returns (created, updated)."""
    catalogue, problems = read_catalogue()
    if problems:
        raise CatalogueInvalid(problems)
    created = updated = 0
    for spec in catalogue.indicators:
        fields: dict[str, Any] = {
            "theme": spec.theme, "theme_title": spec.theme_title, "position": spec.position,
            "title": spec.title, "definition": spec.definition, "unit": spec.unit,
            "polarity": spec.polarity, "owner_sector": spec.owner_sector,
            "frequency": spec.frequency, "source": spec.source,
            "breakdown_name": spec.breakdown.name if spec.breakdown else "",
            "breakdown": [list(c) for c in spec.breakdown.categories] if spec.breakdown else [],
            "comparators": list(spec.comparators),
            "disclosure_threshold": spec.disclosure_threshold,
            "about_children": spec.about_children, "change_alert": spec.change_alert,
            "decimals": spec.decimals, "maximum": spec.maximum, "warn_factor": spec.warn_factor,
            "warn_deviation": spec.warn_deviation, "steps": [list(s) for s in spec.steps],
        }
        indicator = Indicator.objects.filter(code=spec.code).first()
        if indicator is None:
            Indicator.objects.create(code=spec.code, **fields)
            created += 1
        elif any(getattr(indicator, k) != v for k, v in fields.items()):
            for name, value in fields.items():
                setattr(indicator, name, value)
            indicator.save(update_fields=list(fields))  # saved, not .update(): the audit trail
            changed(None)  # every partnership's pages read the catalogue (decision 0010)
            updated += 1
    by_code = {i.code: i for i in Indicator.objects.all()}
    for spec in catalogue.indicators:
        rate_of = by_code.get(spec.rate_of) if spec.rate_of else None
        if by_code[spec.code].rate_of_id != (rate_of.pk if rate_of else None):
            by_code[spec.code].rate_of = rate_of
            by_code[spec.code].save(update_fields=["rate_of"])
            changed(None)
    return created, updated


def describe(value: Value | None) -> str:
    if value is None:
        return ""
    if value.indicator.unit == "percentage":
        if value.numerator is None:
            return ""
        return f"{value.numerator} of {value.denominator}"
    return "" if value.value is None else f"{value.value.normalize():f}"


@acts_as("user")  # the value's history says who, in a request or not
def record_value(partnership: Any, indicator: Indicator, period: str, category: str, *,
                 value: Decimal | None = None, numerator: int | None = None,
                 denominator: int | None = None, comment: str = "", user: Any = None,
                 submission: Any = None, provenance: str = "", illustrative: bool = False,
                 note: str = "") -> tuple[Value, str]:
    """Create or change a value, keeping the change in its history.

    Every way into the dataset ends here, so an impossible value (negative days, a numerator
    over its denominator, more digits than the field holds) is refused here whoever sends it:
    ImplausibleValue, a WorkflowError with a plain message. Call it inside the caller's
    transaction, so a refusal stores nothing of the batch.

    Returns the value and what happened to it: "created", "updated" or "unchanged".
    """
    refuse_impossible(indicator, period, value=value, numerator=numerator,
                      denominator=denominator, comment=comment)
    existing = Value.objects.filter(partnership=partnership, indicator=indicator, period=period,
                                    category=category).select_related("indicator").first()
    before = describe(existing)
    # Compared after the change: `target` is `existing`, so read what it was first.
    kept = (existing.comment, existing.illustrative) if existing is not None else None
    target = existing or Value(partnership=partnership, indicator=indicator, period=period,
                               category=category)
    target.value, target.numerator, target.denominator = value, numerator, denominator
    target.comment = comment
    target.illustrative = illustrative
    if submission is not None:
        target.submission = submission
    if provenance:
        target.provenance = provenance
    after = describe(target)
    if existing is not None and before == after and kept == (comment, illustrative):
        return existing, "unchanged"
    target.save()
    if before != after:
        ValueChange.objects.create(value=target, changed_by=user if getattr(
            user, "is_authenticated", False) else None, old=before, new=after, note=note)
    return target, "created" if existing is None else "updated"
