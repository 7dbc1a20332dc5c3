from django.urls import path

from lscp.workforce import views

app_name = "workforce"
urlpatterns = [
    path("", views.index, name="index"),
    path("courses/", views.courses, name="courses"),
    path("courses/new/", views.course_new, name="course_new"),
    path("courses/<slug:code>/", views.course_detail, name="course"),
    path("courses/<slug:code>/edit/", views.course_edit, name="course_edit"),
    path("courses/<slug:code>/outcomes/new/", views.outcome_new, name="outcome_new"),
    path("courses/<slug:code>/outcomes/<int:position>/edit/", views.outcome_edit,
         name="outcome_edit"),
    path("courses/<slug:code>/sessions/new/", views.session_new, name="session_new"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("returns/", views.returns, name="returns"),
    path("returns/<str:label>/<slug:code>/", views.return_edit, name="return"),
    path("returns/<str:label>/<slug:code>/training/new/", views.line_new, name="line_new"),
    path("returns/<str:label>/<slug:code>/training/<int:position>/edit/", views.line_edit,
         name="line_edit"),
    path("returns/<str:label>/<slug:code>/training/<int:position>/remove/", views.line_remove,
         name="line_remove"),
    path("imports/", views.imports, name="imports"),
    path("imports/mappings/new/", views.mapping_edit, name="mapping_new"),
    path("imports/mappings/<slug:source>/", views.mapping_edit, name="mapping_edit"),
    path("charges/", views.policy, name="policy"),
]
