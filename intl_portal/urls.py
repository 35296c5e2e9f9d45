from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from cooperation.core import views
from cooperation.organisation import oidc, signin
from cooperation.organisation.views import OrganisationView

urlpatterns = [
    path("", include("cooperation.portal.urls")),
    path("logga-in/", signin.LoginView.as_view(), name="login"),
    # Single sign-on (404 unless OIDC_ENABLED): off to the provider, and back from it
    path("logga-in/sso/", oidc.SignInView.as_view(), name="oidc_authentication_init"),
    path("logga-in/sso/tillbaka/", oidc.callback, name="oidc_authentication_callback"),
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
    path("import/", include("cooperation.importing.urls")),
    path("sprak/", views.set_language, name="set_language"),
    path("csp-rapport/", views.csp_report, name="csp_report"),
    path("admin/login/", signin.admin_login),  # before the admin's own: refuses passwords when they are off
    path("admin/", admin.site.urls),
]

# Uploaded files are served by views that check who may read them (notice attachments), never from MEDIA_URL.
