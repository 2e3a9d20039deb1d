"""Public pages of the gazette, like gov.cn's: home (years → issues → articles), issue, article."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from gongkai.core import files
from gongkai.orgs.models import Organisation
from gongkai.rules.gazette.compare import compare

from ..models import Article, Gazette, Issue


def _crumbs(*pairs):
    return list(pairs)


def index(request):
    gazettes = Gazette.objects.select_related("organisation").order_by("organisation__code")
    return render(
        request, "gazette/index.html", {"gazettes": gazettes, "crumbs": [("政府公报", "")]}
    )


def home(request, code):
    org = Organisation.objects.filter(code=code, is_active=True).first()
    gazette = (
        Gazette.objects.filter(organisation=org).select_related("organisation").first()
        if org
        else None
    )
    if gazette is None:
        raise Http404("没有这份政府公报。")
    years = sorted(
        set(Issue.objects.filter(gazette=gazette).values_list("year", flat=True)), reverse=True
    )
    try:
        year = int(request.GET.get("year") or (years[0] if years else 0))
    except ValueError:
        year = years[0] if years else 0
    if years and year not in years:
        year = years[0]
    issues = list(
        Issue.objects.filter(gazette=gazette, year=year)
        .order_by("number", "pk")
        .prefetch_related("articles")
    )
    return render(
        request,
        "gazette/home.html",
        {"gazette": gazette, "years": years, "year": year, "issues": issues,
         "crumbs": [("政府公报", "/gazette/"), (gazette.name, "")]},
    )  # fmt: skip


def issue(request, pk):
    obj = get_object_or_404(Issue.objects.select_related("gazette__organisation"), pk=pk)
    articles = list(obj.articles.select_related("issuer").order_by("order"))
    sections = []
    for a in articles:
        if not sections or sections[-1][0] != a.section:
            sections.append((a.section, []))
        sections[-1][1].append(a)
    return render(
        request,
        "gazette/issue.html",
        {"issue": obj, "gazette": obj.gazette, "sections": sections,
         "has_file": hasattr(obj, "source"),
         "crumbs": [("政府公报", "/gazette/"), (obj.gazette.name, obj.gazette.get_absolute_url()),
                    (obj.label, "")]},
    )  # fmt: skip


def issue_file(request, pk):
    obj = get_object_or_404(Issue, pk=pk)
    source = getattr(obj, "source", None)
    if source is None:
        raise Http404("该期没有原件。")
    return files.response(source, inline=True)


def article(request, pk):
    obj = get_object_or_404(
        Article.objects.select_related("issue__gazette__organisation", "issuer", "item"), pk=pk
    )
    item = obj.item if obj.linked and obj.item.is_public else None
    differences = compare(item.body_text, obj.text) if item else None
    issue = obj.issue
    return render(
        request,
        "gazette/article.html",
        {"article": obj, "issue": issue, "gazette": issue.gazette, "item": item,
         "differences": differences,
         "crumbs": [("政府公报", "/gazette/"), (issue.gazette.name, issue.gazette.get_absolute_url()),
                    (issue.label, issue.get_absolute_url()), (obj.title, "")]},
    )  # fmt: skip
