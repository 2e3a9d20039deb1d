"""Staff pages: counts, the proofreading queue (side by side with the page image), links to
confirm, numbering problems and the 应登尽登 list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import may, org_ids_for
from gongkai.core.errors import Invalid
from gongkai.rules import dates

from .. import actions, ocr, queries
from ..models import Article, Gazette, Issue, IssuePage, ProofTask


def _gazettes(user):
    ids = org_ids_for(user, "view_internal")
    if not ids:
        raise PermissionDenied("您没有查看政府公报管理页面的权限。")
    return Gazette.objects.filter(organisation_id__in=ids).select_related("organisation")


def _check(user, gazette, ability="view_internal"):
    if not may(user, ability, gazette.organisation):
        raise PermissionDenied("该政府公报不在您的管辖范围内。")


@login_required
def dashboard(request):
    today = dates.today()
    rows = [
        (g, queries.staff_counts(g, today), may(request.user, "edit", g.organisation))
        for g in _gazettes(request.user)
    ]
    from ..longwork import KIND

    return render(
        request,
        "gazette/staff/dashboard.html",
        {"rows": rows, "period": queries.period_days(), "import_kind": KIND},
    )


@login_required
@require_POST
def upload(request, pk):
    """One issue file uploaded by staff, imported like the command does (as that person)."""
    from gongkai.core.files import max_file_bytes

    from ..importing import import_one
    from ..reading import ReadError

    gazette = get_object_or_404(Gazette.objects.select_related("organisation"), pk=pk)
    _check(request.user, gazette, "edit")
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择要导入的公报文件（PDF、.docx 或 .txt）。")
    elif upload.size > max_file_bytes():
        messages.error(request, f"“{upload.name}”过大，上限为 {max_file_bytes() // 1048576} MB。")
    else:
        try:
            result = import_one(request.user, gazette, upload.name, upload.read())
        except (ReadError, Invalid) as exc:
            messages.error(request, f"“{upload.name}”未导入：{getattr(exc, 'message', exc)}")
        else:
            if result.status == "unchanged":
                messages.success(
                    request, f"“{upload.name}”已导入过（{result.issue.label}），没有变化。"
                )
            else:
                messages.success(
                    request,
                    f"已导入{result.issue.label}：{result.articles} 篇文章，"
                    f"关联 {result.linked} 篇，待校对 {result.proof_tasks} 处。",
                )
    return redirect("gazette:staff_home")


@login_required
def proofs(request):
    gazettes = _gazettes(request.user)
    tasks = (
        ProofTask.objects.filter(issue__gazette__in=gazettes, state=ProofTask.OPEN)
        .select_related("issue__gazette", "article")
        .order_by("issue__year", "issue__number", "pk")[:300]
    )
    return render(request, "gazette/staff/proofs.html", {"tasks": tasks})


@login_required
def proof(request, pk):
    task = get_object_or_404(
        ProofTask.objects.select_related("issue__gazette__organisation", "article"), pk=pk
    )
    gazette = task.issue.gazette
    _check(request.user, gazette)
    article = task.article
    page_index = task.page_index
    if article is not None and page_index is None:
        page_index = max(0, (article.page_start or 1) + task.issue.page_offset)
    page = IssuePage.objects.filter(issue=task.issue, index=page_index or 0).first()
    errors, data = {}, None
    if request.method == "POST":
        try:
            if article is not None:
                actions.correct_article(request.user, article, request.POST, task=task,
                                        reason=request.POST.get("reason", ""))  # fmt: skip
            else:
                actions.correct_page(request.user, task, request.POST.get("page_text", ""))
        except Invalid as exc:
            errors, data = exc.errors, request.POST
        else:
            messages.success(request, "已保存校对结果。")
            return redirect("gazette:staff_proofs")
    return render(
        request,
        "gazette/staff/proof.html",
        {"task": task, "article": article, "page": page, "page_index": page_index,
         "can_render": ocr.can_render(), "render_missing": ocr.MISSING_RENDER,
         "may_edit": may(request.user, "edit", gazette.organisation), "errors": errors,
         "data": data, "kinds": Article.KIND_CHOICES, "form_error": errors.get("__all__", "")},
    )  # fmt: skip


@login_required
def page_image(request, pk, index):
    issue = get_object_or_404(Issue.objects.select_related("gazette__organisation"), pk=pk)
    _check(request.user, issue.gazette)
    source = getattr(issue, "source", None)
    if source is None or not source.name.lower().endswith(".pdf"):
        raise Http404("该期没有PDF原件。")
    png = ocr.render_page(source.read(), index)
    if png is None:
        raise Http404(ocr.MISSING_RENDER)
    return HttpResponse(png, content_type="image/png")


@login_required
def links(request):
    gazettes = _gazettes(request.user)
    suggested = (
        Article.objects.filter(issue__gazette__in=gazettes, link_state=Article.LINK_SUGGESTED)
        .select_related("issue__gazette", "item")
        .order_by("issue__year", "issue__number", "order")
    )
    return render(request, "gazette/staff/links.html", {"suggested": suggested})


@login_required
@require_POST
def link_decide(request, pk):
    article = get_object_or_404(
        Article.objects.select_related("issue__gazette__organisation"), pk=pk
    )
    try:
        if request.POST.get("decision") == "confirm":
            actions.confirm_link(request.user, article, reason=request.POST.get("reason", ""))
            messages.success(request, "已确认关联。")
        else:
            actions.reject_link(request.user, article, reason=request.POST.get("reason", ""))
            messages.success(request, "已否定关联。")
    except Invalid as exc:
        messages.error(request, str(exc))
    return redirect("gazette:staff_links")


@login_required
def missing(request, pk):
    gazette = get_object_or_404(Gazette.objects.select_related("organisation"), pk=pk)
    _check(request.user, gazette)
    today = dates.today()
    report = queries.numbering(gazette.organisation)
    return render(
        request,
        "gazette/staff/missing.html",
        {"gazette": gazette, "items": queries.missing_items(gazette.organisation, today),
         "as_of": today, "period": queries.period_days(),
         "numbering": report.messages() if report else []},
    )  # fmt: skip
