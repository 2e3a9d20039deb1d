"""The readable page behind every 订阅 link: what a feed is, how to subscribe, and the addresses
(a person who clicks "RSS" sees this page, not raw XML; feed readers find the XML through the
pages' ``<link rel="alternate">``)."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse

from gongkai.catalog.models import CatalogEntry
from gongkai.orgs.models import Organisation

from .params import ParamError, clean_text


def feeds_help(request):
    try:
        code = clean_text(request.GET.get("org"), "org", 32)
        slug = clean_text(request.GET.get("column"), "column", 120)
    except ParamError:
        code = slug = ""
    org = Organisation.objects.filter(code=code, is_active=True).first() if code else None
    entry = (
        CatalogEntry.objects.filter(organisation=org, slug=slug).first() if org and slug else None
    )
    feeds = [
        (
            "本平台最新公开信息",
            reverse("portal:feed_latest_rss"),
            reverse("portal:feed_latest_atom"),
        )
    ]
    if org is not None:
        feeds.insert(
            0,
            (
                f"{org.name}最新公开信息",
                reverse("portal:feed_org_rss", args=[org.code]),
                reverse("portal:feed_org_atom", args=[org.code]),
            ),
        )
    if entry is not None:
        feeds.insert(
            0,
            (
                f"{org.name} · {entry.name}",
                reverse("portal:feed_column_rss", args=[org.code, entry.slug]),
                reverse("portal:feed_column_atom", args=[org.code, entry.slug]),
            ),
        )
    rows = [
        {
            "title": title,
            "rss": request.build_absolute_uri(rss),
            "atom": request.build_absolute_uri(atom),
        }
        for title, rss, atom in feeds
    ]
    return render(request, "portal/feeds.html", {"feeds": rows, "org": org, "entry": entry})
