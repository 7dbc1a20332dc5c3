from django.urls import path

from lscp.partnership import views

app_name = "partnership"
urlpatterns = [
    path("groups/", views.groups, name="groups"),
    path("groups/<slug:code>/", views.group_detail, name="group_detail"),
    path("groups/<slug:code>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("groups/<slug:code>/meetings/<str:date>/", views.meeting_detail, name="meeting_detail"),
    path("groups/<slug:code>/meetings/<str:date>/attendance/", views.meeting_attendance,
         name="meeting_attendance"),
    path("budget/", views.budget, name="budget"),
    path("priorities/", views.priorities, name="priorities"),
    path("sign-in-pauses/", views.sign_in_pauses, name="sign_in_pauses"),
]
