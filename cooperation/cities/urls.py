from django.urls import path

from . import views

app_name = "cities"
urlpatterns = [
    path("", views.CityRelationListView.as_view(), name="cityrelation_list"),
    path("ny/", views.CityRelationEditView.as_view(), name="cityrelation_add"),
    path("<int:pk>/", views.CityRelationDetailView.as_view(), name="cityrelation_detail"),
    path("<int:pk>/andra/", views.CityRelationEditView.as_view(), name="cityrelation_edit"),
    path("<int:pk>/avsluta/", views.CityRelationEndView.as_view(), name="cityrelation_end"),
    path("<int:pk>/ta-bort/", views.CityRelationDeleteView.as_view(), name="cityrelation_delete"),
    path("<int:relation>/aktiviteter/ny/", views.CityActivityEditView.as_view(), name="cityactivity_add"),
    path("aktiviteter/<int:pk>/andra/", views.CityActivityEditView.as_view(), name="cityactivity_edit"),
    path("aktiviteter/<int:pk>/ta-bort/", views.CityActivityDeleteView.as_view(), name="cityactivity_delete"),
    path("avtal/<int:pk>/dokument/", views.AgreementDocumentView.as_view(), name="agreement_document"),
]
