from django.urls import path

from lscp.attachments import views

app_name = "attachments"
urlpatterns = [
    path("<slug:field>/<int:pk>/new/", views.attach, name="new"),
    path("<int:pk>/download/", views.download, name="download"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
