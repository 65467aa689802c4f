from django.urls import path

from tilsyn.steering import views

app_name = "steering"
urlpatterns = [
    path("", views.panel, name="panel"),
    path("embete/<slug:code>/", views.office, name="office"),
    path("restanser/", views.backlog, name="backlog"),
    path("saker/", views.cases, name="cases"),
]
