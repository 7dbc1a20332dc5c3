from django.contrib.auth import views as auth_views
from django.urls import path

from lscp.web import two_step, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", auth_views.LoginView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("health/", views.health, name="health"),
    path("sign-in/code/", two_step.verify, name="two_step_verify"),
    path("account/two-step/", two_step.setup, name="two_step"),
]
