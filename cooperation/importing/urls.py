from django.urls import path

from . import views

app_name = "importing"
urlpatterns = [
    path("", views.StartView.as_view(), name="start"),
    path("mall/", views.TemplateFileView.as_view(), name="template"),  # ?register=projekt&format=xlsx
    path("<int:pk>/", views.BatchView.as_view(), name="batch"),
    path("<int:pk>/fil/", views.BatchFileView.as_view(), name="file"),
]
