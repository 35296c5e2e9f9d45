"""The background task that builds a report; the database backend's worker (`manage.py db_worker`) runs it."""

from django_tasks import task

from .services import run_build


@task()
def build_report_task(build_id: int) -> None:
    run_build(build_id)
