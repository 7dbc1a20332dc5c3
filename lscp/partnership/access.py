"""Who may see and change what (DESIGN.md §1). Every view asks here; nothing else decides.

| role               | may                                                               |
| business unit      | everything in their partnership                                   |
| chair / scrutineer | read all; raise challenges; approve reports                       |
| agency contributor | read the partnership's pages; edit only their own agency's data   |
| board member       | read dashboards, registers, drafts                                |
| public             | the published report                                              |
"""

from __future__ import annotations

from typing import Any

from lscp.partnership.models import Membership, Role


def membership_of(user: Any) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.membership  # type: ignore[no-any-return]
    except Membership.DoesNotExist:
        return None


def can_read(user: Any) -> bool:
    """Dashboards, registers, drafts: every member role."""
    return membership_of(user) is not None


def can_manage(user: Any) -> bool:
    """Record meetings and attendance, budget, priorities: the business unit only."""
    m = membership_of(user)
    return m is not None and m.role == Role.BUSINESS_UNIT


def can_view_budget(user: Any) -> bool:
    """Agency contributions are the Executive's business: not shown to agency contributors."""
    m = membership_of(user)
    return m is not None and m.role in (Role.BUSINESS_UNIT, Role.CHAIR, Role.BOARD_MEMBER)


def can_approve_reports(user: Any) -> bool:
    m = membership_of(user)
    return m is not None and m.role in (Role.BUSINESS_UNIT, Role.CHAIR)


def can_raise_challenges(user: Any) -> bool:
    """The Independent Chair and scrutineers raise challenges; so does the business unit."""
    m = membership_of(user)
    return m is not None and m.role in (Role.BUSINESS_UNIT, Role.CHAIR)
