from django.contrib.auth import views as auth_views
from django.urls import path

from lscp.web import views

urlpatterns = [
    path("", views.home, name="overview"),
    path("sign-in/", auth_views.LoginView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("groups/", views.groups, name="groups"),
    path("groups/<slug:code>/", views.group_detail, name="group_detail"),
    path("groups/<slug:code>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("groups/<slug:code>/meetings/<str:date>/", views.meeting_detail, name="meeting_detail"),
    path("groups/<slug:code>/meetings/<str:date>/attendance/", views.meeting_attendance,
         name="meeting_attendance"),
    path("budget/", views.budget, name="budget"),
    path("priorities/", views.priorities, name="priorities"),
    path("reports/yearly/", views.yearly_report, name="yearly_report"),
    path("reports/yearly/<str:label>/", views.yearly_report, name="yearly_report_year"),
    path("reports/yearly/<str:label>/publish/", views.yearly_report_publish,
         name="yearly_report_publish"),
    path("reports/yearly/<str:label>/download.<str:fmt>", views.yearly_report_file,
         name="yearly_report_file"),
    path("public/<slug:slug>/yearly/<str:label>/", views.public_report, name="public_report"),
    path("public/<slug:slug>/yearly/<str:label>/download.<str:fmt>", views.public_report_file,
         name="public_report_file"),
]
