from django.urls import path

from tilsyn.statistics import views

app_name = "statistics"
urlpatterns = [
    path("", views.table_list, name="list"),
    path("<slug:table_id>/", views.table_detail, name="table"),
]
