"""Who hears about an event: the people of one agency, or the business unit.

Only active accounts with a membership in the record's partnership are ever chosen, so a
notice cannot cross from one partnership to another.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from lscp.partnership.models import Agency, Partnership, Role


def _members(partnership: Partnership) -> Any:
    return get_user_model().objects.filter(is_active=True, membership__partnership=partnership)


def business_unit(partnership: Partnership) -> list[Any]:
    return list(_members(partnership).filter(membership__role=Role.BUSINESS_UNIT).order_by("pk"))


def contributors(partnership: Partnership, agency: Agency) -> list[Any]:
    return list(_members(partnership).filter(membership__role=Role.AGENCY_CONTRIBUTOR,
                                             membership__agency=agency).order_by("pk"))


def contributors_or_business_unit(partnership: Partnership, agency: Agency | None) -> list[Any]:
    """An agency's contributors; the business unit when the agency has none signed up, so
    that what is owed by an agency without an account still reaches someone."""
    found = contributors(partnership, agency) if agency is not None else []
    return found or business_unit(partnership)
