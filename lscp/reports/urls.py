from django.urls import path

from lscp.reports import pack_views as packs
from lscp.reports import publication_views as publication
from lscp.reports import views

app_name = "reports"
urlpatterns = [
    path("reports/yearly/", views.yearly_report, name="yearly"),
    path("reports/yearly/<str:label>/", views.yearly_report, name="yearly_year"),
    path("reports/yearly/<str:label>/publish/", views.yearly_report_publish,
         name="yearly_publish"),
    path("reports/yearly/<str:label>/download.<str:fmt>", views.yearly_report_file,
         name="yearly_file"),
    # Internal documents: never under /public/ (docs/insight-documents.md)
    path("reports/quarterly/", packs.quarterly, name="quarterly"),
    path("reports/quarterly/<str:period>/", packs.quarterly, name="quarterly_of"),
    path("reports/quarterly/<str:period>/download.<str:fmt>", packs.quarterly_file,
         name="quarterly_file"),
    path("reports/threat/<str:period>/", packs.threat, name="threat"),
    path("reports/threat/<str:period>/download.<str:fmt>", packs.threat_file,
         name="threat_file"),
    path("reports/snapshot/<slug:portfolio>/", packs.snapshot_latest, name="snapshot_latest"),
    path("reports/snapshot/<slug:portfolio>/<str:period>/", packs.snapshot, name="snapshot"),
    path("reports/snapshot/<slug:portfolio>/<str:period>/download.<str:fmt>",
         packs.snapshot_file, name="snapshot_file"),
    path("public/<slug:slug>/yearly/<str:label>/", views.public_report, name="public"),
    path("public/<slug:slug>/yearly/<str:label>/download.<str:fmt>", views.public_report_file,
         name="public_file"),
    # Publication as a decision (docs/publication.md)
    path("reports/yearly/<str:label>/publication/", publication.publication,
         name="publication"),
    path("reports/yearly/<str:label>/sign-off/<str:signatory>/", publication.sign_off,
         name="sign_off"),
    path("reports/yearly/<str:label>/sign-off/<str:signatory>/remove/",
         publication.sign_off_remove, name="sign_off_remove"),
    path("reports/yearly/<str:label>/override/<str:key>/", publication.override,
         name="override"),
    path("reports/yearly/<str:label>/override/<str:key>/withdraw/",
         publication.override_withdraw, name="override_withdraw"),
    path("reports/yearly/<str:label>/distribution/new/", publication.distribution_new,
         name="distribution_new"),
    path("reports/yearly/<str:label>/feedback/", publication.feedback_list, name="feedback"),
    path("reports/yearly/<str:label>/briefing.<str:fmt>", publication.briefing_file,
         name="briefing_file"),
    path("reports/yearly/<str:label>/summary.<str:fmt>", publication.summary_file,
         name="summary_file"),
    path("public/<slug:slug>/yearly/<str:label>/feedback/", publication.public_feedback,
         name="public_feedback"),
]
