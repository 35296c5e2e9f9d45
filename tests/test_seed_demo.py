import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from cooperation.cities.models import CityRelation
from cooperation.notices.models import Notice
from cooperation.organisation.models import Municipality, RoleAssignment, User, get_municipality
from cooperation.portal.demo import DEMO_ACCOUNTS, SEEDED_MODELS
from cooperation.portal.demo.base import non_democracies
from cooperation.portal.demo.notices import number_by_year
from cooperation.portal.management.commands.seed_demo import MUNICIPALITIES
from cooperation.projects.models import Project
from cooperation.visits.models import Visit

pytestmark = pytest.mark.django_db


def snapshot():
    """Every seeded register's rows, as plain values, so two runs can be compared."""
    return {
        model.__name__: sorted(model.objects.values_list(*[f.attname for f in model._meta.concrete_fields]))
        for model in SEEDED_MODELS
    }


def test_seed_demo_twice_gives_the_same_data_once(capsys):
    call_command("seed_demo", "--allow-demo-accounts", "--municipality", "goteborg", "--size", "small")
    first = snapshot()
    call_command("seed_demo", "--allow-demo-accounts", "--municipality", "goteborg", "--size", "small")
    assert snapshot() == first
    assert Project.objects.count() == 120
    assert Visit.objects.count() == 240
    output = capsys.readouterr().out
    assert "handlaggare" in output


def test_one_demo_account_per_role():
    call_command("seed_demo", "--allow-demo-accounts", "--municipality", "jonkoping", "--size", "small")
    roles = set(RoleAssignment.objects.values_list("role", flat=True))
    assert roles == {role for _u, _f, _l, role, _unit in DEMO_ACCOUNTS}
    user = User.objects.get(username="handlaggare")
    assert user.check_password("demo")
    assert user.units().get().municipality.slug == "jonkoping"


@pytest.mark.parametrize("slug", MUNICIPALITIES)
def test_every_demo_item_passes_the_rules_a_page_checks(slug):
    """What a user opens and saves through the pages must save unchanged: the seeded rows pass full_clean(), checked
    on up to 40 of each register spread over its rows (all of them take a minute per municipality)."""
    call_command("seed_demo", "--allow-demo-accounts", "--municipality", slug, "--size", "small")
    refused = []
    for model in SEEDED_MODELS:
        rows = list(model.objects.order_by("pk"))
        for obj in rows[:: max(1, len(rows) // 40)]:
            try:
                obj.full_clean()
            except ValidationError as error:
                refused.append(f"{model.__name__} {obj.pk} ({obj}): {error.message_dict}")
    assert refused == [], "\n".join(refused[:20])


def test_every_seeded_register_has_rows():
    call_command("seed_demo", "--allow-demo-accounts", "--municipality", "molndal", "--size", "small")
    empty = [model.__name__ for model in SEEDED_MODELS if not model.objects.exists()]
    assert empty == []
    assert apps.get_model("cities", "CityRelation").objects.filter(kind="partner_city").count() == 6


def test_only_the_demo_administrator_uses_the_admin(client):
    call_command("seed_demo", "--allow-demo-accounts", "--municipality", "goteborg", "--size", "small")
    assert list(User.objects.filter(is_staff=True).values_list("username", flat=True)) == ["admin"]
    client.force_login(User.objects.get(username="samordnare"))
    assert client.get("/admin/visits/delegationmember/").status_code == 302
    client.force_login(User.objects.get(username="admin"))
    assert client.get("/admin/visits/delegationmember/").status_code == 200


def test_seed_demo_refuses_another_municipality_and_replace_switches(capsys):
    call_command("seed_demo", "--allow-demo-accounts", "--municipality", "goteborg", "--size", "small")
    before = snapshot()
    with pytest.raises(CommandError) as refusal:
        call_command("seed_demo", "--allow-demo-accounts", "--municipality", "jonkoping", "--size", "small")
    assert "har portföljen för Göteborgs Stad" in str(refusal.value)
    assert "seed_demo --municipality jonkoping --replace" in str(refusal.value)
    assert snapshot() == before
    assert list(Municipality.objects.values_list("slug", flat=True)) == ["goteborg"]

    call_command(
        "seed_demo",
        "--allow-demo-accounts",
        "--municipality",
        "jonkoping",
        "--size",
        "small",
        "--replace",
        "--no-input",
    )
    assert get_municipality().slug == "jonkoping"
    assert Municipality.objects.count() == 1
    assert not CityRelation.objects.filter(city="Aarhus").exists()
    assert CityRelation.objects.filter(city="Kuopio").exists()
    assert Project.objects.count() == 120
    assert User.objects.get(username="handlaggare").units().get().municipality.slug == "jonkoping"
    assert "Göteborgs Stad och demodata borttagna." in capsys.readouterr().out


def test_replace_asks_before_it_deletes(monkeypatch, capsys):
    call_command("loaddata", "reference", "goteborg", verbosity=0)
    before = snapshot()
    questions = []
    monkeypatch.setattr("builtins.input", lambda question: questions.append(question) or "nej")
    call_command("seed_demo", "--allow-demo-accounts", "--municipality", "jonkoping", "--size", "small", "--replace")
    assert "Detta tar bort all data för Göteborgs Stad" in questions[0]
    assert "Avbrutet; inget har ändrats." in capsys.readouterr().out
    assert snapshot() == before
    assert get_municipality().slug == "goteborg"


def test_demo_notices_are_numbered_by_the_stockholm_year():
    """23:30 UTC on New Year's Eve is 00:30 on 1 January in Stockholm: the notice is the new year's first."""
    utc = datetime.UTC
    notices = [
        Notice(created_at=datetime.datetime(2025, 12, 31, 22, 30, tzinfo=utc)),
        Notice(created_at=datetime.datetime(2025, 12, 31, 23, 30, tzinfo=utc)),
        Notice(created_at=datetime.datetime(2026, 1, 2, 9, 0, tzinfo=utc)),
    ]
    number_by_year(notices)
    assert [n.number for n in notices] == ["2025-001", "2026-001", "2026-002"]


def test_lidkopings_demo_says_how_democracy_is_addressed_where_a_partner_country_is_not_a_democracy():
    call_command("seed_demo", "--allow-demo-accounts", "--municipality", "lidkoping", "--size", "small")
    undemocratic = non_democracies()  # the reference data's list
    decided = Project.objects.filter(partners__country__in=undemocratic, decision__isnull=False).distinct()
    assert decided.exists()
    assert not decided.filter(democracy_considerations="").exists()
    assert not Project.objects.exclude(partners__country__in=undemocratic).exclude(democracy_considerations="").exists()


def test_demo_accounts_are_refused_unless_debug_or_allowed(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError) as refusal:
        call_command("seed_demo", "--municipality", "goteborg", "--size", "small")
    assert "det kända lösenordet ”demo”" in str(refusal.value)
    assert "superanvändaren admin" in str(refusal.value)
    assert "--allow-demo-accounts" in str(refusal.value)
    assert not User.objects.exists()
    assert get_municipality() is None


def test_with_debug_on_the_demo_accounts_and_the_superuser_are_created(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--municipality", "goteborg", "--size", "small")
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("demo")
