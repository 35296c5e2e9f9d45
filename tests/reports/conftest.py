"""The follow-up's tests run builds at once (the immediate backend: a test's transaction is never committed, so a
worker in another process could not see it) with small fakes for the report's content and files; one test runs the
real database backend's worker."""

import datetime

import pytest

from cooperation.projects.models import FundingSource, Project
from cooperation.reports import content, render
from cooperation.reports.document import Report

from .portfolio import portfolio  # noqa: F401  (a known portfolio for the figures' tests)

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture
def fake_report(monkeypatch):
    """The content and renderers of the branches that write them, as small fakes; records the progress seen."""
    seen = []

    def build_report(year, *, body=None, follow_up=None, language="sv", progress=None):
        from cooperation.reports.models import ReportBuild

        for percent in (10, 50, 100):
            progress(percent, f"Steg {percent}")
            seen.append(ReportBuild.objects.values_list("progress", "step").latest("requested_at"))
        return Report(
            title=f"Uppföljning {year}", municipality="Teststad", year=year, language=language, subtitle=str(body or "")
        )

    monkeypatch.setattr(content, "build_report", build_report)
    monkeypatch.setattr(
        render, "render_pdf", lambda report, progress=None: f"%PDF-1.7 {report.title} {report.subtitle}".encode()
    )
    monkeypatch.setattr(render, "render_xlsx", lambda report: b"PK xlsx")
    monkeypatch.setattr(render, "render_docx", lambda report: b"PK docx")
    return seen


@pytest.fixture
def project_a(org):
    """Unit A's project, active in 2025, without decision or results."""
    return Project.objects.create(
        title="Fossilfria hamnar",
        owner=org.unit_a,
        funding_source=FundingSource.objects.get(code="eu"),
        start_date=datetime.date(2024, 3, 1),
        end_date=datetime.date(2026, 6, 30),
    )
