from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("learning/", include("lscp.assurance.urls")),
    path("dataset/", include("lscp.dataset.urls")),
    path("audit/", include("lscp.audit.urls")),
    path("notifications/", include("lscp.notices.urls")),
    path("search/", include("lscp.search.urls")),
    path("attachments/", include("lscp.attachments.urls")),
    path("intelligence/", include("lscp.intelligence.urls")),
    path("reports/contributions/", include("lscp.contributions.urls")),
    path("self-assessment/", include("lscp.selfassessment.urls")),
    path("training/", include("lscp.workforce.urls")),
    path("", include("lscp.meetings.urls")),
    path("", include("lscp.web.urls")),
    path("", include("lscp.partnership.urls")),
    path("", include("lscp.reports.urls")),
]
