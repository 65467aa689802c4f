from django.urls import path

from tilsyn.complaints import views

app_name = "complaints"
urlpatterns = [
    path("ny/", views.register, name="register"),
]
