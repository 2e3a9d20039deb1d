"""The public portal's pages. Read-only: nothing here changes state."""

from __future__ import annotations

import pathlib
from urllib.parse import urlencode

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from gongkai.catalog.models import CatalogEntry, Item
from gongkai.orgs.models import Organisation

from . import queries
from .params import (
    PARAM_LABELS,
    ParamError,
    clean_paging,
)

SECTION_LABELS = dict(CatalogEntry.SECTION_CHOICES)
GK_PARTS = ["guide", "system", "statutory", "annual_report", "application"]
LIST_PAGE_SIZE = 20


def apply_url(org: Organisation | None = None) -> str:
    """The public application form of the applications app, with the organisation chosen.

    The form (gongkai/applications/views.apply_form) preselects ``?org=<organisation id>``.
    """
    return "/apply/" + ("?" + urlencode({"org": org.pk}) if org is not None else "")


def bad_request(request, error: ParamError, back_url: str = "/"):
    return render(
        request,
        "portal/bad_request.html",
        {
            "error": error,
            "param_label": PARAM_LABELS.get(error.param, error.param),
            "back_url": back_url,
        },
        status=400,
    )


def pager(page_of, make_url) -> dict:
    """Links for a pager: make_url(page_number) -> URL."""
    return {
        "page": page_of.page,
        "pages": page_of.pages,
        "total": page_of.total,
        "prev_url": make_url(page_of.page - 1) if page_of.has_previous else None,
        "next_url": make_url(page_of.page + 1) if page_of.has_next else None,
        "first_url": make_url(1),
        "links": [(n, make_url(n), n == page_of.page) for n in page_of.window()],
        "beyond_end": page_of.beyond_end,
    }


def _query_url(path: str, params: dict) -> str:
    return path + ("?" + urlencode(params) if params else "")


# Two levels of parents come with the row that needs them (the breadcrumbs walk them): a city's
# department or a county needs no further query, a township or a county's department one.
ORG_PARENTS = "parent__parent"
ENTRY_PARENTS = "parent__parent"


def _get_org(code: str) -> Organisation:
    return get_object_or_404(
        Organisation.objects.select_related(ORG_PARENTS), code=code, is_active=True
    )


# ----- home and organisations --------------------------------------------------------------


@require_safe
def home(request):
    tree = queries.org_tree()
    latest = list(queries.public_items().order_by("-published_at", "-id")[:12])
    policies = list(
        queries.public_items().filter(kind__in=Item.POLICY_KINDS).order_by("-published_at")[:8]
    )
    return render(
        request,
        "portal/home.html",
        {"city_tree": tree, "latest": latest, "policies": policies, "nav": "home"},
    )


@require_safe
def org_index(request):
    return render(request, "portal/org_index.html", {"city_tree": queries.org_tree(), "nav": "org"})


def _org_context(org: Organisation, *crumbs) -> dict:
    """Context every organisation page shares; crumbs are (label, url or None) after the org."""
    return {
        "org": org,
        "ancestors": list(reversed(org.ancestors())),
        "apply_url": apply_url(org),
        "crumbs": list(crumbs),
        "nav": "org",
    }


def _gk_crumb(org):
    return ("政府信息公开", reverse("portal:gk", args=[org.code]))


@require_safe
def org_home(request, code):
    org = _get_org(code)
    latest = list(
        queries.public_items()
        .filter(organisation_id__in=org.descendant_ids())
        .order_by("-published_at", "-id")[:15]
    )
    tree = queries.catalog_tree(org)
    ctx = _org_context(org)
    ctx.update(
        {
            "latest": latest,
            "children": list(queries.org_children(org)),
            "statutory": _first_level(tree.get("statutory", [])),
        }
    )
    return render(request, "portal/org_home.html", ctx)


@require_safe
def gk_section(request, code):
    org = _get_org(code)
    tree = queries.catalog_tree(org)
    parts = []
    for key in GK_PARTS:
        parts.append(
            {
                "key": key,
                "label": SECTION_LABELS[key],
                "nodes": _first_level(tree.get(key, []))
                if key == "statutory"
                else tree.get(key, []),
                "latest": list(queries.section_items(org, key)[:5])
                if key in ("system", "annual_report")
                else [],
            }
        )
    ctx = _org_context(org, ("政府信息公开", None))
    ctx.update({"parts": parts, "other": tree.get("other", [])})
    return render(request, "portal/gk_section.html", ctx)


def _first_level(nodes):
    """The columns worth naming: a lone container column (法定主动公开内容) stands for its children."""
    if len(nodes) == 1 and nodes[0].children:
        return nodes[0].children
    return nodes


@require_safe
def gk_guide(request, code):
    org = _get_org(code)
    tree = queries.catalog_tree(org)
    ctx = _org_context(org, _gk_crumb(org), ("政府信息公开指南", None))
    ctx.update(
        {
            "tree": [(SECTION_LABELS[k], _first_level(tree.get(k, []))) for k in GK_PARTS],
            "guide_items": list(queries.section_items(org, "guide")[:10]),
            "review_body": org.parent or org,
        }
    )
    return render(request, "portal/gk_guide.html", ctx)


@require_safe
def gk_apply(request, code):
    org = _get_org(code)
    ctx = _org_context(org, _gk_crumb(org), ("依申请公开", None))
    ctx["application_items"] = list(queries.section_items(org, "application")[:10])
    return render(request, "portal/gk_apply.html", ctx)


