from django.urls import path

from lscp.intelligence import views

app_name = "intelligence"
urlpatterns = [
    path("", views.index, name="index"),
    path("threats/", views.threats, name="threats"),
    path("threats/<str:period>/", views.threats, name="threats_of"),
    path("threats/<str:period>/new/", views.threat_new, name="threat_new"),
    path("threats/<str:period>/<slug:code>/edit/", views.threat_edit, name="threat_edit"),
    path("threats/<str:period>/<slug:code>/withdraw/", views.threat_withdraw,
         name="threat_withdraw"),
    path("portfolios/", views.portfolios, name="portfolios"),
    path("portfolios/new/", views.portfolio_new, name="portfolio_new"),
    path("portfolios/<slug:code>/edit/", views.portfolio_edit, name="portfolio_edit"),
    path("themes/<slug:theme>/", views.theme_links, name="theme_links"),
]
