"""The page cache of the public annual-report pages (gongkai.serving.pagecache,
docs/deployment.md).

| page | scopes |
|---|---|
| ``/org/<code>/annual-report/<year>/`` (any ``?v=``), its .docx and .xlsx,
  ``/api/v1/organisations/<code>/annual-reports/<year>`` | ``annual_report:<code>:<year>`` |
| ``/api/v1/organisations/<code>/annual-reports`` | ``annual_reports:<code>`` |

These pages show only the published versions (``ReportVersion``), so a version published (or
imported) bumps the report's pages, the organisation's list and the catalog item page of the
report (its note counts the versions). Without this the pages would fall under the catalog's
``org:<code>`` and ``site`` scopes, which the report's catalog item also bumps, but so does
every other publication of the organisation. Drafts, checks and reviews are staff pages only.
"""

from __future__ import annotations

import re

_PAGE = re.compile(r"^/org/(?P<code>[^/]+)/annual-report/(?P<year>[0-9]{1,9})(?:/|\.docx|\.xlsx)$")
_API = re.compile(
    r"^/api/v1/organisations/(?P<code>[^/]+)/annual-reports(?:/(?P<year>[0-9]{1,9}))?$"
)


def report_page(code, year) -> str:
    return f"annual_report:{code}:{year}"


def org_list(code) -> str:
    return f"annual_reports:{code}"


def page_scopes(path: str) -> list[str] | None:
    m = _PAGE.match(path) or _API.match(path)
    if m is None:
        return None  # the organisation's other pages: the catalog's scopes
    return [report_page(m["code"], int(m["year"]))] if m["year"] else [org_list(m["code"])]


def version_scopes(v, old=None) -> list[str]:
    from gongkai.serving import pagecache

    report = v.report
    code = report.organisation.code
    scopes = [report_page(code, report.year), org_list(code)]
    if report.item_id:
        scopes.append(pagecache.item_scope(report.item_id))
    return scopes


def register() -> None:
    from gongkai.serving import pagecache

    from .models import ReportVersion

    pagecache.register("/org/", page_scopes)
    pagecache.register("/api/v1/organisations/", page_scopes)
    pagecache.watch(ReportVersion, version_scopes)
