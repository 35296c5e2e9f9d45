from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from cooperation.core import exports, views
from cooperation.core.permissions import visible
from cooperation.organisation.roles import is_coordinator, unit_ids

from .filtersets import VisitFilterSet
from .forms import FIELDSETS, DelegationFormSet, GiftFormSet, HostFormSet, VisitForm
from .models import DelegationMember, Visit
from .permissions import may_see_delegation

OWN_HOST_MESSAGE = _("Host units: keep at least one of your own units as a host, or ask a coordinator to hand over.")


class VisitListView(views.ObjectListView):
    model = Visit
    filterset_class = VisitFilterSet
    columns = ["title", "kind", "direction", "start_date", "end_date", "country", "delegation_size"]
    export_columns = [
        *columns,
        *["visiting_organisation", "purpose", "host_units", "interpreter", "cost"],
        # the names only of the delegations the user may read (export_queryset): as on the visit's page
        exports.Column(_("Delegation members"), lambda visit: ", ".join(map(str, visit.delegation.all()))),
    ]

    def export_queryset(self, queryset):
        members = visible(self.request.user, DelegationMember.objects.all())
        return queryset.prefetch_related("host_units", Prefetch("delegation", members))


class VisitDetailView(views.ObjectDetailView):
    model = Visit
    fieldsets = FIELDSETS

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("city_relation", "membership__organisation", "project", "currency")
            .prefetch_related("hosts__unit", "delegation", "gifts", "requested_bodies", "goals", "sdgs")
        )

    def get_context_data(self, **kwargs):
        visit = self.object
        sees_names = may_see_delegation(self.request.user, visit)
        return super().get_context_data(
            hosts=list(visit.hosts.all()),
            main_host=visit.main_host,
            fee_applies=visit.fee_applies,
            may_see_delegation=sees_names,
            delegation=list(visit.delegation.all()) if sees_names else [],
            gifts=list(visit.gifts.all()),
            **kwargs,
        )


class VisitEditView(views.ObjectEditView):
    model = Visit
    form_class = VisitForm
    fieldsets = FIELDSETS

    def get_queryset(self):
        return super().get_queryset().prefetch_related("hosts")  # the permission check reads the host units

    @property
    def formsets(self):
        """Delegation members' names only for those who may see them: others can neither read nor overwrite them.
        Whoever registers a visit hosts it (see validate_together) or coordinates it."""
        formsets = {"hosts": HostFormSet}
        if self.object is None or may_see_delegation(self.request.user, self.object):
            formsets["delegation"] = DelegationFormSet
        formsets["gifts"] = GiftFormSet
        return formsets

    def validate_together(self, form, formsets) -> bool:
        """An official keeps at least one of their own units among the hosts, or they could not edit it again."""
        user = self.request.user
        hosts = formsets["hosts"]
        if is_coordinator(user) or hosts.kept_unit_ids() & unit_ids(user):
            return True
        hosts.non_form_errors().append(OWN_HOST_MESSAGE)
        return False


class VisitDeleteView(views.ObjectDeleteView):
    model = Visit
