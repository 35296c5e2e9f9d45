from django.urls import path

from . import views
from .accessibility import AccessibilityView

# No namespace: the start page is "home" (LOGIN_REDIRECT_URL), the statement "accessibility", as before, and "profile".
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("profil/", views.ProfileView.as_view(), name="profile"),
    path("sok/", views.SearchView.as_view(), name="search"),
    path("tillganglighet/", AccessibilityView.as_view(), name="accessibility"),
    # For pages without the icon's link (the admin's) and clients that ask for it by the old name; no row in the
    # permission matrix, as it has no name: it is the same for everyone.
    path("favicon.ico", views.favicon),
]
