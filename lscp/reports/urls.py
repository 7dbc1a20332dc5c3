from django.urls import path

from lscp.reports import views

app_name = "reports"
urlpatterns = [
    path("reports/yearly/", views.yearly_report, name="yearly"),
    path("reports/yearly/<str:label>/", views.yearly_report, name="yearly_year"),
    path("reports/yearly/<str:label>/publish/", views.yearly_report_publish,
         name="yearly_publish"),
    path("reports/yearly/<str:label>/download.<str:fmt>", views.yearly_report_file,
         name="yearly_file"),
    path("public/<slug:slug>/yearly/<str:label>/", views.public_report, name="public"),
    path("public/<slug:slug>/yearly/<str:label>/download.<str:fmt>", views.public_report_file,
         name="public_file"),
]
