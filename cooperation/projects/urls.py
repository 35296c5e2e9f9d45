from django.urls import path

from . import views

app_name = "projects"
urlpatterns = [
    path("", views.ProjectListView.as_view(), name="project_list"),
    path("nytt/", views.ProjectEditView.as_view(), name="project_add"),
    path("<int:pk>/", views.ProjectDetailView.as_view(), name="project_detail"),
    path("<int:pk>/andra/", views.ProjectEditView.as_view(), name="project_edit"),
    path("<int:pk>/avsluta/", views.ProjectEndView.as_view(), name="project_end"),
    path("<int:pk>/ta-bort/", views.ProjectDeleteView.as_view(), name="project_delete"),
]
