from django.urls import path

from lscp.partnership import cover_views, meeting_views, people, register_views, views

app_name = "partnership"


def _register(prefix: str, kind: str, name: str, key: str = "int:key") -> list:  # type: ignore[type-arg]
    """Change and withdraw pages of one register, served by register_views."""
    return [
        path(f"{prefix}<{key}>/edit/", register_views.record_edit, {"kind": kind},
             name=f"{name}_edit"),
        path(f"{prefix}<{key}>/withdraw/", register_views.record_withdraw, {"kind": kind},
             name=f"{name}_withdraw"),
    ]


urlpatterns = [
    path("groups/", views.groups, name="groups"),
    path("groups/new/", register_views.record_new, {"kind": "group"}, name="group_new"),
    path("groups/<slug:code>/", views.group_detail, name="group_detail"),
    *_register("groups/", "group", "group", key="slug:key"),
    path("groups/<slug:owner>/seats/new/", register_views.record_new, {"kind": "seat"},
         name="seat_new"),
    *_register("seats/", "seat", "seat"),
    path("groups/<slug:code>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("groups/<slug:code>/meetings/<str:date>/", views.meeting_detail, name="meeting_detail"),
    path("groups/<slug:code>/meetings/<str:date>/attendance/", views.meeting_attendance,
         name="meeting_attendance"),
    path("groups/<slug:code>/meetings/<str:date>/edit/", meeting_views.meeting_edit,
         name="meeting_edit"),
    path("groups/<slug:code>/meetings/<str:date>/cancel/", meeting_views.meeting_cancel,
         name="meeting_cancel"),
    path("budget/", views.budget, name="budget"),
    path("budget/new/", register_views.record_new, {"kind": "budget line"},
         name="budget_line_new"),
    *_register("budget/", "budget line", "budget_line"),
    path("priorities/", views.priorities, name="priorities"),
    path("priorities/new/", register_views.record_new, {"kind": "priority"}, name="priority_new"),
    *_register("priorities/", "priority", "priority"),
    path("priorities/<int:owner>/actions/new/", register_views.record_new, {"kind": "action"},
         name="action_new"),
    *_register("priorities/actions/", "action", "action"),
    path("role-holders/", register_views.role_holders, name="role_holders"),
    path("role-holders/new/", register_views.record_new, {"kind": "person"},
         name="role_holder_new"),
    *_register("role-holders/", "person", "role_holder"),
    path("people/", people.people, name="people"),
    path("people/invite/", people.person_invite, name="person_invite"),
    path("people/<int:pk>/", people.membership_edit, name="membership_edit"),
    path("people/<int:pk>/active/", people.member_active, name="member_active"),
    path("welcome/<str:uid>/<str:token>/", people.welcome, name="welcome"),
    path("sign-in-pauses/", views.sign_in_pauses, name="sign_in_pauses"),
    path("report-cover/", cover_views.report_cover, name="report_cover"),
    path("report-cover/logo.png", cover_views.report_cover_logo, name="report_cover_logo"),
]
