from django.urls import path

from lscp.selfassessment import views

RETURN = "<slug:code>/returns/<slug:respondent>/"
ANSWER = RETURN + "<slug:standard>/"

app_name = "selfassessment"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.cycle_new, name="cycle_new"),
    path("settings/", views.settings_list, name="settings"),
    path("settings/new/", views.setting_new, name="setting_new"),
    path("link/<str:token>/", views.setting_link, name="link"),
    path("survey/<str:token>/", views.survey, name="survey"),
    path("survey/<str:token>/thanks/", views.survey_thanks, name="survey_thanks"),
    path("<slug:code>/", views.cycle, name="cycle"),
    path("<slug:code>/results.<str:fmt>", views.export, name="export"),
    path("<slug:code>/close/", views.cycle_close, name="cycle_close"),
    path("<slug:code>/remind/", views.remind, name="remind"),
    path("<slug:code>/moderation/", views.moderation, name="moderation"),
    path("<slug:code>/moderation/<int:pk>/", views.moderation_record, name="moderation_record"),
    path("<slug:code>/survey/", views.survey_results, name="survey_results"),
    path(RETURN, views.assessment, name="assessment"),
    path(RETURN + "submit/", views.submit, name="submit"),
    path(RETURN + "challenge-day/", views.challenge_new, name="challenge_new"),
    path(ANSWER, views.answer_edit, name="answer_edit"),
    path(ANSWER + "review/", views.answer_review, name="answer_review"),
    path(ANSWER + "reply/", views.answer_reply, name="answer_reply"),
]
