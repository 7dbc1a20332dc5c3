from django.urls import path

from lscp.dataset import tracker, views

app_name = "dataset"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("export.<str:fmt>", views.overview_export, name="export"),
    path("indicators/<slug:code>/", views.indicator_detail, name="indicator"),
    path("indicators/<slug:code>/export.<str:fmt>", views.indicator_export,
         name="indicator_export"),
    path("returns/", views.returns_upload, name="returns"),
    path("returns/<int:pk>/", views.returns_review, name="returns_review"),
    path("returns/<int:pk>/report.csv", views.returns_report, name="returns_report"),
    path("submissions/", views.submission_list, name="submissions"),
    path("submissions/export.<str:fmt>", views.submission_list_export,
         name="submissions_export"),
    path("submissions/start/", views.submission_start, name="submission_start"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("submissions/<int:pk>/template.xlsx", views.submission_template,
         name="submission_template"),
    path("submissions/<int:pk>/upload/", views.submission_upload, name="submission_upload"),
    path("submissions/<int:pk>/decide/", views.submission_decide, name="submission_decide"),
    path("tracker/", tracker.tracker, name="tracker"),
    path("tracker/<str:period>/deadline/", tracker.tracker_deadline, name="tracker_deadline"),
    path("tracker/<str:period>/chase/<slug:agency>/", tracker.tracker_chase,
         name="tracker_chase"),
]
