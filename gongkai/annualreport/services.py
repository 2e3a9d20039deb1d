"""Read side of the annual report: the year's figures from the other apps, last year's report,
the checks, the filing board. Other apps are read through their public querysets and services
(applications.services.statistics, catalog Item, remedies.services), never written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, Sum

from gongkai.orgs.models import Organisation
from gongkai.rules.annualreport import checks as C
from gongkai.rules.annualreport import tables as T

from .models import AnnualReport, ReportVersion

STAFF_DECISIONS = [code for code, _ in T.DECISION_ROWS]


def similarity_threshold() -> float:
    return float(getattr(settings, "GONGKAI_ANNUALREPORT_SIMILARITY", C.DEFAULT_SIMILARITY))


def deadline(org: Organisation, year: int, kind: str = "own") -> dt.date:
    """31 January of the next year for a department, 31 March for a government's summary."""
    if kind == "summary":
        return dt.date(year + 1, 3, 31)
    return dt.date(year + 1, 1, 31)


# -- figures from the other apps ---------------------------------------------------------------
def _period(year):
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def application_table(org_ids, year: int) -> dict:
    from gongkai.applications.models import Application
    from gongkai.applications.services import statistics

    start, end = _period(year)
    st = statistics(Application.objects.filter(organisation_id__in=list(org_ids)), start, end)
    return T.from_outcomes_table(st.table)


def fees_collected(org_ids, year: int) -> int:
    """信息处理费 actually paid in the year (元), from the applications' fee notices."""
    from gongkai.applications.models import FeeNotice

    total = FeeNotice.objects.filter(
        application__organisation_id__in=list(org_ids), paid_on__year=year
    ).aggregate(s=Sum("amount"))["s"]
    return int(total or 0)


def document_counts(org_ids, year: int) -> dict[str, dict[str, int]]:
    """规章 and 行政规范性文件 issued by the organisations (catalog validity data).

    本年制发: 成文日期 (else publication date) in the year; 本年废止: repealed or expired with the
    change in the year; 现行有效: issued by 31 December and not repealed/expired by then
    (an amended document stays in force in its amended form)."""
    from gongkai.catalog.models import Item

    start, end = _period(year)
    out = {}
    for kind in ("regulation", "normative"):
        issued_in = abolished_in = in_force = 0
        qs = Item.objects.filter(
            Q(organisation_id__in=list(org_ids)) | Q(issuers__in=list(org_ids)),
            kind=kind,
            state=Item.STATE_PUBLISHED,
        ).distinct()
        for signed, published, validity, changed, expires in qs.values_list(
            "signed_on", "published_at", "validity", "validity_changed_on", "expires_on"
        ):
            issued = signed or (published.date() if published else None)
            if issued is None or issued > end:
                continue
            gone = None
            if validity in ("repealed", "expired"):
                gone = changed or expires or issued
            if start <= issued <= end:
                issued_in += 1
            if gone is not None and start <= gone <= end:
                abolished_in += 1
            if gone is None or gone > end:
                in_force += 1
        out[kind] = {"issued": issued_in, "repealed": abolished_in, "in_force": in_force}
    return out


def _guarded(fn, org_ids, year: int):
    """A figure from an app that may not exist yet (None when absent or failing)."""
    try:
        return int(fn(set(org_ids), year))
    except (ImportError, AttributeError, LookupError):
        return None
    except Exception:  # noqa: BLE001 - another app's figure must never break the report
        import logging

        logging.getLogger(__name__).exception("annual report figure %s failed", fn.__name__)
        return None


def _press_conferences(org_ids, year):
    from gongkai.responses.queries import press_conference_count

    return press_conference_count(org_ids, year)


def _consultations(org_ids, year):
    """Public consultations (意见征集) opened in the year, from their public queryset."""
    from gongkai.consultations.models import Consultation

    return (
        Consultation.objects.public()
        .filter(organisation_id__in=org_ids, opens_on__year=year)
        .count()
    )


def _messages_answered(org_ids, year):
    """Messages (政民互动) answered in the year, from the interaction app's monthly figures."""
    from gongkai.interaction.stats import monthly, total

    return total(monthly(org_ids, year)).answered


def extra_figures(org_ids, year: int) -> dict:
    from gongkai.catalog.models import Item

    start, end = _period(year)
    public = Item.objects.public().filter(
        organisation_id__in=list(org_ids),
        published_at__date__gte=start,
        published_at__date__lte=end,
    )
    extra = {
        "items_published": public.count(),
        "interpretations": public.filter(kind="interpretation").count(),
        "fees_collected": fees_collected(org_ids, year),
    }
    for key, fn in (
        ("press_conferences", _press_conferences),
        ("consultations", _consultations),
        ("messages_answered", _messages_answered),
    ):
        value = _guarded(fn, org_ids, year)
        if value is not None:
            extra[key] = value
    return extra


