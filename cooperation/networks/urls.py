from django.urls import path

from . import views

app_name = "networks"
urlpatterns = [
    path("", views.MembershipListView.as_view(), name="membership_list"),
    path("nytt/", views.MembershipEditView.as_view(), name="membership_add"),
    path("<int:pk>/", views.MembershipDetailView.as_view(), name="membership_detail"),
    path("<int:pk>/andra/", views.MembershipEditView.as_view(), name="membership_edit"),
    path("<int:pk>/avsluta/", views.MembershipEndView.as_view(), name="membership_end"),
    path("<int:pk>/ta-bort/", views.MembershipDeleteView.as_view(), name="membership_delete"),
    path("organisationer/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("organisationer/ny/", views.OrganisationEditView.as_view(), name="organisation_add"),
    path("organisationer/<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation_detail"),
    path("organisationer/<int:pk>/andra/", views.OrganisationEditView.as_view(), name="organisation_edit"),
    path("organisationer/<int:pk>/ta-bort/", views.OrganisationDeleteView.as_view(), name="organisation_delete"),
]
