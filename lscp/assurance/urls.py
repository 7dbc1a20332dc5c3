from django.urls import path

from lscp.assurance import views

app_name = "assurance"
urlpatterns = [
    path("", views.index, name="index"),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/<slug:code>/", views.review_detail, name="review_detail"),
    path("actions/", views.actions, name="actions"),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("audits/", views.audits, name="audits"),
    path("challenges/", views.challenges, name="challenges"),
    path("challenges/new/", views.challenge_new, name="challenge_new"),
    path("challenges/<slug:code>/respond/", views.challenge_respond, name="challenge_respond"),
    path("risks/", views.risks, name="risks"),
    path("child-deaths/", views.child_deaths, name="child_deaths"),
]
