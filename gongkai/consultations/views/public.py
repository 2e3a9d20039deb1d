"""Public pages: /consultations/ (open / closed / results), one consultation, its feedback."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from gongkai.core import publicforms
from gongkai.core.actors import check  # noqa: F401
from gongkai.core.errors import Invalid
from gongkai.core.files import response as file_response
from gongkai.orgs.models import Organisation
from gongkai.portal.params import ParamError, clean_choice, clean_paging
from gongkai.portal.queries import paginate

from .. import actions, documents, services
from ..models import Comment, Consultation

TABS = {"open": "正在征求意见", "closed": "已结束", "results": "已公布采纳情况"}


def _public(pk) -> Consultation:
    c = get_object_or_404(Consultation.objects.select_related("organisation"), pk=pk)
    if not c.is_public:
        raise Http404("未找到该征求意见。")
    return c


def _filter(qs, tab):
    if tab == "open":
        return qs.filter(status=Consultation.OPEN)
    if tab == "closed":
        return qs.filter(status=Consultation.CLOSED)
    if tab == "results":
        return qs.filter(status=Consultation.PUBLISHED)
    return qs


def _list(request, org=None):
    try:
        tab = clean_choice(request.GET.get("status"), "status", TABS, "")
        page, per_page = clean_paging(request.GET)
    except ParamError as err:
        return render(request, "portal/bad_request.html", {"message": err.message}, status=400)
    qs = Consultation.objects.public().select_related("organisation")
    if org is not None:
        qs = qs.filter(organisation_id__in=org.descendant_ids())
    page_of = paginate(_filter(qs, tab), page, per_page)
    for c in page_of.items:
        c.n_comments = services.comment_count(c)
    return render(
        request,
        "consultations/index.html",
        {"page_of": page_of, "tab": tab, "tabs": TABS, "org": org, "nav": "consultations"},
    )


@require_safe
def index(request):
    return _list(request)


@require_safe
def org_index(request, code):
    org = get_object_or_404(Organisation, code=code, is_active=True)
    return _list(request, org)


def _challenge(request) -> publicforms.Challenge:
    """A signed question (no session: the public page sets no cookie)."""
    return publicforms.Challenge.new()


def web_errors(errors) -> dict:
    """Templates cannot read ``__all__``: the form-wide message is ``all``."""
    return {("all" if k == "__all__" else k): v for k, v in (errors or {}).items()}


def _detail_context(request, c: Consultation, form=None, errors=None) -> dict:
    figures = services.figures(c)
    arts = list(c.articles.all())
    for a in arts:
        a.n_comments = figures["per_article"].get(a.pk, 0)
    form = form or {}
    if not form.get("article") and request.GET.get("article", "").isdigit():
        form["article"] = request.GET["article"]
    return {
        "c": c,
        "org": c.organisation,
        "period": services.period_of(c),
        "events": list(c.events.all()),
        "articles": arts,
        "whole_count": figures["per_article"].get(None, 0),
        "figures": figures,
        "versions": list(c.versions.all()),
        "form": form,
        "errors": web_errors(errors),
        "question": _challenge(request) if c.status == Consultation.OPEN else "",
        "days_left": services.days_left(c),
        "summary": services.summary(c) if c.status == Consultation.PUBLISHED else None,
        "final": c.final_item if c.final_item_id and c.final_item.is_public else None,
        "interpretations": services.interpretations(c),
        "nav": "consultations",
    }


@require_safe
def detail(request, pk):
    c = _public(pk)
    return render(request, "consultations/detail.html", _detail_context(request, c))


def rate_limit() -> str:
    count, seconds = getattr(settings, "GONGKAI_CONSULTATION_RATE_LIMIT", (10, 3600))
    return f"{int(count)}/{int(seconds)}s"


@require_POST
def comment(request, pk):
    c = _public(pk)
    form = {k: request.POST.get(k, "") for k in ("article", "name", "contact", "text", "consent")}
    errors = {}
    status = 400
    if publicforms.limited(request, "comment", rate_limit()):
        errors["all"] = "提交过于频繁，请稍后再试。您填写的内容仍保留在下方。"
        status = 429
    elif not publicforms.Challenge.check(
        request.POST.get("challenge_token", ""), request.POST.get("answer", "")
    ):
        errors["answer"] = "验证题答案不正确，请重新计算后提交。"
    else:
        try:
            actions.submit_comment(
                request.user,
                c,
                text=form["text"],
                contact=form["contact"],
                name=form["name"],
                consent=bool(form["consent"]),
                article=int(form["article"])
                if form["article"].isdecimal() and form["article"].isascii()
                else None,
            )
        except Invalid as exc:
            errors = exc.errors
        else:
            messages.success(request, "您的意见已提交，感谢参与。联系方式不会公开。")
            return redirect(c.get_absolute_url() + "#figures")
    ctx = _detail_context(request, c, form=form, errors=errors)
    return render(request, "consultations/detail.html", ctx, status=status)


@require_safe
def feedback(request, pk):
    c = _public(pk)
    if c.status != Consultation.PUBLISHED:
        raise Http404("采纳情况尚未公布。")
    leads = list(services.leaders(c))
    return render(
        request,
        "consultations/feedback.html",
        {
            "c": c,
            "org": c.organisation,
            "summary": services.summary(c),
            "leaders": leads,
            "figures": services.figures(c),
            "final": c.final_item if c.final_item_id and c.final_item.is_public else None,
            "changes": services.diff(c),
            "interpretations": services.interpretations(c),
            "nav": "consultations",
        },
    )


@require_safe
def feedback_docx(request, pk):
    c = _public(pk)
    if c.status != Consultation.PUBLISHED:
        raise Http404("采纳情况尚未公布。")
    return _docx(c)


def _docx(c):
    from urllib.parse import quote

    resp = HttpResponse(
        documents.feedback_docx(c),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote('意见采纳情况说明.docx')}"
    return resp


@require_safe
def draft_download(request, pk, vid):
    c = _public(pk)
    version = get_object_or_404(c.versions, pk=vid)
    return file_response(version)


def comment_count_of(c) -> int:
    return Comment.objects.filter(consultation=c).count()
