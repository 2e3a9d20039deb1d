"""The one task of the queue: run a job (django-tasks; the backend is settings.TASKS)."""

from django_tasks import task


@task()
def run_job(job_id: int) -> str:
    from .actions import run

    return run(job_id)
