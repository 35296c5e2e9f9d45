"""Who may open which project page: the projects' rows of the permission matrix (tests/test_permissions.py)."""

import datetime

from cooperation.projects.models import FundingSource, Project
from tests.permissions import everyone, only


def objects(org) -> dict:
    """One project owned by unit A (official_a's unit)."""
    project = Project.objects.create(
        title="Fossilfria hamnar",
        owner=org.unit_a,
        funding_source=FundingSource.objects.get(code="eu"),
        start_date=datetime.date(2025, 1, 1),
    )
    return {"project": project}


EDITORS = ("official_a", "coordinator", "administrator")
MATRIX = {
    "projects:project_list": ([], everyone()),
    "projects:project_add": ([], only("official_a", "official_b", "coordinator", "administrator")),
    "projects:project_detail": (["project"], everyone()),
    "projects:project_edit": (["project"], only(*EDITORS)),
    "projects:project_end": (["project"], only(*EDITORS)),
    "projects:project_delete": (["project"], only("coordinator", "administrator")),
}
