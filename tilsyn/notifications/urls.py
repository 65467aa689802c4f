from django.urls import path

from tilsyn.notifications import views

app_name = "notifications"
urlpatterns = [
    path("ny/", views.register, name="register"),
    path("<int:case_id>/fordel/", views.route, name="route"),
    path("<int:case_id>/gjentatt/", views.repeat_link, name="repeat"),
    path("<int:case_id>/fullfor/", views.follow_up_complete, name="follow_up_complete"),
]
