"""Background tasks of the jobs app: expiry of offers and the BA Jobsuche import."""

from __future__ import annotations

from django.tasks import task


@task()
def offers_expire() -> int:
    """Mark published offers past their end date as expired (run daily)."""
    from wegweiser.jobs.services import offers_expire as expire

    return expire()


@task()
def ba_import(*, region: str, occupation_code: str = "", query: str = "") -> dict[str, int]:
    """Import one search of the BA Jobsuche (when BA_JOBSUCHE_ENABLED)."""
    from wegweiser.jobs.services import ba_import as run

    result = run(actor=None, region=region, occupation_code=occupation_code, query=query)
    return {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "vanished": result.vanished,
        "skipped": len(result.skipped),
    }
