"""Recording threats, portfolios and theme links. Each change runs in one transaction, says
who made it (`acts_as`), and an edit claims the version its form was opened at, so of two
people saving the same record the second is told to reload (locking.claim)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models, transaction

from lscp.audit.history import acts_as
from lscp.intelligence.models import Portfolio, ThemeLink, Threat
from lscp.partnership.locking import claim
from lscp.partnership.models import Partnership
from lscp.partnership.records import mark_withdrawn, unique_code


def _set(record: models.Model, fields: dict[str, Any]) -> None:
    """Plain fields onto the record; many-to-many ones (lists) once it has an id."""
    many = {k: v for k, v in fields.items() if isinstance(v, list | models.QuerySet)
            and k != "themes"}
    for name, value in fields.items():
        if name not in many:
            setattr(record, name, value)
    record.save()
    for name, value in many.items():
        getattr(record, name).set(value)


def _edit(record: Any, seen_version: int, fields: dict[str, Any]) -> Any:
    claim(record, seen_version)
    record.refresh_from_db()
    _set(record, fields)
    return record


@transaction.atomic
@acts_as("by")
def threat_create(*, partnership: Partnership, period: str, by: Any, code: str, title: str,
                  **fields: Any) -> Threat:
    """A threat for one half. Give the code of an earlier assessment's threat to carry it on
    (its trend is then worked out against that one), or none for a new threat."""
    taken = Threat.objects.filter(partnership=partnership, period=period)
    threat = Threat(partnership=partnership, period=period, title=title,
                    code=unique_code(taken, title, wanted=code, fallback="threat"))
    _set(threat, fields)
    return threat


@transaction.atomic
@acts_as("by")
def threat_update(*, threat: Threat, by: Any, seen_version: int, **fields: Any) -> Threat:
    return _edit(threat, seen_version, fields)  # type: ignore[no-any-return]


@transaction.atomic
@acts_as("by")
def threat_withdraw(*, threat: Threat, by: Any, seen_version: int, reason: str,
                    today: dt.date) -> Threat:
    """The threat leaves the assessment; its history stays."""
    return mark_withdrawn(threat, seen_version=seen_version, reason=reason, by=by, today=today)


@transaction.atomic
@acts_as("by")
def portfolio_create(*, partnership: Partnership, by: Any, code: str, name: str,
                     **fields: Any) -> Portfolio:
    portfolio = Portfolio(partnership=partnership, name=name, code=unique_code(
        Portfolio.objects.filter(partnership=partnership), name, wanted=code,
        fallback="portfolio"))
    _set(portfolio, fields)
    return portfolio


@transaction.atomic
@acts_as("by")
def portfolio_update(*, portfolio: Portfolio, by: Any, seen_version: int,
                     **fields: Any) -> Portfolio:
    return _edit(portfolio, seen_version, fields)  # type: ignore[no-any-return]


@transaction.atomic
@acts_as("by")
def theme_links_set(*, partnership: Partnership, theme: str, by: Any, priorities: list[Any],
                    actions: list[Any]) -> None:
    """Make the theme's linked priorities and actions exactly those given."""
    links = partnership.theme_links.filter(theme=theme)
    links.exclude(priority__in=priorities).exclude(priority__isnull=True).delete()
    links.exclude(action__in=actions).exclude(action__isnull=True).delete()
    have_p = set(links.values_list("priority_id", flat=True))
    have_a = set(links.values_list("action_id", flat=True))
    for priority in priorities:
        if priority.pk not in have_p:
            ThemeLink.objects.create(partnership=partnership, theme=theme, priority=priority)
    for action in actions:
        if action.pk not in have_a:
            ThemeLink.objects.create(partnership=partnership, theme=theme, action=action)
