from django.urls import path

from tilsyn.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.log, name="log"),
    path("eksport.csv", views.log_export, name="export"),
    path("sak/<int:case_id>/", views.case_trail, name="case"),
]
