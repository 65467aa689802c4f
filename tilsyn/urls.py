from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView

from tilsyn.accounts import views as accounts_views
from tilsyn.api import api
from tilsyn.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("saker/", include("tilsyn.cases.urls")),
    path("saker/klager/", include("tilsyn.complaints.urls")),
    path("saker/tilsynssaker/", include("tilsyn.supervision.urls")),
    path("saker/varsler/", include("tilsyn.notifications.urls")),
    path("statistikk/", include("tilsyn.statistics.urls")),
    path("styring/", include("tilsyn.steering.urls")),
    path("logg-inn/", accounts_views.LoginView.as_view(), name="login"),
    path("logg-ut/", accounts_views.logout_view, name="logout"),
    path("", include("tilsyn.accounts.urls")),
    path("sprak/", views.language_set, name="language_set"),
    path("tilgangslogg/", include("tilsyn.audit.urls")),
    path("api/", api.urls),
    # The admin logs in through the same two steps as everyone else.
    path("admin/login/", login_not_required(RedirectView.as_view(pattern_name="login", query_string=True))),
    path("admin/", admin.site.urls),
]
