"""Agency submissions: which figures a period asks for, checking them, and the workflow
draft -> submitted -> approved, or returned with a reason; approved values change only by
reopening. Every value change and every step is kept."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q

from lscp.dataset.models import Indicator, Submission, SubmissionStatus, Unit, Value
from lscp.dataset.plausibility import (
    MAX_WHOLE,
    TOO_BIG_WHOLE,
    Reference,
    control_characters,
    hard_problems,
    references,
    unusual,
)
from lscp.dataset.selectors import SETTLED, indicators_owned_by
from lscp.dataset.services import record_value
from lscp.insight.periods import months_of, parse_period, previous
from lscp.notices.models import Kind
from lscp.notices.services import notify
from lscp.partnership import workflow
from lscp.partnership.locking import claim
from lscp.partnership.workflow import WorkflowError

# (kind of submission period, frequency) asked for once, for the period itself.
SAME_PERIOD = {("quarter", "quarterly"), ("year", "yearly"), ("year", "snapshot")}


@dataclass(frozen=True)
class Slot:
    """One figure a submission asks for."""

    indicator: Indicator
    period: str
    category: str = ""

    @property
    def key(self) -> str:
        return f"{self.indicator.code}.{self.period}.{self.category or 'total'}"

    @property
    def label(self) -> str:
        when = parse_period(self.period).label
        part = f", {self.indicator.category_label(self.category).lower()}" if self.category else ""
        return f"{self.indicator.title}{part} ({when})"


def slots(submission: Submission) -> list[Slot]:
    """The figures asked of this agency for this period: monthly and quarterly indicators in a
    quarter's submission, yearly and 31 March snapshots in a year's."""
    period = parse_period(submission.period)
    found: list[Slot] = []
    for indicator in indicators_owned_by(submission.agency).order_by("position"):
        if period.kind == "quarter" and indicator.frequency == "monthly":
            periods = [m.key for m in months_of(period)]
        elif (period.kind, indicator.frequency) in SAME_PERIOD:
            periods = [period.key]
        else:
            continue
        for key in periods:
            found.append(Slot(indicator, key))
            for code, _ in indicator.breakdown:
                found.append(Slot(indicator, key, code))
    return found


@dataclass
class Entry:
    """What was typed for one slot, as text, before checking."""

    slot: Slot
    value: str = ""
    numerator: str = ""
    denominator: str = ""
    comment: str = ""

    @property
    def blank(self) -> bool:
        return not (self.value.strip() or self.numerator.strip() or self.denominator.strip())


@dataclass
class Checked:
    value: Decimal | None = None
    numerator: int | None = None
    denominator: int | None = None

    @property
    def figure(self) -> Decimal | None:
        if self.numerator is not None and self.denominator:
            return Decimal(100 * self.numerator) / self.denominator
        return self.value


# Errors are keyed by slot key and field ("value", "numerator", "denominator", "comment").
Errors = dict[tuple[str, str], str]


_WHOLE = re.compile(r"[0-9]+")  # ASCII only: "²" and "١٢" pass str.isdigit()
_DAYS = re.compile(r"[0-9]+(?:\.[0-9]+)?")  # no sign, exponent, NaN or Infinity


def _plain(text: str) -> str:
    return text.strip().replace(",", "")


def _whole(text: str, what: str) -> tuple[int | None, str | None]:
    text = _plain(text)
    if not text:
        return None, None
    if not _WHOLE.fullmatch(text):
        return None, f"{what} must be a whole number, 0 or more"
    if len(text.lstrip("0")) > len(str(MAX_WHOLE)):  # before int(): no 4,300-digit strings
        return None, f"{what} {TOO_BIG_WHOLE}"
    return int(text), None


def check(entries: list[Entry], previous_figures: dict[str, Decimal], *,
          complete: bool) -> tuple[dict[str, Checked], Errors]:
    """Check typed entries. `complete` asks for every slot to be filled (to submit).

    Text is read strictly (ASCII digits, no control characters), then the figure meets the
    same hard bounds `record_value` applies, so a refusal shows beside its field."""
    errors: Errors = {}
    checked: dict[str, Checked] = {}
    for entry in entries:
        slot = entry.slot
        if control_characters(entry.comment):
            errors[(slot.key, "comment")] = "The comment cannot have control characters in it"
        if entry.blank:
            if complete:
                field = "numerator" if slot.indicator.unit == Unit.PERCENTAGE else "value"
                errors[(slot.key, field)] = f"Enter {slot.label[0].lower() + slot.label[1:]}"
            continue
        found: dict[str, str] = {}
        result = _read(entry, found)
        if not found:
            found = _bounds(slot, result)
        errors.update({(slot.key, field): msg for field, msg in found.items()})
        checked[slot.key] = result
    _check_breakdowns(entries, checked, errors)
    _check_changes(entries, checked, previous_figures, errors)
    return checked, errors


def _read(entry: Entry, errors: dict[str, str]) -> Checked:
    """The typed text as numbers; `errors` (by field) says what could not be read."""
    ind, result = entry.slot.indicator, Checked()
    if ind.unit == Unit.PERCENTAGE:
        of = f"{ind.title} ({parse_period(entry.slot.period).label})"  # named in the summary
        for field, text in (("numerator", entry.numerator), ("denominator", entry.denominator)):
            number, err = _whole(text, f"The {field} of {of}")
            if err or number is None:
                errors[field] = err or f"Enter the {field} of {of}"
            setattr(result, field, number)
    elif ind.unit == Unit.COUNT:
        whole, err = _whole(entry.value, f"{ind.title} ({parse_period(entry.slot.period).label})")
        if err:
            errors["value"] = err
        result.value = Decimal(whole) if whole is not None else None
    elif _DAYS.fullmatch(_plain(entry.value)):
        result.value = Decimal(_plain(entry.value))
    else:
        errors["value"] = f"{ind.title} must be a number of days, 0 or more"
    return result


def _bounds(slot: Slot, result: Checked) -> dict[str, str]:
    subject = {"value": f"{slot.indicator.title} ({parse_period(slot.period).label})",
               "numerator": "The numerator", "denominator": "The denominator"}
    return {field: f"{subject[field]} {phrase}" for field, phrase in hard_problems(
        slot.indicator, value=result.value, numerator=result.numerator,
        denominator=result.denominator)}


def _check_breakdowns(entries: list[Entry], checked: dict[str, Checked], errors: Errors) -> None:
    groups: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.slot.indicator.breakdown and entry.slot.indicator.unit == Unit.COUNT:
            groups[(entry.slot.indicator.code, entry.slot.period)].append(entry)
    for members in groups.values():
        total = next((e for e in members if not e.slot.category), None)
        parts = [e for e in members if e.slot.category]
        if total is None or any(checked.get(e.slot.key) is None or
                                checked[e.slot.key].value is None for e in [total, *parts]):
            continue
        part_sum = sum(checked[e.slot.key].value or 0 for e in parts)
        total_value = checked[total.slot.key].value
        if part_sum != total_value:
            errors[(total.slot.key, "value")] = (
                f"The {total.slot.indicator.breakdown_name} categories add up to {part_sum}, "
                f"not the total of {total_value}")


def _check_changes(entries: list[Entry], checked: dict[str, Checked],
                   previous_figures: dict[str, Decimal], errors: Errors) -> None:
    for entry in entries:
        slot = entry.slot
        now = checked.get(slot.key)
        before = previous_figures.get(slot.key)
        if slot.category or now is None or now.figure is None or not before:
            continue
        change = abs(now.figure - before) / abs(before)
        if change > Decimal(str(slot.indicator.change_alert)) and not entry.comment.strip():
            errors[(slot.key, "comment")] = (
                f"{slot.indicator.title} changed by {change * 100:.0f}% from the previous "
                f"period: add a comment to explain it")


def previous_figures(submission: Submission, slot_list: list[Slot]) -> dict[str, Decimal]:
    """Each slot's figure in the period before (last month, quarter or year), where settled:
    imported or approved, or this submission's own earlier month. Another draft may still
    be wrong, and a change alert measured against it would mislead."""
    totals = [s for s in slot_list if not s.category]
    prior = {s.key: previous(parse_period(s.period)).key for s in totals}
    values = {(v.indicator_id, v.period): v for v in Value.objects.filter(
        SETTLED | Q(submission=submission), partnership=submission.partnership, category="",
        indicator__in={s.indicator for s in totals}, period__in=set(prior.values()),
    ).select_related("indicator")}
    found: dict[str, Decimal] = {}
    for slot in totals:
        value = values.get((slot.indicator.pk, prior[slot.key]))
        if value is not None and value.figure is not None:
            found[slot.key] = value.figure
    return found


def current_entries(submission: Submission, slot_list: list[Slot]) -> list[Entry]:
    values = {(v.indicator_id, v.period, v.category): v for v in Value.objects.filter(
        partnership=submission.partnership, indicator__in={s.indicator for s in slot_list},
        period__in={s.period for s in slot_list})}
    entries = []
    for slot in slot_list:
        v = values.get((slot.indicator.pk, slot.period, slot.category))
        entries.append(Entry(
            slot,
            value="" if v is None or v.value is None else f"{v.value.normalize():f}",
            numerator="" if v is None or v.numerator is None else str(v.numerator),
            denominator="" if v is None or v.denominator is None else str(v.denominator),
            comment="" if v is None else v.comment))
    return entries


def submission_start(*, partnership: Any, agency: Any, period: str) -> Submission:
    """The agency's submission for a period, opened as a draft the first time it is asked for."""
    submission, _ = Submission.objects.get_or_create(partnership=partnership, agency=agency,
                                                     period=period)
    return submission


