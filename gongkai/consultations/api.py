"""/api/v1/consultations: the public read API (paged like the rest; nothing personal)."""

from __future__ import annotations

from django.urls import reverse

from gongkai.portal.api import _abs, _json, api_view, error, org_ref, paged
from gongkai.portal.params import clean_choice, clean_org, clean_paging
from gongkai.portal.queries import paginate
from gongkai.rules import dates

from . import services
from .models import Consultation

STATUSES = {s: label for s, label in Consultation.STATUS_CHOICES if s in Consultation.PUBLIC_STATES}


def summary_of(request, c: Consultation) -> dict:
    figures = services.figures(c)
    return {
        "id": c.pk,
        "title": c.title,
        "organisation": org_ref(request, c.organisation),
        "doc_kind": c.doc_kind,
        "doc_kind_label": c.get_doc_kind_display(),
        "status": c.status,
        "status_label": c.get_status_display(),
        "opens_on": dates.iso(c.opens_on),
        "closes_on": dates.iso(c.closes_on),
        "minimum_days": c.minimum_days,
        "shorter_reason": c.shorter_reason
        if c.minimum_days
        and c.closes_on
        and c.opens_on
        and (c.closes_on - c.opens_on).days < c.minimum_days
        else "",
        "comment_count": figures["comments"],
        "participant_count": figures["participants"],
        "adopted_count": figures["adopted"] if c.status == Consultation.PUBLISHED else 0,
        "url": _abs(request, c.get_absolute_url()),
        "api_url": _abs(request, reverse("consultations:api_detail", args=[c.pk])),
    }


@api_view
def consultation_list(request):
    status = clean_choice(request.GET.get("status"), "status", STATUSES)
    org = clean_org(request.GET.get("org"))
    page, per_page = clean_paging(request.GET)
    qs = Consultation.objects.public().select_related("organisation")
    if status:
        qs = qs.filter(status=status)
    if org is not None:
        qs = qs.filter(organisation_id__in=org.descendant_ids())
    page_of = paginate(qs, page, per_page)
    return _json(paged(page_of, [summary_of(request, c) for c in page_of.items]))


@api_view
def consultation_detail(request, pk):
    c = Consultation.objects.public().select_related("organisation").filter(pk=pk).first()
    if c is None:
        return error("not_found", "未找到该征求意见。", 404)
    data = summary_of(request, c)
    figures = services.figures(c)
    published = c.status == Consultation.PUBLISHED
    data.update(
        {
            "explanation": c.explanation,
            "basis": c.basis,
            "channels": c.channels,
            "contact_unit": c.contact_unit,
            "articles": [
                {
                    "number": a.number,
                    "label": a.label,
                    "chapter": a.chapter,
                    "text": a.text,
                    "comment_count": figures["per_article"].get(a.pk, 0),
                }
                for a in c.articles.all()
            ],
            "dispositions": [
                {
                    "article": lead.article.label if lead.article_id else "",
                    "comment": lead.public_text if lead.consent else "",
                    "count": lead.group_size,
                    "disposition": lead.disposition,
                    "disposition_label": lead.get_disposition_display(),
                    "reason": lead.reason,
                    "final_article": lead.final_article,
                }
                for lead in services.leaders(c)
            ]
            if published
            else [],
            "feedback_url": _abs(request, reverse("consultations:feedback", args=[c.pk]))
            if published
            else None,
            "final_item_url": _abs(request, reverse("portal:item", args=[c.final_item_id]))
            if c.final_item_id and c.final_item.is_public
            else None,
        }
    )
    return _json(data)


def openapi_paths():
    from gongkai.portal.openapi import (
        BAD,
        DATE,
        INT,
        NOT_FOUND,
        NSTR,
        PAGING,
        STR,
        _get,
        _list_of,
        _obj,
        _param,
        _ref,
        _s,
    )

    summary = _obj(
        {
            "id": INT,
            "title": STR,
            "organisation": _ref("OrgRef"),
            "doc_kind": STR,
            "doc_kind_label": STR,
            "status": _s("string", enum=list(STATUSES)),
            "status_label": STR,
            "opens_on": DATE,
            "closes_on": DATE,
            "minimum_days": INT,
            "shorter_reason": STR,
            "comment_count": INT,
            "participant_count": INT,
            "adopted_count": INT,
            "url": STR,
            "api_url": STR,
        }
    )
    detail = {
        "allOf": [
            _ref("ConsultationSummary"),
            _obj(
                {
                    "explanation": STR,
                    "basis": STR,
                    "channels": {"type": "array", "items": STR},
                    "contact_unit": STR,
                    "articles": {
                        "type": "array",
                        "items": _obj(
                            {
                                "number": INT,
                                "label": STR,
                                "chapter": STR,
                                "text": STR,
                                "comment_count": INT,
                            }
                        ),
                    },
                    "dispositions": {
                        "type": "array",
                        "items": _obj(
                            {
                                "article": STR,
                                "comment": STR,
                                "count": INT,
                                "disposition": STR,
                                "disposition_label": STR,
                                "reason": STR,
                                "final_article": STR,
                            }
                        ),
                    },
                    "feedback_url": NSTR,
                    "final_item_url": NSTR,
                }
            ),
        ]
    }
    paths = {
        "/api/v1/consultations": _get(
            "征求意见列表（正在征求、已结束、已公布采纳情况）",
            [
                _param("status", "状态", _s("string", enum=list(STATUSES))),
                _param("org", "机构代码（含下级机构）", STR),
            ]
            + PAGING,
            "ConsultationList",
            BAD,
            "listConsultations",
        ),
        "/api/v1/consultations/{id}": _get(
            "一项征求意见（含条文与已公布的意见处理结果）",
            [_param("id", "征求意见编号", INT, True, "path")],
            "ConsultationDetail",
            NOT_FOUND,
            "getConsultation",
        ),
    }
    schemas = {
        "ConsultationSummary": summary,
        "ConsultationDetail": detail,
        "ConsultationList": _list_of("ConsultationSummary"),
    }
    return paths, schemas
