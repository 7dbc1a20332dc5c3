"""Template context shared by every page: the user's partnership, role and menu."""

from django.http import HttpRequest

from lscp.partnership.access import membership_of
from lscp.partnership.navigation import menu_for


def navigation(request: HttpRequest) -> dict[str, object]:
    membership = membership_of(request.user)
    if membership is None:
        return {"membership": None, "current_partnership": None, "nav_items": []}
    return {"membership": membership, "current_partnership": membership.partnership,
            "nav_items": menu_for(request.user, request.path)}
