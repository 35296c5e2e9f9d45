from django.urls import path

from . import views
from .accessibility import AccessibilityView

# No namespace: the start page is "home" (LOGIN_REDIRECT_URL) and the statement "accessibility", as before.
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("tillganglighet/", AccessibilityView.as_view(), name="accessibility"),
]
