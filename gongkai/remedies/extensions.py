"""The note on an application's staff page: remedy windows and the cases brought."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import format_html, format_html_join

from gongkai.accounts import permissions
from gongkai.core.extensions import Note
from gongkai.rules.dates import today, zh_date

from . import services


def staff_application(app, request) -> list:
    user = getattr(request, "user", None)
    if user is None or not permissions.may(user, "view_internal", app.organisation):
        return []
    w = services.windows_for(app)
    cases = list(app.remedy_cases.all())
    if w is None and not cases:
        return []
    lines = []
    if w is not None:
        start = "答复之日" if app.closed_on else "答复期限届满之日"
        lines.append(
            f"自{start}（{zh_date(w.start)}）起：行政复议{w.review_days}日内，"
            f"至{zh_date(w.review_until)}；行政诉讼{w.litigation_months}个月内，"
            f"至{zh_date(w.litigation_until)}。"
        )
        if today() <= w.review_until:
            lines.append("目前仍在行政复议期限内。")
    items = format_html_join(
        "",
        '<li><a href="{}">{}</a>：{}，{}，{}{}</li>',
        (
            (
                reverse("remedies:detail", args=[c.pk]),
                c.get_kind_display(),
                c.body,
                zh_date(c.filed_on),
                c.get_result_display(),
                "（超过救济期限）" if c.past_window else "",
            )
            for c in cases
        ),
    )
    html = format_html("<ul>{}</ul>", items) if cases else ""
    level = "warning" if any(c.past_window for c in cases) else "info"
    note = Note(
        title="行政复议、行政诉讼" + (f"（{len(cases)}件）" if cases else ""),
        text="".join(lines),
        html=html,
        level=level,
    )
    if permissions.may(user, "edit", app.organisation):
        note.url = reverse("remedies:new", args=[app.pk])
        note.link_text = "登记复议或诉讼案件"
    return [note]
