"""Template context shared by every page: the user's partnership, role and menu."""

from django.http import HttpRequest
from django.urls import reverse

from lscp.partnership.access import can_manage, can_view_budget, membership_of


def navigation(request: HttpRequest) -> dict[str, object]:
    membership = membership_of(request.user)
    if membership is None:
        return {"membership": None, "current_partnership": None, "nav_items": []}
    items = [("Overview", reverse("overview")), ("Dataset", reverse("dataset")),
             ("Submissions", reverse("submissions")),
             ("Groups and meetings", reverse("groups"))]
    if can_manage(request.user):
        items.append(("Returns", reverse("returns")))
    if can_view_budget(request.user):
        items.append(("Budget", reverse("budget")))
    items += [("Priorities", reverse("priorities")), ("Learning", "/learning/"),
              ("Yearly report", reverse("yearly_report"))]
    if request.user.is_staff:
        items.append(("Admin", reverse("admin:index")))
    path = request.path
    matches = [url for _, url in items if (path == url if url == "/" else path.startswith(url))]
    current = max(matches, key=len, default=None)  # /dataset/returns/ is Returns, not Dataset
    nav = [{"label": label, "url": url, "active": url == current} for label, url in items]
    return {"membership": membership, "current_partnership": membership.partnership,
            "nav_items": nav}
