"""Visits as iCalendar (RFC 5545): the feed behind a calendar link, and one visit as an .ics file.

An event carries what the visit list shows and a link back; never the delegation's members, whoever asks.
"""

import datetime
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Count, Max, OuterRef, Prefetch, QuerySet, Subquery
from django.http import QueryDict
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from cooperation.core.permissions import visible
from cooperation.organisation.models import Unit

from .filtersets import VisitFilterSet
from .models import Visit, VisitHost

TZID = "Europe/Stockholm"
CONTENT_TYPE = "text/calendar; charset=utf-8"
# The filters a calendar link keeps: the visit list's, without its sorting.
FEED_FILTERS = [name for name in VisitFilterSet.base_filters if name != "sort"]


def filter_data(filters: dict) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, values in filters.items():
        if name in FEED_FILTERS:
            data.setlist(name, [str(value) for value in values])
    return data


def feed_filterset(user, filters: dict) -> VisitFilterSet:
    """The visit list's filterset over the visits `user` may see, bound to a calendar link's filters."""
    return VisitFilterSet(
        filter_data(filters), queryset=visible(user, Visit.objects.all()), request=SimpleNamespace(user=user)
    )


def chosen_filters(filterset: VisitFilterSet) -> dict:
    """The filters a valid filterset was given a value for, as a calendar link keeps them."""
    cleaned = filterset.form.cleaned_data
    return {
        name: filterset.form.data.getlist(name)
        for name in FEED_FILTERS
        if cleaned.get(name) not in (None, "", [], False)
    }


def with_event_data(queryset: QuerySet) -> QuerySet:
    """Visits with what an event needs, in a fixed number of queries: hosts, and the history's count and last date."""
    history = Visit.history.model.objects.filter(id=OuterRef("pk")).order_by().values("id")
    return (
        queryset.order_by("start_date", "pk")
        .annotate(
            versions=Subquery(history.annotate(n=Count("pk")).values("n")),
            modified=Subquery(history.annotate(at=Max("history_date")).values("at")),
        )
        .prefetch_related(Prefetch("hosts", queryset=VisitHost.objects.select_related("unit")))
    )


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def place(visit: Visit) -> str:
    return ", ".join(part for part in (visit.city, visit.country.name if visit.country else "") if part)


def label(field: str) -> str:
    return capfirst(Visit._meta.get_field(field).verbose_name)


def event(visit: Visit, now: datetime.datetime) -> Event:
    """One visit as an all-day event: the model holds dates, not times (DTEND is the day after the last)."""
    link = site_url(visit.get_absolute_url())
    hosts = sorted(visit.hosts.all(), key=lambda host: not host.is_main)
    lines = [
        f"{label('kind')}: {visit.get_kind_display()}",
        f"{label('direction')}: {visit.get_direction_display()}",
        f"{label('host_units')}: {', '.join(str(host.unit) for host in hosts) or '–'}",
    ]
    if visit.visiting_organisation:
        lines.append(f"{label('visiting_organisation')}: {visit.visiting_organisation}")
    lines.append(link)
    modified = getattr(visit, "modified", None) or now
    return Event.new(
        uid=f"visit-{visit.pk}@{host_name()}",
        summary=visit.title,
        start=visit.start_date,
        end=(visit.end_date or visit.start_date) + datetime.timedelta(days=1),
        location=place(visit) or None,
        categories=[str(visit.get_kind_display())],
        description="\n".join(lines),
        url=link,
        stamp=modified,
        last_modified=modified,
        sequence=max((getattr(visit, "versions", None) or 1) - 1, 0),
        transparency="TRANSPARENT",  # someone else's visit does not make the subscriber busy
    )


def host_name() -> str:
    return urlsplit(settings.SITE_URL).hostname or "intl-portal"


def calendar(visits, name: str, uid: str) -> bytes:
    """The visits as an iCalendar file named `name` (`uid`: the calendar's own, kept from one fetch to the next),
    with Europe/Stockholm's time-zone definition."""
    now = timezone.now()
    cal = Calendar.new(
        uid=f"{uid}@{host_name()}",
        prodid="-//intl_portal//Internationellt samarbete//SV",
        name=name,
        refresh_interval=datetime.timedelta(hours=1),
        subcomponents=[event(visit, now) for visit in visits],
    )
    # The events are whole days, which carry no zone; the definition tells a client the calendar's own zone.
    cal.add("x-wr-timezone", TZID)
    cal.add_component(Timezone.from_tzid(TZID, first_date=datetime.date(now.year - 1, 1, 1)))
    return cal.to_ical()


def file_name(visit: Visit) -> str:
    return f"besok-{visit.pk}.ics"


def described(feeds) -> list[tuple]:
    """Each calendar link with its filters in words, [(label, text)], reading the named host units in one query."""
    base = VisitFilterSet.base_filters
    host_ids = {int(v) for feed in feeds for v in feed.filters.get("host", []) if str(v).isdigit()}
    units = Unit.objects.in_bulk(host_ids) if host_ids else {}
    result = []
    for feed in feeds:
        lines = []
        for name in FEED_FILTERS:  # in the list's order (PostgreSQL's JSON keeps no order of keys)
            values = feed.filters.get(name)
            if not values:
                continue
            if name == "mine":
                text = _("Yes")
            elif name == "host":
                text = ", ".join(str(units.get(int(v), v)) if str(v).isdigit() else str(v) for v in values)
            else:
                choices = dict(base[name].extra.get("choices") or [])
                text = ", ".join(str(choices.get(v, v)) for v in values)
            lines.append((base[name].label, text))
        result.append((feed, lines))
    return result
