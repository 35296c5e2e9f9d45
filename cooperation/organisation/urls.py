from django.urls import path

from . import views

app_name = "organisation"
urlpatterns = [
    path("", views.DecisionListView.as_view(), name="decision_list"),
    path("nytt/", views.DecisionEditView.as_view(), name="decision_add"),
    path("<int:pk>/", views.DecisionDetailView.as_view(), name="decision_detail"),
    path("<int:pk>/andra/", views.DecisionEditView.as_view(), name="decision_edit"),
    path("<int:pk>/ta-bort/", views.DecisionDeleteView.as_view(), name="decision_delete"),
]