@transaction.atomic
def submission_save(*, submission: Submission, entries: list[Entry], checked: dict[str, Checked],
                    user: Any, seen_version: int, send: bool = False) -> int:
    """Store the checked entries as the submission's values, and send it to the business unit
    when `send`; StaleEdit if it changed since `seen_version`. Returns how many changed."""
    if not submission.editable_by_agency:
        raise WorkflowError("only a draft or returned submission can be changed")
    claim(submission, seen_version)
    submission.refresh_from_db()
    changed = 0
    for entry in entries:
        result = checked.get(entry.slot.key)
        if result is None:
            continue
        _, status = record_value(
            submission.partnership, entry.slot.indicator, entry.slot.period,
            entry.slot.category, value=result.value, numerator=result.numerator,
            denominator=result.denominator, comment=entry.comment.strip(), user=user,
            submission=submission, provenance=f"submission {submission.pk}",
            note=f"{submission.agency.name} submission {submission.period}")
        changed += status != "unchanged"
    if send:
        workflow.advance(submission, workflow.SUBMIT, by=user)
    return changed


def unusual_figures(entries: list[Entry], checked: dict[str, Checked],
                    refs: dict[str, list[Reference]]) -> dict[str, str]:
    """Each total whose figure looks unusual against what came before, and why."""
    found = {}
    for entry in entries:
        result = checked.get(entry.slot.key)
        why = unusual(entry.slot.indicator, result.figure if result else None,
                      refs.get(entry.slot.key, []))
        if why:
            found[entry.slot.key] = why
    return found


