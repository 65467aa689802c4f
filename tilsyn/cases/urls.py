from django.urls import path

from tilsyn.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("analyse.csv", views.analysis_export, name="analysis_export"),
    path("<int:case_id>/", views.detail, name="detail"),
    path("<int:case_id>/tildel/", views.assign, name="assign"),
    path("<int:case_id>/vurderinger/", views.assessment_add, name="assessment_add"),
    path("<int:case_id>/vurderinger/<int:assessment_id>/utfall/", views.assessment_decide, name="assessment_decide"),
    path("<int:case_id>/vurderinger/<int:assessment_id>/fjern/", views.assessment_remove, name="assessment_remove"),
    path("<int:case_id>/avslutt/", views.close, name="close"),
    path("<int:case_id>/gjenapne/", views.reopen, name="reopen"),
    path("<int:case_id>/stans/", views.pause, name="pause"),
    path("<int:case_id>/gjenoppta/", views.resume, name="resume"),
    path("<int:case_id>/frist/", views.extend, name="extend"),
]
