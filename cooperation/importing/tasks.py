"""The background tasks of an import; the database backend's worker (`manage.py db_worker`) runs them."""

from django_tasks import task

from .services import run_check, run_import


@task()
def check_import(batch_id: int) -> None:
    run_check(batch_id)


@task()
def commit_import(batch_id: int) -> None:
    run_import(batch_id)
