import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from cooperation.cities.models import CityRelation
from cooperation.organisation.models import Municipality, RoleAssignment, User, get_municipality
from cooperation.portal.demo import DEMO_ACCOUNTS, SEEDED_MODELS
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
    call_command("seed_demo", "--municipality", "goteborg", "--size", "small")
    first = snapshot()
    call_command("seed_demo", "--municipality", "goteborg", "--size", "small")
    assert snapshot() == first
    assert Project.objects.count() == 120
    assert Visit.objects.count() == 240
    output = capsys.readouterr().out
    assert "handlaggare" in output


def test_one_demo_account_per_role():
    call_command("seed_demo", "--municipality", "jonkoping", "--size", "small")
    roles = set(RoleAssignment.objects.values_list("role", flat=True))
    assert roles == {role for _u, _f, _l, role, _unit in DEMO_ACCOUNTS}
    user = User.objects.get(username="handlaggare")
    assert user.check_password("demo")
    assert user.units().get().municipality.slug == "jonkoping"


def test_seeded_data_obeys_the_model_rules():
    call_command("seed_demo", "--municipality", "vanersborg", "--size", "small")
    for model in SEEDED_MODELS:
        for obj in model.objects.all()[:60]:
            obj.full_clean()


def test_every_seeded_register_has_rows():
    call_command("seed_demo", "--municipality", "molndal", "--size", "small")
    empty = [model.__name__ for model in SEEDED_MODELS if not model.objects.exists()]
    assert empty == []
    assert apps.get_model("cities", "CityRelation").objects.filter(kind="partner_city").count() == 6


def test_only_the_demo_administrator_uses_the_admin(client):
    call_command("seed_demo", "--municipality", "goteborg", "--size", "small")
    assert list(User.objects.filter(is_staff=True).values_list("username", flat=True)) == ["admin"]
    client.force_login(User.objects.get(username="samordnare"))
    assert client.get("/admin/visits/delegationmember/").status_code == 302
    client.force_login(User.objects.get(username="admin"))
    assert client.get("/admin/visits/delegationmember/").status_code == 200


def test_seed_demo_refuses_another_municipality_and_replace_switches(capsys):
    call_command("seed_demo", "--municipality", "goteborg", "--size", "small")
    before = snapshot()
    with pytest.raises(CommandError) as refusal:
        call_command("seed_demo", "--municipality", "jonkoping", "--size", "small")
    assert "har portföljen för Göteborgs Stad" in str(refusal.value)
    assert "seed_demo --municipality jonkoping --replace" in str(refusal.value)
    assert snapshot() == before
    assert list(Municipality.objects.values_list("slug", flat=True)) == ["goteborg"]

    call_command("seed_demo", "--municipality", "jonkoping", "--size", "small", "--replace", "--no-input")
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
    call_command("seed_demo", "--municipality", "jonkoping", "--size", "small", "--replace")
    assert "Detta tar bort all data för Göteborgs Stad" in questions[0]
    assert "Avbrutet; inget har ändrats." in capsys.readouterr().out
    assert snapshot() == before
    assert get_municipality().slug == "goteborg"