@require_safe
def gk_part(request, code, section):
    org = _get_org(code)
    if section == "guide":
        return redirect("portal:guide", code=org.code)
    if section == "application":
        return redirect("portal:apply_entry", code=org.code)
    if section not in SECTION_LABELS:
        raise Http404("no such section")
    try:
        page, _ = clean_paging(request.GET)
    except ParamError as err:
        return bad_request(request, err, reverse("portal:gk", args=[org.code]))
    tree = queries.catalog_tree(org)
    page_of = queries.paginate(queries.section_items(org, section), page, LIST_PAGE_SIZE)
    path = reverse("portal:part", args=[org.code, section])
    ctx = _org_context(org, _gk_crumb(org), (SECTION_LABELS[section], None))
    ctx.update(
        {
            "section": section,
            "section_label": SECTION_LABELS[section],
            "nodes": tree.get(section, []),
            "page_of": page_of,
            "pager": pager(page_of, lambda n: _query_url(path, {"page": n} if n > 1 else {})),
        }
    )
    return render(request, "portal/gk_part.html", ctx)


@require_safe
def column(request, code, slug):
    org = _get_org(code)
    entry = get_object_or_404(
        CatalogEntry.objects.select_related(ENTRY_PARENTS),
        organisation=org,
        slug=slug,
        is_active=True,
    )
    try:
        page, _ = clean_paging(request.GET)
    except ParamError as err:
        return bad_request(request, err, reverse("portal:column", args=[org.code, slug]))
    page_of = queries.paginate(queries.entry_items(entry), page, LIST_PAGE_SIZE)
    path = reverse("portal:column", args=[org.code, slug])
    children = list(entry.children.filter(is_active=True).order_by("sort_order", "id"))
    crumbs = _column_crumbs(org, entry)
    crumbs[-1] = (crumbs[-1][0], None)  # the page itself
    ctx = _org_context(org, *crumbs)
    ctx.update(
        {
            "entry": entry,
            "entry_ancestors": queries.entry_ancestors(entry),
            "children": children,
            "section_label": SECTION_LABELS.get(entry.section, ""),
            "page_of": page_of,
            "pager": pager(page_of, lambda n: _query_url(path, {"page": n} if n > 1 else {})),
        }
    )
    return render(request, "portal/column.html", ctx)


def _column_crumbs(org, entry) -> list[tuple[str, str | None]]:
    """政府信息公开 › part › columns down to ``entry`` (each linked)."""
    crumbs = [_gk_crumb(org)]
    if entry is None or entry.organisation_id != org.pk:
        return crumbs
    section_label = SECTION_LABELS.get(entry.section, "")
    if entry.section != "other":
        crumbs.append((section_label, reverse("portal:part", args=[org.code, entry.section])))
    for node in [*queries.entry_ancestors(entry), entry]:
        if node.parent_id is None and node.name == section_label and len(crumbs) > 1:
            continue  # the part's crumb already says it
        crumbs.append((node.name, reverse("portal:column", args=[org.code, node.slug])))
    return crumbs


# ----- items -------------------------------------------------------------------------------


def _public_item_or_gone(request, pk):
    """The public item, or a response: 410 for a withdrawn item, 404 for anything not public."""
    # the replacing item is read only for the few items that have one (view below): joined for
    # every page it doubled the columns of the page's first query
    item = Item.objects.select_related(f"organisation__{ORG_PARENTS}").filter(pk=pk).first()
    if item is None:
        raise Http404("no such item")
    if item.is_public:
        return item, None
    if item.state == Item.STATE_WITHDRAWN and item.attribute == Item.ATTR_PROACTIVE:
        response = render(request, "portal/gone.html", {"item": item}, status=410)
        return None, response
    raise Http404("item not public")


@require_safe
def item_detail(request, pk):
    item, response = _public_item_or_gone(request, pk)
    if response is not None:
        return response
    replaced_by = item.replaced_by if item.replaced_by and item.replaced_by.is_public else None
    entries = list(
        item.entries.filter(is_active=True)
        .select_related("organisation", ENTRY_PARENTS)
        .order_by("sort_order")
    )
    org = item.organisation
    interpretations, interprets = queries.interpretation_links(item)
    ctx = _org_context(org, *_column_crumbs(org, entries[0] if entries else None), ("正文", None))
    ctx.update(
        {
            "item": item,
            "issuers": list(item.issuers.all()),
            "entries": entries,
            "attachments": list(item.attachments.all()),
            "interpretations": interpretations,
            "interprets": interprets,
            "replaced_by": replaced_by,
            "replaces": queries.replaced_items(item),
        }
    )
    return render(request, "portal/item.html", ctx)


def download_name(attachment) -> str:
    """The file name a visitor's browser saves: the attachment's name, with its extension."""
    name = (attachment.name or "").strip().replace("/", "_").replace("\\", "_")
    suffix = pathlib.PurePosixPath(attachment.file.name or "").suffix
    if not name:
        name = f"附件{attachment.pk}{suffix}"
    elif suffix and not name.lower().endswith(suffix.lower()):
        name += suffix
    return name


@require_safe
def download(request, pk, att):
    item, response = _public_item_or_gone(request, pk)
    if response is not None:
        return response
    attachment = get_object_or_404(item.attachments, pk=att)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404("attachment file missing") from exc
    resp = FileResponse(handle, as_attachment=True, filename=download_name(attachment))
    if attachment.content_type:
        resp["Content-Type"] = attachment.content_type
    resp["X-Content-Type-Options"] = "nosniff"
    return resp


# ----- robots, accessibility -----------------------------------------------------------------


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("portal:sitemap_index"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /staff/",
        "Disallow: /accounts/",
        "Disallow: /search/",
        "Disallow: /api/",
        "Allow: /",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def accessibility(request):
    return render(request, "portal/accessibility.html")
