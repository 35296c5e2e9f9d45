from django.urls import path

from . import views

app_name = "importing"
urlpatterns = [
    path("", views.StartView.as_view(), name="start"),
    path("<slug:key>/mall.<str:kind>", views.TemplateFileView.as_view(), name="template"),
    path("<int:pk>/", views.BatchView.as_view(), name="batch"),
    path("<int:pk>/fil/", views.BatchFileView.as_view(), name="file"),
]
