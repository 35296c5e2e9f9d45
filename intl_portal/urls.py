from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from cooperation.core import views
from cooperation.organisation.views import OrganisationView

urlpatterns = [
    path("", include("cooperation.portal.urls")),
    path("logga-in/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("projekt/", include("cooperation.projects.urls")),
    path("stader/", include("cooperation.cities.urls")),
    path("natverk/", include("cooperation.networks.urls")),
    path("besok/", include("cooperation.visits.urls")),
    path("remisser/", include("cooperation.consultations.urls")),
    path("beslut/", include("cooperation.organisation.urls")),
    path("organisation/", OrganisationView.as_view(), name="organisation"),
    path("anmalningar/", include("cooperation.notices.urls")),
    path("styrdokument/", include("cooperation.steering.urls")),
    path("uppfoljning/", include("cooperation.reports.urls")),
    path("granskningslogg/", include("cooperation.core.urls")),
    path("oppna-data/", include("cooperation.opendata.urls")),
    path("sprak/", views.set_language, name="set_language"),
    path("csp-rapport/", views.csp_report, name="csp_report"),
    path("admin/", admin.site.urls),
]

# Uploaded files are served by views that check who may read them (notice attachments), never from MEDIA_URL.
