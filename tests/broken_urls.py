"""A URL whose view fails, for the test that server errors are logged (test_production)."""

from django.urls import path

from lscp.web import views

urlpatterns = [path("broken/", lambda request: views.health(request))]