def flagged(submission: Submission) -> dict[str, str]:
    """The submission's stored figures that look unusual, as its page and approver see them."""
    slot_list = slots(submission)
    entries = current_entries(submission, slot_list)
    checked, _ = check(entries, {}, complete=False)
    return unusual_figures(entries, checked, references(submission, slot_list))


def submission_approve(*, submission: Submission, by: Any, reason: str = "") -> None:
    """Approve; a figure flagged as unusual is accepted only with the approver's reason, kept
    in the submission's history beside what was flagged, so the Board's figure can be traced
    to a person's judgement."""
    note = ""
    if submission.status == SubmissionStatus.SUBMITTED:
        note = _accepted(submission, reason.strip())
    workflow.advance(submission, workflow.APPROVE, by=by, note=note)
    notify(kind=Kind.SUBMISSION_APPROVED, record=submission)


def _accepted(submission: Submission, reason: str) -> str:
    found = flagged(submission)
    if not found:
        return ""
    if not reason:
        raise WorkflowError("say why the figures marked unusual are accepted")
    labels = {s.key: s.label for s in slots(submission)}
    listed = "; ".join(f"{labels[key]}: {why}" for key, why in found.items())
    return f"Figures marked unusual accepted: {reason} (marked: {listed})"


def submission_return(*, submission: Submission, by: Any, reason: str) -> None:
    workflow.advance(submission, workflow.RETURN, by=by, reason=reason)
    notify(kind=Kind.SUBMISSION_RETURNED, record=submission)


def submission_reopen(*, submission: Submission, by: Any, reason: str) -> None:
    workflow.advance(submission, workflow.REOPEN, by=by, reason=reason)
    notify(kind=Kind.SUBMISSION_RETURNED, record=submission)  # back with the agency to correct
