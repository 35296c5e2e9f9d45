from django.urls import path

from . import views

app_name = "consultations"
urlpatterns = [
    path("", views.ConsultationListView.as_view(), name="consultation_list"),
    path("ny/", views.ConsultationEditView.as_view(), name="consultation_add"),
    path("<int:pk>/", views.ConsultationDetailView.as_view(), name="consultation_detail"),
    path("<int:pk>/andra/", views.ConsultationEditView.as_view(), name="consultation_edit"),
    path("<int:pk>/ta-bort/", views.ConsultationDeleteView.as_view(), name="consultation_delete"),
]
