"""Who may open the annual follow-up's pages: the reports' rows of the permission matrix (tests/test_permissions.py)."""

import datetime

from django.core.files.base import ContentFile

from cooperation.reports.models import FollowUp, ReportBuild, ReportVersion, UnitReport
from tests.permissions import everyone, only


def objects(org) -> dict:
    """The follow-up of 2025 with unit A's task, a compiled version, its build, and committee A."""
    follow_up = FollowUp.objects.create(year=2025, deadline=datetime.date(2026, 2, 15))
    task = UnitReport.objects.create(follow_up=follow_up, unit=org.unit_a)
    version = ReportVersion.objects.create(
        follow_up=follow_up,
        number=1,
        pdf=ContentFile(b"%PDF-1.7", name="r.pdf"),
        xlsx=ContentFile(b"PK", name="r.xlsx"),
        docx=ContentFile(b"PK", name="r.docx"),
        sha256="0" * 64,
    )
    build = ReportBuild.objects.create(follow_up=follow_up, state="done", progress=100, result=version)
    return {
        "follow_up": follow_up,
        "unit_task": task,
        "report_version": version,
        "report_build": build,
        "report_committee": org.committee_a,
    }


COORDINATORS = ("coordinator", "administrator")
MATRIX = {
    "reports:followup_list": ([], everyone()),
    "reports:followup_add": ([], only(*COORDINATORS)),
    "reports:followup_detail": (["follow_up"], everyone()),
    "reports:assessment_edit": (["follow_up"], only(*COORDINATORS)),
    # coordinators compile; KS may produce the report afresh before recording its receipt
    "reports:followup_compile": (["follow_up"], only("ks_user", *COORDINATORS)),
    # KS records receipt (an administrator may act for it); the coordinator who compiled may not
    "reports:followup_receipt": (["follow_up"], only("ks_user", "administrator")),
    # committee A's report: its unit's official, or a coordinator
    "reports:committee_report": (["follow_up", "report_committee"], only("official_a", *COORDINATORS)),
    "reports:unitreport_detail": (["unit_task"], only("official_a", *COORDINATORS)),
    "reports:reportbuild_detail": (["report_build"], everyone()),
    "reports:version_pdf": (["report_version"], everyone()),
    "reports:version_xlsx": (["report_version"], everyone()),
    "reports:version_docx": (["report_version"], everyone()),
}
