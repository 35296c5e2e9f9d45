from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.AuditLogView.as_view(), name="auditevent_list"),
]
