"""The visit calendar: secret links made, renewed and revoked; the feed and the .ics file read back with icalendar."""

import datetime
import re

import pytest
from django.db import OperationalError
from django.urls import reverse
from icalendar import Calendar

from cooperation.core.models import AuditEvent
from cooperation.core.permissions import FILTERS
from cooperation.visits.choices import VisitKind
from cooperation.visits.models import CalendarFeed, DelegationMember, Visit, VisitHost, token_hash
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db

DELEGATE = "Kim Delegatsson"


def make_visit(org, title, kind=VisitKind.STUDY, unit=None, **extra):
    extra.setdefault("country", "EE")
    extra.setdefault("start_date", datetime.date(2026, 5, 4))
    visit = Visit.objects.create(kind=kind, title=title, **extra)
    VisitHost.objects.create(visit=visit, unit=unit or org.unit_a, is_main=True)
    return visit


@pytest.fixture
def visits(org):
    tallinn = make_visit(
        org,
        "Studiebesök från Tallinn",
        city="Tallinn",
        visiting_organisation="Tallinna Linnavalitsus",
        end_date=datetime.date(2026, 5, 6),
    )
    VisitHost.objects.create(visit=tallinn, unit=org.unit_b)
    DelegationMember.objects.create(visit=tallinn, name=DELEGATE, title="Rådgivare")
    minister = make_visit(org, "Ministerbesök", kind=VisitKind.VIP, unit=org.unit_b, country="DE", city="Berlin")
    autumn = make_visit(
        org, "Konferens i Bryssel", kind=VisitKind.CONFERENCE, unit=org.unit_b, country="BE", own_participants=2,
        direction="outgoing", start_date=datetime.date(2026, 10, 6),
    )  # fmt: skip
    return {"tallinn": tallinn, "minister": minister, "autumn": autumn}


def create_link(client, **filters) -> str:
    """Make a calendar link through the page, as a signed-in person does, and return its address."""
    response = client.post(reverse("visits:calendarfeed_add"), filters)
    assert response.status_code == 200, response.context and response.context["filter"].form.errors
    return response.context["url"]


def fetch(client, url):
    client.logout()  # calendar programs have no session
    return client.get(url.removeprefix("http://127.0.0.1:8000"))


