"""The demo partnership's logins: one per role, synthetic, with a shared demo password."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model

from lscp.partnership.models import Membership, Partnership, Role

DEMO_BUNDLE = Path(__file__).parent / "bundle"
DEMO_PASSWORD = "demo-password-2021"

# username, role, agency code (for a contributor), staff (Django admin), description
DEMO_USERS = [
    ("manager", Role.BUSINESS_UNIT, None, True, "business unit: partnership manager (admin too)"),
    ("chair", Role.CHAIR, None, False, "Independent Chair: reads all, approves reports"),
    ("police", Role.AGENCY_CONTRIBUTOR, "met-police", False,
     "agency contributor: Metropolitan Police"),
    ("board", Role.BOARD_MEMBER, None, False, "Board member: reads dashboards and registers"),
]


def create_demo_users(partnership: Partnership) -> list[tuple[str, str]]:
    User = get_user_model()
    made = []
    for username, role, agency_code, staff, description in DEMO_USERS:
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(DEMO_PASSWORD)
        user.is_staff = staff
        user.is_superuser = staff
        user.save()
        agency = partnership.agencies.get(code=agency_code) if agency_code else None
        Membership.objects.update_or_create(
            user=user, defaults={"partnership": partnership, "role": role, "agency": agency})
        made.append((username, description))
    return made
