"""/api/v1/proposals: published replies in full (no contacts; masked text)."""

from __future__ import annotations

from django.urls import reverse

from gongkai.portal.api import _abs, _json, api_view, error, org_ref, paged
from gongkai.portal.params import clean_int, clean_org, clean_paging
from gongkai.portal.queries import paginate
from gongkai.rules import dates

from .models import Proposal


def summary_of(request, p: Proposal) -> dict:
    return {
        "id": p.pk,
        "year": p.year,
        "session": p.session,
        "kind": p.kind,
        "kind_label": p.kind_label,
        "number": p.number_label,
        "title": p.title,
        "lead": org_ref(request, p.lead),
        "result_code": p.result_code,
        "result_label": p.result_label(),
        "signed_on": dates.iso(p.signed_on),
        "published_on": dates.iso(p.published_on),
        "url": _abs(request, p.get_absolute_url()),
        "api_url": _abs(request, reverse("proposals:api_detail", args=[p.pk])),
    }


@api_view
def proposal_list(request):
    year = clean_int(request.GET.get("year"), "year", 1990, 2100, None)
    org = clean_org(request.GET.get("org"))
    page, per_page = clean_paging(request.GET)
    qs = Proposal.objects.filter(status=Proposal.PUBLISHED).select_related("lead")
    if year:
        qs = qs.filter(year=year)
    if org is not None:
        qs = qs.filter(lead_id__in=org.descendant_ids())
    page_of = paginate(qs.order_by("-published_on", "pk"), page, per_page)
    return _json(paged(page_of, [summary_of(request, p) for p in page_of.items]))


@api_view
def proposal_detail(request, pk):
    p = Proposal.objects.filter(pk=pk, status=Proposal.PUBLISHED).select_related("lead").first()
    if p is None:
        return error("not_found", "未找到该答复（或未公开）。", 404)
    data = summary_of(request, p)
    data["reply_text"] = p.public_text
    data["co_units"] = [o.name for o in p.co_units.all()]
    return _json(data)


def openapi_paths():
    from gongkai.portal.openapi import (
        BAD,
        DATE,
        INT,
        NOT_FOUND,
        PAGING,
        STR,
        _get,
        _list_of,
        _obj,
        _param,
        _ref,
    )

    summary = _obj(
        {
            "id": INT, "year": INT, "session": STR, "kind": STR, "kind_label": STR, "number": STR,
            "title": STR, "lead": _ref("OrgRef"), "result_code": STR, "result_label": STR,
            "signed_on": DATE, "published_on": DATE, "url": STR, "api_url": STR,
        }
    )  # fmt: skip
    detail = {
        "allOf": [
            _ref("ProposalSummary"),
            _obj({"reply_text": STR, "co_units": {"type": "array", "items": STR}}),
        ]
    }
    paths = {
        "/api/v1/proposals": _get(
            "已公开的建议提案答复",
            [
                _param("year", "年度", {"type": "integer", "minimum": 1990, "maximum": 2100}),
                _param("org", "承办单位机构代码（含下级）", STR),
            ]
            + PAGING,
            "ProposalList",
            BAD,
            "listProposals",
        ),  # fmt: skip
        "/api/v1/proposals/{id}": _get(
            "一件建议提案的答复全文",
            [_param("id", "编号", INT, True, "path")],
            "ProposalDetail",
            NOT_FOUND,
            "getProposal",
        ),
    }
    return paths, {
        "ProposalSummary": summary,
        "ProposalDetail": detail,
        "ProposalList": _list_of("ProposalSummary"),
    }