def events(response) -> dict[str, object]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_has_each_visit_with_its_place_kind_hosts_and_link(client, official_a, org, visits):
    client.force_login(official_a)
    response = fetch(client, create_link(client))
    calendar = Calendar.from_ical(response.content)
    found = events(response)
    assert set(found) == {"Studiebesök från Tallinn", "Ministerbesök", "Konferens i Bryssel"}
    tallinn = found["Studiebesök från Tallinn"]
    assert tallinn["LOCATION"] == "Tallinn, Estland"
    assert tallinn.categories == ["studiebesök"]
    description = str(tallinn["DESCRIPTION"])
    assert "Värdenheter: Miljöförvaltningen, Kulturförvaltningen" in description  # the main host first
    assert "Typ: studiebesök\nRiktning: inkommande\n" in description
    assert "Besökande organisation: Tallinna Linnavalitsus" in description
    link = f"http://127.0.0.1:8000/besok/{visits['tallinn'].pk}/"
    assert str(tallinn["URL"]) == link and link in description
    # Whole days, as the model holds them; DTEND is the day after the last day.
    assert tallinn.start == datetime.date(2026, 5, 4)
    assert tallinn.end == datetime.date(2026, 5, 7)
    assert found["Ministerbesök"].end == datetime.date(2026, 5, 5)
    assert str(tallinn["UID"]) == f"visit-{visits['tallinn'].pk}@127.0.0.1"
    assert tallinn.sequence == 0
    changed = visits["tallinn"].history.latest().history_date.replace(microsecond=0)
    assert tallinn.DTSTAMP == tallinn.last_modified == changed
    # The calendar's zone, with its definition.
    assert calendar["X-WR-TIMEZONE"] == "Europe/Stockholm"
    assert calendar["UID"] == f"calendar-link-{CalendarFeed.objects.get().pk}@127.0.0.1"
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Stockholm"
    assert {component.name for component in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    assert response["Cache-Control"] == "private, no-store"


def test_an_edit_moves_the_sequence_and_the_last_modified(client, official_a, org, visits):
    client.force_login(official_a)
    url = create_link(client)
    before = events(fetch(client, url))["Ministerbesök"]
    visit = visits["minister"]
    visit.start_date = datetime.date(2026, 5, 11)
    visit.save()
    after = events(fetch(client, url))["Ministerbesök"]
    assert after["UID"] == before["UID"]
    assert (before.sequence, after.sequence) == (0, 1)
    assert after.last_modified >= before.last_modified  # whole seconds: the sequence tells the edit apart
    assert after.start == datetime.date(2026, 5, 11)


def test_never_a_delegation_members_name_even_for_those_who_may_see_them(client, coordinator, visits):
    client.force_login(coordinator)  # coordinators see the names on the visit's page
    assert DELEGATE in client.get(visits["tallinn"].get_absolute_url()).text
    feed = fetch(client, create_link(client))
    client.force_login(coordinator)
    single = client.get(reverse("visits:visit_calendar", args=[visits["tallinn"].pk]))
    for response in (feed, single):
        assert events(response)
        assert DELEGATE.encode() not in response.content
        assert b"Delegatsson" not in response.content


def test_the_filters_of_the_visit_list(client, official_a, org, visits):
    client.force_login(official_a)
    mine = create_link(client, mine="on")
    assert set(events(fetch(client, mine))) == {"Studiebesök från Tallinn"}
    client.force_login(official_a)
    kinds = create_link(client, kind=["vip", "conference"])
    assert set(events(fetch(client, kinds))) == {"Ministerbesök", "Konferens i Bryssel"}
    client.force_login(official_a)
    autumn = create_link(client, starts_from="2026-09-01", starts_until="2026-12-31")
    assert set(events(fetch(client, autumn))) == {"Konferens i Bryssel"}
    client.force_login(official_a)
    host = create_link(client, host=org.unit_b.pk, year="2026", q="besök")
    assert set(events(fetch(client, host))) == {"Studiebesök från Tallinn", "Ministerbesök"}
    assert list(CalendarFeed.objects.order_by("pk").values_list("filters", flat=True)) == [
        {"mine": ["on"]},
        {"kind": ["vip", "conference"]},
        {"starts_from": ["2026-09-01"], "starts_until": ["2026-12-31"]},
        {"q": ["besök"], "host": [str(org.unit_b.pk)], "year": ["2026"]},
    ]


def test_bad_filters_are_refused_with_a_message_and_make_no_link(client, official_a, visits):
    client.force_login(official_a)
    response = client.post(reverse("visits:calendarfeed_add"), {"kind": "party", "starts_from": "2026-13-45"})
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.text
    assert "Fyll i ett giltigt datum" in response.text
    assert not CalendarFeed.objects.exists()


def test_the_visit_list_offers_a_link_with_its_filters(client, official_a, visits):
    client.force_login(official_a)
    response = client.get(reverse("visits:visit_list"), {"kind": "vip"})
    add = reverse("visits:calendarfeed_add")
    assert f'href="{add}?kind=vip"' in response.text
    form = client.get(add, {"kind": "vip"}).context["filter"].form
    assert form["kind"].value() == ["vip"]


def test_only_the_visits_the_owner_may_see(client, official_a, official_b, org, visits, monkeypatch):
    """The feed narrows through visible(): were visits a unit's own, another's would not leak into the feed."""
    monkeypatch.setitem(
        FILTERS, "visits.visit", lambda user, qs: qs.filter(hosts__unit__role_assignments__user=user).distinct()
    )
    client.force_login(official_a)
    a_link = create_link(client)
    client.force_login(official_b)
    b_link = create_link(client)
    assert set(events(fetch(client, a_link))) == {"Studiebesök från Tallinn"}
    assert set(events(fetch(client, b_link))) == {"Studiebesök från Tallinn", "Ministerbesök", "Konferens i Bryssel"}
    client.force_login(official_a)
    assert client.get(reverse("visits:visit_calendar", args=[visits["minister"].pk])).status_code == 404


def page_text(response) -> bytes:
    """The page without what differs on every page: its own address (the language switch) and CSRF token."""
    path = response.wsgi_request.get_full_path().encode()
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", response.content.replace(path, b""))


def assert_ordinary_404(client, response):
    """The same page as any address that is not one."""
    assert response.status_code == 404
    client.logout()
    other = client.get("/besok/finns-inte/")
    assert other.status_code == 404
    assert page_text(response) == page_text(other)


def test_a_wrong_token_is_the_ordinary_404(client, official_a, visits):
    client.force_login(official_a)
    url = create_link(client)
    assert_ordinary_404(client, fetch(client, url[:-8] + "AAAA.ics"))
    assert fetch(client, reverse("visits:calendar_feed", args=["x"])).status_code == 404


def test_revoked_is_404(client, official_a, visits):
    client.force_login(official_a)
    url = create_link(client)
    link = CalendarFeed.objects.get()
    page = reverse("visits:calendarfeed_revoke", args=[link.pk])
    assert "Återkalla kalenderlänken?" in client.get(page).text
    response = client.post(page)
    assert response.status_code == 302 and response["Location"] == reverse("profile")
    assert not CalendarFeed.objects.exists()
    assert_ordinary_404(client, fetch(client, url))
    assert link.history.first().history_type == "-"


def test_renewed_the_old_link_is_404_and_the_new_one_works(client, official_a, visits):
    client.force_login(official_a)
    old = create_link(client, kind="vip")
    link = CalendarFeed.objects.get()
    response = client.post(reverse("visits:calendarfeed_renew", args=[link.pk]))
    assert response.status_code == 200
    new = response.context["url"]
    assert new != old and new in response.text
    assert fetch(client, old).status_code == 404
    assert set(events(fetch(client, new))) == {"Ministerbesök"}  # the filters are kept
    link.refresh_from_db()
    assert link.renewed is not None and link.filters == {"kind": ["vip"]}


def test_only_the_hash_is_kept(client, official_a, visits):
    client.force_login(official_a)
    url = create_link(client)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert len(token) >= 43  # 32 random bytes
    link = CalendarFeed.objects.get()
    assert link.token_hash == token_hash(token) != token
    assert token not in str(list(CalendarFeed.history.values()))
    assert token not in client.get(reverse("profile")).text  # shown once, not again


def test_someone_elses_link_cannot_be_renewed_or_revoked(client, official_a, official_b, visits):
    client.force_login(official_a)
    url = create_link(client)
    link = CalendarFeed.objects.get()
    client.force_login(official_b)
    for name in ("visits:calendarfeed_renew", "visits:calendarfeed_revoke"):
        assert client.post(reverse(name, args=[link.pk])).status_code == 404
    assert CalendarFeed.objects.get().token_hash == link.token_hash
    assert events(fetch(client, url))


def test_an_inactive_owner_is_404(client, official_a, visits):
    client.force_login(official_a)
    url = create_link(client)
    official_a.is_active = False
    official_a.save()
    assert fetch(client, url).status_code == 404


def test_making_renewing_and_revoking_are_audited(client, official_a, visits):
    client.force_login(official_a)
    create_link(client)
    link = CalendarFeed.objects.get()
    client.post(reverse("visits:calendarfeed_renew", args=[link.pk]))
    client.post(reverse("visits:calendarfeed_revoke", args=[link.pk]))
    logged = AuditEvent.objects.order_by("pk").filter(event__startswith="calendar_")
    assert [(e.event, e.user, e.details) for e in logged] == [
        (event, official_a, {"calendar_link": link.pk})
        for event in ("calendar_created", "calendar_renewed", "calendar_revoked")
    ]


def test_use_is_noted_without_history(client, official_a, visits):
    client.force_login(official_a)
    url = create_link(client)
    fetch(client, url)
    fetch(client, url)
    link = CalendarFeed.objects.get()
    assert link.last_used is not None
    assert link.history.count() == 1  # created; fetching is not a change


def test_the_feed_in_english_for_who_chose_english(client, official_a, visits):
    official_a.language = "en"
    official_a.save()
    client.force_login(official_a)
    url = create_link(client)
    tallinn = events(fetch(client, url))["Studiebesök från Tallinn"]
    assert tallinn.categories == ["study visit"]
    assert "Host units: " in str(tallinn["DESCRIPTION"])
    assert "Visiting organisation: " in str(tallinn["DESCRIPTION"])


def test_a_visit_as_an_ics_file(client, reader, visits):
    client.force_login(reader)
    visit = visits["autumn"]
    response = client.get(reverse("visits:visit_calendar", args=[visit.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="besok-{visit.pk}.ics"'
    assert list(events(response)) == ["Konferens i Bryssel"]
    assert Calendar.from_ical(response.content).walk("VTIMEZONE")
    detail = client.get(visit.get_absolute_url())
    assert reverse("visits:visit_calendar", args=[visit.pk]) in detail.text


def test_the_feed_runs_a_fixed_number_of_queries(client, official_a, org, visits):
    client.force_login(official_a)
    url = create_link(client, mine="on", host=org.unit_a.pk).removeprefix("http://127.0.0.1:8000")
    client.logout()
    client.get(url)  # the first fetch notes its use, as later ones do only once an hour

    def add_rows():
        for number in range(5):
            visit = make_visit(org, f"Besök {number}", start_date=datetime.date(2026, 6, number + 1))
            VisitHost.objects.create(visit=visit, unit=org.unit_b)
            visit.save()

    assert_constant_queries(client, url, add_rows)
    assert len(events(client.get(url))) == 6


def test_a_busy_database_still_serves_the_calendar(client, official_a, visits, monkeypatch):
    client.force_login(official_a)
    url = create_link(client)

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(CalendarFeed, "save", locked)
    assert len(events(fetch(client, url))) == 3
    assert CalendarFeed.objects.get().last_used is None
