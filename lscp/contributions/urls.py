from django.urls import path

from lscp.contributions import views

app_name = "contributions"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:year>/statements/<slug:kind>/", views.statement, name="statement"),
    path("<str:year>/statements/<slug:kind>/decide/", views.statement_decide,
         name="statement_decide"),
    path("<str:year>/call/", views.call_edit, name="call"),
    path("partners/<int:pk>/", views.contribution, name="contribution"),
    path("partners/<int:pk>/decide/", views.contribution_decide, name="contribution_decide"),
    path("<str:year>/stories/new/", views.story_new, name="story_new"),
    path("stories/<slug:code>/", views.story, name="story"),
    path("stories/<slug:code>/decide/", views.story_decide, name="story_decide"),
    path("<str:year>/voices/new/<slug:kind>/", views.voice_new, name="voice_new"),
    path("voices/<int:pk>/", views.voice_edit, name="voice"),
    path("voices/<int:pk>/remove/", views.voice_remove, name="voice_remove"),
    path("contacts/new/", views.contact_new, name="contact_new"),
    path("contacts/<int:pk>/", views.contact_edit, name="contact"),
    path("contacts/<int:pk>/remove/", views.contact_remove, name="contact_remove"),
]
