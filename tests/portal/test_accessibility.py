"""Accessibility checks every portal template must pass: language, skip link, one h1, labelled
form fields, alt text, named landmarks, no remote assets."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.labels_for = set()
        self.h1 = 0
        self.html_lang = None
        self.current_label_depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "label":
            if a.get("for"):
                self.labels_for.add(a["for"])
            self.current_label_depth += 1
        if tag == "h1":
            self.h1 += 1
        self.tags.append((tag, a, self.current_label_depth > 0))

    def handle_endtag(self, tag):
        if tag == "label":
            self.current_label_depth -= 1


def pages(site):
    cz, item = site.cz.code, site.new_policy.pk
    return [
        "/",
        "/org/",
        f"/org/{cz}/",
        f"/org/{cz}/gk/",
        f"/org/{cz}/gk/guide/",
        f"/org/{cz}/gk/apply/",
        f"/org/{cz}/gk/part/statutory/",
        f"/org/{cz}/gk/c/czsz/",
        f"/item/{item}/",
        f"/item/{site.old_policy.pk}/",
        f"/item/{site.interpretation.pk}/",
        f"/item/{site.withdrawn.pk}/",
        "/policies/",
        "/policies/?year=2019",
        "/search/",
        "/search/?q=低保",
        "/search/?q=x&page=-1",
        "/accessibility/",
        "/org/missing/",
    ]


def test_every_portal_page_is_accessible(client, indexed):
    site = indexed
    for url in pages(site):
        r = client.get(url)
        assert r.status_code in (200, 400, 404, 410), url
        html = r.content.decode()
        p = Page()
        p.feed(html)
        assert p.html_lang == "zh-Hans", url
        assert 'class="skip-link" href="#main"' in html, url
        assert p.h1 == 1, (url, p.h1)
        for tag, a, inside_label in p.tags:
            if tag in ("input", "select", "textarea") and a.get("type") not in (
                "hidden",
                "submit",
                "button",
            ):
                named = a.get("id") in p.labels_for or a.get("aria-label") or inside_label
                assert named, (url, tag, a)
            if tag == "img":
                assert "alt" in a, (url, a)
            if tag in ("nav", "aside") and len([t for t in p.tags if t[0] == tag]) > 1:
                assert a.get("aria-label") or a.get("aria-labelledby"), (url, tag)
            for attr in ("src", "href"):
                value = a.get(attr) or ""
                if tag in ("script", "link", "img"):
                    assert not value.startswith(("http://", "https://", "//")), (url, value)


def test_portal_css_is_served_locally_with_visible_focus(client, site):
    html = client.get("/").content.decode()
    assert "/static/portal/portal.css" in html and "/static/gongkai/site.css" in html
    from django.contrib.staticfiles import finders

    css = open(finders.find("portal/portal.css"), encoding="utf-8").read()
    base = open(finders.find("gongkai/site.css"), encoding="utf-8").read()
    assert ":focus-visible" in base and "outline" in base
    assert "@media (max-width" in css  # a phone layout
    assert "large-text" in base  # 适老化 toggle styles


@pytest.mark.parametrize(
    "fg,bg",
    [
        ("#1a1a1a", "#ffffff"),  # text
        ("#0a4aa6", "#ffffff"),  # links
        ("#555555", "#ffffff"),  # muted text
        ("#555555", "#f5f5f5"),  # muted text on soft panels
        ("#ffffff", "#a4000f"),  # header, current tab, current page
        ("#b00020", "#fdecea"),  # validity banner
        ("#1a1a1a", "#ffe58a"),  # <mark>
        ("#0a4aa6", "#f5f5f5"),  # links on soft panels
    ],
)
def test_colour_pairs_meet_wcag_aa(fg, bg):
    def lum(hex_):
        rgb = [int(hex_[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    a, b = sorted((lum(fg), lum(bg)), reverse=True)
    assert (a + 0.05) / (b + 0.05) >= 4.5
