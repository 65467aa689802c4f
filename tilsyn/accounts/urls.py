from django.urls import path

from tilsyn.accounts import views

app_name = "accounts"
urlpatterns = [
    path("logg-inn/kode/", views.verify, name="verify"),
    path("logg-inn/oppsett/", views.enrol, name="enrol"),
    path("konto/", views.account, name="account"),
    path("konto/passord/", views.PasswordChangeView.as_view(), name="password_change"),
    path("konto/logg-ut-overalt/", views.logout_everywhere, name="logout_everywhere"),
]
