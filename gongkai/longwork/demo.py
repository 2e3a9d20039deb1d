"""Demo: lc-editor has exported this year's catalog of 市财政局 (聊城市) on /staff/work/, through
the same action as the button; with the immediate backend it runs after the loader's commit."""

from __future__ import annotations


def load(ctx):
    from django.contrib.auth import get_user_model

    from gongkai.orgs.services import resolve

    from .actions import start_job
    from .builtin import EXPORT
    from .models import Job

    editor = get_user_model().objects.filter(username="lc-editor").first()
    city = ctx.shared.get("cities", {}).get("聊城市")
    if editor is None or city is None:
        return
    finance = resolve("市财政局", within=city).organisation
    if finance is None or Job.objects.filter(kind=EXPORT, organisation=finance).exists():
        return
    start_job(editor, EXPORT, finance, {"year": str(ctx.today.year)}, reason="演示数据")
    ctx.log("  longwork: lc-editor's export of 市财政局 queued (see /staff/work/)")
