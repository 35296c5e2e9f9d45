import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import OperationalError, transaction
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from cooperation.core import exports, views
from cooperation.core.audit import record
from cooperation.core.models import AuditEventKind
from cooperation.core.permissions import visible
from cooperation.organisation.roles import is_coordinator, unit_ids

from . import calendar
from .filtersets import VisitFilterSet
from .forms import FIELDSETS, DelegationFormSet, GiftFormSet, HostFormSet, VisitForm
from .models import CalendarFeed, DelegationMember, Visit, VisitHost, token_hash
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
            .prefetch_related(
                Prefetch("hosts", VisitHost.objects.select_related("unit")),
                *["delegation", "gifts", "requested_bodies", "goals", "sdgs"],
            )
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


class VisitCalendarFileView(views.RegisterMixin, DetailView):
    """One visit as an .ics file to open in a calendar program."""

    model = Visit

    def get_queryset(self):
        return calendar.with_event_data(super().get_queryset())

    def render_to_response(self, context, **kwargs):
        visit = self.object
        response = HttpResponse(
            calendar.calendar([visit], str(visit), uid=f"visit-{visit.pk}-file"), content_type=calendar.CONTENT_TYPE
        )
        response["Content-Disposition"] = f'attachment; filename="{calendar.file_name(visit)}"'
        return response


USE_NOTED_EVERY = datetime.timedelta(hours=1)  # a fetch writes the time of use at most once an hour


def note_use(feed: CalendarFeed) -> None:
    now = timezone.now()
    if feed.last_used is None or now - feed.last_used > USE_NOTED_EVERY:
        feed.last_used = now
        feed.skip_history_when_saving = True  # use is not a change of the link
        try:
            with transaction.atomic():
                feed.save(update_fields=["last_used"])
        except OperationalError as error:  # SQLite busy with a writer: the calendar is served, the time noted later
            if not views.database_busy(error):
                raise


@require_safe
def calendar_feed(request, token):
    """The calendar behind a secret link, for calendar programs: no session, the link's owner's view of the visits.
    A wrong, renewed or revoked token, or an owner no longer active, is the ordinary 404."""
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("user"), token_hash=token_hash(token), user__is_active=True
    )
    note_use(feed)
    with translation.override(feed.user.language):
        filterset = calendar.feed_filterset(feed.user, feed.filters)
        # Filters that no longer hold (a unit removed since) give an empty calendar rather than a wider one.
        visits = calendar.with_event_data(filterset.qs) if filterset.is_valid() else []
        body = calendar.calendar(visits, str(_("Visits")), uid=f"calendar-link-{feed.pk}")
    response = HttpResponse(body, content_type=calendar.CONTENT_TYPE)
    patch_cache_control(response, private=True, no_store=True)
    return response


def show_link(request, feed: CalendarFeed, token: str):
    """The page that shows a new link, the one time it can be shown."""
    context = {"feed": feed, "url": feed.feed_url(token), "filters": calendar.described([feed])[0][1]}
    return render(request, "visits/calendarfeed_link.html", context)


class CalendarFeedAddView(views.BusyDatabaseMixin, LoginRequiredMixin, View):
    """A new calendar link with the visit list's filters (from the list's query string, or chosen here)."""

    def form(self, data):
        return VisitFilterSet(data, queryset=Visit.objects.none(), request=self.request)

    def page(self, filterset):
        return render(self.request, "visits/calendarfeed_form.html", {"filter": filterset})

    def get(self, request):
        return self.page(self.form(request.GET or None))

    def post(self, request):
        filterset = self.form(request.POST)
        if not filterset.is_valid():
            return self.page(filterset)
        with transaction.atomic():
            feed = CalendarFeed(user=request.user, filters=calendar.chosen_filters(filterset))
            token = feed.new_token()
            feed.save()
            record(AuditEventKind.CALENDAR_CREATED, request, calendar_link=feed.pk)
        return show_link(request, feed, token)


class CalendarFeedMixin(views.BusyDatabaseMixin, LoginRequiredMixin):
    """One of the user's own calendar links; anyone else's is a 404."""

    template_name = ""

    def get_feed(self) -> CalendarFeed:
        return get_object_or_404(CalendarFeed, pk=self.kwargs["pk"], user=self.request.user)

    def get(self, request, pk):
        feed = self.get_feed()
        return render(request, self.template_name, {"feed": feed, "filters": calendar.described([feed])[0][1]})


class CalendarFeedRenewView(CalendarFeedMixin, View):
    """A new token for the link: the old address stops working."""

    template_name = "visits/calendarfeed_renew.html"

    def post(self, request, pk):
        with transaction.atomic():
            feed = self.get_feed()
            token = feed.new_token()
            feed.renewed = timezone.now()
            feed.save()
            record(AuditEventKind.CALENDAR_RENEWED, request, calendar_link=feed.pk)
        return show_link(request, feed, token)


class CalendarFeedRevokeView(CalendarFeedMixin, View):
    """The link stops working and leaves the profile page (its history keeps it)."""

    template_name = "visits/calendarfeed_revoke.html"

    def post(self, request, pk):
        with transaction.atomic():
            feed = self.get_feed()
            record(AuditEventKind.CALENDAR_REVOKED, request, calendar_link=feed.pk)
            feed.delete()
        messages.success(request, _("The calendar link has been revoked: calendars using it get no more visits."))
        return redirect("profile")
