"""Carry each project's budget over to a finance row: its external funding granted and own contributions become one
row for its funding source and programme, in the year the project starts (or, without a start date, the year of its
decision). A project with none of these amounts, or with neither date, gets no row: its budget fields still hold
what it had. A project that already has a row for that year and source is left as it is, so the step can run again.

The project's own budget fields stay as they are; the rows are checked against them (never more than the totals).
Each row gets one history row saying where it came from. Reversed, the rows this step made are deleted again where
nobody has changed them since (their only history row is this step's)."""

from django.db import migrations
from django.utils import timezone

REASON = "Överförd från projektets budget"
AMOUNTS = ("external_funding", "own_contribution_cash", "own_contribution_in_kind")


def finance_year(project):
    """The year a project's budget is booked on: its start, else its decision's year; None without either."""
    if project.start_date is not None:
        return project.start_date.year
    if project.decision_id is not None:
        return project.decision.date.year
    return None


def finance_row(ProjectFinance, project):
    """The finance row carrying `project`'s budget over, or None where there is nothing to carry."""
    year = finance_year(project)
    if year is None or all(getattr(project, name) is None for name in AMOUNTS):
        return None
    return ProjectFinance(
        project_id=project.pk,
        year=year,
        source_id=project.funding_source_id,
        programme_id=project.programme_id,
        granted=project.external_funding,
        own_contribution_cash=project.own_contribution_cash,
        own_contribution_in_kind=project.own_contribution_in_kind,
    )


def forwards(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    ProjectFinance = apps.get_model("projects", "ProjectFinance")
    HistoricalProjectFinance = apps.get_model("projects", "HistoricalProjectFinance")
    present = set(ProjectFinance.objects.values_list("project_id", "year", "source_id"))
    projects = Project.objects.select_related("decision").order_by("pk")
    rows = [row for row in (finance_row(ProjectFinance, p) for p in projects.iterator(chunk_size=2000)) if row]
    rows = [row for row in rows if (row.project_id, row.year, row.source_id) not in present]
    now = timezone.now()
    for start in range(0, len(rows), 2000):
        created = ProjectFinance.objects.bulk_create(rows[start : start + 2000])
        if not all(row.pk for row in created):  # a database that returns no keys from a bulk insert
            keys = {(r.project_id, r.year, r.source_id): r.pk for r in ProjectFinance.objects.all()}
            for row in created:
                row.pk = keys[(row.project_id, row.year, row.source_id)]
        HistoricalProjectFinance.objects.bulk_create(
            [
                HistoricalProjectFinance(
                    id=row.pk,
                    **{f.attname: getattr(row, f.attname) for f in ProjectFinance._meta.concrete_fields if f.name != "id"},
                    history_date=now,
                    history_type="+",
                    history_change_reason=REASON,
                )
                for row in created
            ]
        )


def backwards(apps, schema_editor):
    ProjectFinance = apps.get_model("projects", "ProjectFinance")
    HistoricalProjectFinance = apps.get_model("projects", "HistoricalProjectFinance")
    made = set(HistoricalProjectFinance.objects.filter(history_change_reason=REASON).values_list("id", flat=True))
    changed = set(
        HistoricalProjectFinance.objects.filter(id__in=made)
        .exclude(history_change_reason=REASON)
        .values_list("id", flat=True)
    )
    ProjectFinance.objects.filter(pk__in=made - changed).delete()
    HistoricalProjectFinance.objects.filter(id__in=made - changed).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0004_project_finance_per_year'),
        ('organisation', '0004_one_municipality_per_installation'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
