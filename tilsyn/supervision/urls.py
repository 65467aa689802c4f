from django.urls import path

from tilsyn.supervision import views

app_name = "supervision"
urlpatterns = [
    path("ny/", views.register, name="register"),
    path("<int:case_id>/behandlingsmate/", views.method_choose, name="method"),
    path("<int:case_id>/brukerinvolvering/", views.involvement_record, name="involvement"),
    path("<int:case_id>/tilsynsobjekt/", views.object_add, name="object_add"),
    path("<int:case_id>/avslutt/", views.close, name="close"),
    path("<int:case_id>/oversend/", views.forward, name="forward"),
]
