"""export_portfolio → import_portfolio gives back every row exactly, and loading a dump makes no history of its own."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command

from cooperation.networks.models import Membership
from cooperation.organisation.models import User
from cooperation.projects.models import Project
from cooperation.visits.models import DelegationMember, Visit

pytestmark = pytest.mark.django_db(transaction=True)  # flush empties the database between export and import


def seeded_and_edited():
    """The small demo portfolio, with edits by a user so that items have several history rows of every kind."""
    call_command("seed_demo", "--size", "small", "--allow-demo-accounts", stdout=StringIO())
    user = User.objects.get(username="samordnare")
    for project in Project.objects.order_by("pk")[:40]:
        project._history_user = user
        project.title = f"{project.title} (reviderad)"
        project.save()
        project.goals.set(project.goals.all()[:1])  # a many-to-many change: its own history row and m2m rows
    for visit in Visit.objects.order_by("pk")[:40]:
        visit.purpose = "Ändrat syfte"
        visit.save()
        visit.purpose = "Ändrat syfte igen"
        visit.save()
    for membership in Membership.objects.all():
        membership.save()
    for member in DelegationMember.objects.order_by("pk")[:10]:
        member.delete()
    # The admin log and a permission point to content types, which the file names by natural key.
    user.user_permissions.add(Permission.objects.get(codename="view_project"))
    for project in Project.objects.order_by("pk")[:3]:
        LogEntry.objects.log_actions(user.pk, [project], CHANGE, change_message='[{"changed": {"fields": ["Titel"]}}]')


# migrate creates these with ids of its own; the file names them by their natural keys, so they are compared so.
NATURAL = {
    ContentType: ["app_label", "model"],
    Permission: ["codename", "content_type__app_label", "content_type__model"],
}


def columns(model) -> list[str]:
    """The values that make a row: ids of content types and permissions by natural key; a many-to-many table's
    rows without their surrogate id, which nothing reads."""
    names = []
    for field in model._meta.concrete_fields:
        if field.primary_key and (model._meta.auto_created or model in NATURAL):
            continue
        target = field.related_model if field.is_relation else None
        names += [f"{field.name}__{key}" for key in NATURAL[target]] if target in NATURAL else [field.attname]
    return names


def every_row() -> dict[str, list[tuple]]:
    """Every table's rows as values."""
    return {
        model._meta.db_table: sorted(model._base_manager.values_list(*columns(model)), key=repr)
        for model in apps.get_models(include_auto_created=True)
    }


def test_export_and_import_give_back_every_row_and_every_history_row(tmp_path):
    seeded_and_edited()
    before = every_row()
    assert max(Project.history.filter(id=pk).count() for pk in Project.objects.values_list("pk", flat=True)) >= 3
    assert DelegationMember.history.filter(history_type="-").count() == 10
    dump = tmp_path / "portfolio.xml.gz"
    call_command("export_portfolio", str(dump), stdout=StringIO())
    call_command("flush", interactive=False, verbosity=0)
    assert not Project.history.exists()
    call_command("import_portfolio", str(dump), verbosity=0, stdout=StringIO())
    after = every_row()
    assert {table: len(rows) for table, rows in after.items()} == {table: len(rows) for table, rows in before.items()}
    assert [table for table in before if after[table] != before[table]] == []


def test_loading_a_json_dump_adds_no_history(tmp_path):
    """Django's own commands as its documentation gives them; JSON keeps only milliseconds, so rows are counted."""
    seeded_and_edited()
    before = {table: len(rows) for table, rows in every_row().items()}
    dump = tmp_path / "dump.json"
    call_command(
        "dumpdata",
        use_natural_foreign_keys=True,
        exclude=["contenttypes", "auth.permission"],
        output=str(dump),
        verbosity=0,
    )
    call_command("flush", interactive=False, verbosity=0)
    call_command("loaddata", str(dump), verbosity=0)
    assert {table: len(rows) for table, rows in every_row().items()} == before


def test_import_refuses_a_database_that_holds_data(tmp_path):
    call_command("seed_demo", "--size", "small", "--allow-demo-accounts", stdout=StringIO())
    dump = tmp_path / "portfolio.xml"
    call_command("export_portfolio", str(dump), stdout=StringIO())
    history = Project.history.count()
    with pytest.raises(CommandError, match="Databasen innehåller redan data"):
        call_command("import_portfolio", str(dump))
    assert Project.history.count() == history