def own_figures(org: Organisation, year: int, staff: dict | None = None) -> dict:
    """An organisation's own figures for the year (its own applications, documents, cases)."""
    from gongkai.remedies.services import table_four

    ids = [org.pk]
    staff = staff or {}
    docs = document_counts(ids, year)
    for code in ("regulation", "normative"):  # staff may correct what the catalog lacks
        for k, v in (staff.get(code) or {}).items():
            if v not in (None, ""):
                docs[code][k] = int(v)
    return {
        "table2": T.table_two(docs, staff, staff.get("fees", 0)),
        "table3": application_table(ids, year),
        "table4": table_four(ids, year),
        "extra": extra_figures(ids, year),
    }


# -- the city summary -------------------------------------------------------------------------
def summary_members(org: Organisation, parts) -> list[Organisation]:
    members = []
    if "departments" in parts:
        members += list(
            Organisation.objects.filter(parent=org).exclude(
                level__in=Organisation.GOVERNMENT_LEVELS
            )
        )
    if "lower" in parts:
        members += list(
            Organisation.objects.filter(parent=org, level__in=Organisation.GOVERNMENT_LEVELS)
        )
    return members


def summary_figures(org: Organisation, year: int, parts, staff=None) -> tuple[dict, list[dict]]:
    """The summary from the filed (published) reports of the chosen members, plus the
    government's own figures when 本级政府 is chosen; and the list of sources used or missing."""
    figures, sources = [], []
    if "self" in parts:
        figures.append(own_figures(org, year, staff))
        sources.append({"org": org.name, "code": org.code, "part": "本级政府", "filed": True})
    for member in summary_members(org, parts):
        version = current_version(member, year)
        part = "下级政府" if member.level in Organisation.GOVERNMENT_LEVELS else "政府部门"
        sources.append(
            {"org": member.name, "code": member.code, "part": part, "filed": version is not None}
        )
        if version is not None:
            figures.append(version.figures)
    total = T.add(figures)
    if "self" not in parts:
        total["table2"] = T.table_two(
            {c: total["table2"][c] for c in ("regulation", "normative")},
            staff or {},
            (staff or {}).get("fees", 0),
        )
    return total, sources


# -- versions and last year -------------------------------------------------------------------
def current_version(org, year: int) -> ReportVersion | None:
    return (
        ReportVersion.objects.filter(report__organisation=org, report__year=year)
        .order_by("-number")
        .first()
    )


@dataclass
class Previous:
    figures: dict
    text: str


def previous(report: AnnualReport) -> Previous | None:
    v = current_version(report.organisation, report.year - 1)
    if v is None:
        return None
    return Previous(v.figures, "\n".join(v.texts.get(k, "") for k in ("一", "五", "六")))


def run_checks(report: AnnualReport) -> list[C.Check]:
    prev = previous(report)
    return C.run(
        report.figures,
        report.texts(),
        prev.figures if prev else None,
        prev.text if prev else None,
        similarity_threshold(),
    )


# -- the filing board -------------------------------------------------------------------------
@dataclass
class BoardRow:
    organisation: Organisation
    report: AnnualReport | None
    deadline: dt.date
    published_on: dt.date | None
    status: str  # zh
    late: bool


def board(city: Organisation, year: int, on: dt.date) -> list[BoardRow]:
    from gongkai.rules.dates import local

    orgs = [city] + list(
        Organisation.objects.filter(city=city).exclude(pk=city.pk).order_by("level", "sort_order")
    )
    reports = {
        r.organisation_id: r
        for r in AnnualReport.objects.filter(organisation__in=orgs, year=year).select_related(
            "organisation"
        )
    }
    first_pub = {}
    for rid, at in ReportVersion.objects.filter(report__in=reports.values(), number=1).values_list(
        "report__organisation_id", "published_at"
    ):
        first_pub[rid] = local(at).date()
    rows = []
    for org in orgs:
        r = reports.get(org.pk)
        government = org.level in Organisation.GOVERNMENT_LEVELS
        kind = r.kind if r else ("summary" if government else "own")
        due = deadline(org, year, kind)
        pub = first_pub.get(org.pk)
        if pub:
            late = pub > due
            status = "逾期发布" if late else "按时发布"
        else:
            late = on > due
            status = (r.get_state_display() if r else "未起草") + ("（已逾期）" if late else "")
        rows.append(BoardRow(org, r, due, pub, status, late))
    return rows
