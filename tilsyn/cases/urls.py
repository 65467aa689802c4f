from django.urls import path

from tilsyn.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:case_id>/", views.detail, name="detail"),
]
