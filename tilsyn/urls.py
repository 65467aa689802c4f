from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from tilsyn.api import api
from tilsyn.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("saker/", include("tilsyn.cases.urls")),
    path("saker/klager/", include("tilsyn.complaints.urls")),
    path("saker/tilsynssaker/", include("tilsyn.supervision.urls")),
    path("saker/varsler/", include("tilsyn.notifications.urls")),
    path("statistikk/", include("tilsyn.statistics.urls")),
    path("logg-inn/", auth_views.LoginView.as_view(), name="login"),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("sprak/", views.language_set, name="language_set"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
