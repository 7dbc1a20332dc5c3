from django.urls import path

from lscp.meetings import views

MEETING = "groups/<slug:code>/meetings/<str:date>/"

app_name = "meetings"
urlpatterns = [
    path("groups/<slug:code>/quorum/", views.quorum_edit, name="quorum"),
    path(MEETING + "agenda/new/", views.agenda_item_new, name="agenda_item_new"),
    path(MEETING + "agenda/<int:position>/", views.agenda_item_edit, name="agenda_item_edit"),
    path(MEETING + "agenda/<int:position>/withdraw/", views.agenda_item_withdraw,
         name="agenda_item_withdraw"),
    path(MEETING + "minutes/", views.minutes_edit, name="minutes"),
    path(MEETING + "decisions/new/", views.decision_new, name="decision_new"),
    path(MEETING + "decisions/<slug:decision>/actions/new/", views.action_new,
         name="action_new"),
    path(MEETING + "pack.pdf", views.pack, name="pack"),
]
