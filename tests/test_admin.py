"""The admin: every domain model is registered with a history view, and its pages open for an administrator."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.forms import inlineformset_factory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_countries import countries
from model_bakery import baker
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import HistoricalChanges

from cooperation.cities.models import CityRelation
from cooperation.core.models import AuditEvent, CountryClassification, Currency, SustainableDevelopmentGoal
from cooperation.importing.models import ImportBatch, ImportedItem
from cooperation.networks.models import MembershipFee
from cooperation.notices.choices import Area, NoticeState
from cooperation.notices.models import Notice, Overlap, SynergyKey
from cooperation.organisation.choices import Role
from cooperation.organisation.models import Municipality, ProviderGroupRole, RoleAssignment, Unit, get_municipality
from cooperation.steering.models import ActionPlan, ActionPlanActivity, Evaluation, PositionPaper, PositionPaperVersion
from cooperation.visits.admin import VisitHostFormSet
from cooperation.visits.choices import VisitKind
from cooperation.visits.models import CalendarFeed, DelegationMember, Gift, Visit, VisitHost


def is_domain_app(model) -> bool:
    return model._meta.app_config.name.startswith("cooperation.")


def domain_models() -> list:
    """Concrete models of the cooperation apps; get_models() already leaves out auto-created m2m tables."""
    models = [model for model in apps.get_models() if is_domain_app(model)]
    # the audit log is read on its own page (core:auditevent_list), never edited in the admin; the synergy finder's
    # keys are derived from the items and rebuilt by it (find_synergies), never edited either
    derived = {AuditEvent, SynergyKey}
    return [model for model in models if not issubclass(model, HistoricalChanges) and model not in derived]


# A calendar link's token is shown only to its owner, when they make it on their profile page; an overlap is found
# by the synergy finder; an import is made on its own pages, where every row is checked.
NOT_ADDED_IN_ADMIN = {CalendarFeed, Overlap, ImportBatch, ImportedItem}
REGISTERED = sorted((model for model in admin.site._registry if is_domain_app(model)), key=lambda m: m._meta.label)


def study_visit(**kwargs):
    # A random kind may be an outgoing trip, which the default direction (incoming) breaks.
    return baker.make(Visit, kind=VisitKind.STUDY, **kwargs)


def position_paper():
    # Exactly one subject: a city relation, a membership or the project work.
    return baker.make(PositionPaper, city_relation=baker.make(CityRelation))


def country_classification():
    # The migrations classify many countries already; a random one may be among them.
    classified = set(CountryClassification.objects.values_list("country", flat=True))
    free = next(code for code, _name in countries if code not in classified)
    return baker.make(CountryClassification, country=free)


def imported_item():
    # The item points at a real row (here its own import): a random key could be out of an integer column's range.
    batch = baker.make(ImportBatch)
    content_type = ContentType.objects.get_for_model(ImportBatch)
    return baker.make(ImportedItem, batch=batch, content_type=content_type, object_id=batch.pk, history_id=1)


def action_plan():
    return baker.make(ActionPlan, city_relation=baker.make(CityRelation))


# Models whose constraints baker's random values would break, with how to build a valid instance.
MAKERS = {
    MembershipFee: lambda: baker.make(MembershipFee, amount=Decimal("12500.00"), year=2025),
    SustainableDevelopmentGoal: lambda: baker.make(
        SustainableDevelopmentGoal, number=SustainableDevelopmentGoal.objects.count() + 1
    ),
    RoleAssignment: lambda: baker.make(RoleAssignment, role=Role.OFFICIAL, unit=baker.make(Unit)),
    ProviderGroupRole: lambda: baker.make(ProviderGroupRole, role=Role.OFFICIAL, unit=baker.make(Unit)),
    Visit: study_visit,
    VisitHost: lambda: baker.make(VisitHost, visit=study_visit()),
    DelegationMember: lambda: baker.make(DelegationMember, visit=study_visit()),
    Gift: lambda: baker.make(Gift, visit=study_visit()),
    PositionPaper: position_paper,
    PositionPaperVersion: lambda: baker.make(PositionPaperVersion, paper=position_paper()),
    ActionPlan: action_plan,
    ActionPlanActivity: lambda: baker.make(ActionPlanActivity, plan=action_plan(), responsible_actor="Högskolan"),
    Evaluation: lambda: baker.make(Evaluation, city_relation=baker.make(CityRelation)),
    CountryClassification: country_classification,
    ImportedItem: imported_item,
    Municipality: lambda: get_municipality() or baker.make(Municipality),  # one per installation
}


def make(model):
    maker = MAKERS.get(model)
    return maker() if maker else baker.make(model)


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def kronor(db):
    """The default currency of memberships, projects and visits."""
    return Currency.objects.create(code="SEK", name_sv="svensk krona", name_en="Swedish krona")


def test_every_domain_model_is_registered_with_history():
    missing = {model._meta.label for model in domain_models()} - {model._meta.label for model in REGISTERED}
    assert not missing, f"Not registered in the admin: {sorted(missing)}"
    plain = [
        model._meta.label for model in REGISTERED if not isinstance(admin.site._registry[model], SimpleHistoryAdmin)
    ]
    assert not plain, f"Registered without a history view: {plain}"


@pytest.mark.django_db
@pytest.mark.usefixtures("kronor")
@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_admin_pages_open(admin_client, model):
    obj = make(model)
    for url in (
        admin_url(model, "changelist"),
        admin_url(model, "change", quote(obj.pk)),
        admin_url(model, "history", quote(obj.pk)),
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
    adding = admin_client.get(admin_url(model, "add"))
    assert adding.status_code == (403 if model in NOT_ADDED_IN_ADMIN else 200)


@pytest.mark.django_db
@pytest.mark.usefixtures("kronor")
@pytest.mark.parametrize(
    # An installation has one municipality, so its list never grows.
    "model",
    [model for model in REGISTERED if model is not Municipality],
    ids=lambda model: model._meta.label,
)
def test_changelist_queries_do_not_grow_with_rows(admin_client, model):
    url = admin_url(model, "changelist")
    make(model)
    admin_client.get(url)  # warm the caches
    with CaptureQueriesContext(connection) as one_row:
        admin_client.get(url)
    make(model)
    make(model)
    with CaptureQueriesContext(connection) as three_rows:
        response = admin_client.get(url)
    assert response.context["cl"].result_count >= 3
    assert len(three_rows) == len(one_row), [query["sql"] for query in three_rows.captured_queries]


@pytest.mark.django_db
@pytest.mark.usefixtures("kronor")
@pytest.mark.parametrize(
    ("main", "valid"), [((False, False), False), ((True, True), False), ((True, False), True)], ids=str
)
def test_visit_with_several_hosts_has_one_main_host(main, valid):
    visit = study_visit()
    units = baker.make(Unit, _quantity=2)
    HostFormSet = inlineformset_factory(Visit, VisitHost, formset=VisitHostFormSet, fields=("unit", "is_main"))
    data = {"hosts-TOTAL_FORMS": "2", "hosts-INITIAL_FORMS": "0"}
    for index, (unit, is_main) in enumerate(zip(units, main, strict=True)):
        data[f"hosts-{index}-unit"] = unit.pk
        if is_main:
            data[f"hosts-{index}-is_main"] = "on"
    formset = HostFormSet(data, instance=visit, prefix="hosts")
    assert formset.is_valid() is valid, formset.errors
    if not valid:
        assert formset.non_form_errors()


@pytest.mark.django_db
def test_notice_added_in_admin_gets_its_number(admin_client):
    unit = baker.make(Unit)
    data = {
        "area": Area.PROJECTS,
        "unit": unit.pk,
        "summary": "Ansökan till Interreg",
        "state": NoticeState.SUBMITTED,
        "created_at_0": "2026-03-02",
        "created_at_1": "10:00",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
    }
    response = admin_client.post(admin_url(Notice, "add"), data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    notice = Notice.objects.get()
    assert notice.number == "2026-001"
    assert notice.history.get().history_user.username == "admin"
