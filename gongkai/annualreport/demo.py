"""Demo annual reports, made through the app's own actions:

- 2025 reports of 市财政局 and 市民政局 of both cities published (generated from the 2025 demo
  data, so they agree with the applications the demo holds): 市财政局's recorded as published on
  time in January (import of a report filed before gongkai), 市民政局's through the whole
  workflow today (so the filing board shows it late); then each city government's summary of
  2025 (本级政府 + 部门), drafted by the loader and published by the office admin;
- 2026 drafts in progress for the same departments (the summaries wait for them); 聊城市民政局's 2026 draft carries a
  deliberate mistake in a staff-entered figure (现行有效行政规范性文件 one more than last year's
  count allows), which the continuity check catches.

The catalog demo also publishes an empty 年报 skeleton for last year; the published 2025 report
here is newer and is the one linked from the report page.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.core.actors import SYSTEM
from gongkai.orgs.models import Organisation

from . import actions

CITY_PREFIX = {"聊城市": "lc", "东营市": "dy"}
PROBLEMS = {
    2025: "一是政策解读形式还不够丰富，图解、视频解读占比偏低；二是依申请公开答复文书的规范性有待提高。"
    "下一步将加强业务培训，完善答复文书模板，推动解读与文件同步起草、同步审签、同步发布。",
    2026: "部分栏目更新不够及时，依申请公开办理中补正告知的说明还不够具体。今年起建立栏目更新"
    "月度提醒和答复文书交叉审核制度，并将办理情况纳入年度考核。",
}
IMPORT = SYSTEM("annualreport import")
DEPTS = [("市财政局", "editor", "reviewer"), ("市民政局", "mz-editor", "mz-reviewer")]


def _publish(report, editor, reviewer):
    actions.submit(editor, report)
    report.refresh_from_db()
    failing = [c for c in report.checks if not c["ok"] and c["level"] == "error"]
    actions.approve(
        reviewer,
        report,
        override_reason="演示：首年使用本系统，上年数据未在系统中" if failing else "",
    )
    return actions.publish(reviewer, report)


def load(ctx):
    year = ctx.today.year - 1
    published = drafts = 0
    for city_name, prefix in CITY_PREFIX.items():
        city = Organisation.objects.get(parent__isnull=True, name__startswith=city_name)
        admin = User.objects.get(username=f"{prefix}-admin")
        for short, ed, rv in DEPTS:
            org = Organisation.objects.filter(city=city, short_name=short).first()
            if org is None:
                continue
            editor = User.objects.get(username=f"{prefix}-{ed}")
            reviewer = User.objects.get(username=f"{prefix}-{rv}")
            report = actions.generate(editor, org, year)
            staff = {"licensing": 12 + len(short), "penalty": 3, "enforcement": 0, "fees": "0.00"}
            actions.save_draft(
                editor,
                report,
                {**staff, "text_overview": report.text_overview, "text_problems": PROBLEMS[year]},
            )
            if short == "市财政局":  # filed on time in January, before gongkai: imported
                when = timezone.make_aware(dt.datetime(year + 1, 1, 20 + len(prefix), 10))
                actions.import_published(
                    IMPORT, report, published_at=when, reason="导入：已于平台启用前按时发布"
                )
            else:  # through the whole workflow now: the board shows it as published late
                _publish(report, editor, reviewer)
            published += 1
            draft = actions.generate(editor, org, year + 1)
            data = {
                **staff,
                "licensing": staff["licensing"] + 4,
                "text_overview": draft.text_overview,
                "text_problems": PROBLEMS[year + 1],
            }
            if prefix == "lc" and short == "市民政局":
                last = report.figures["table2"]["normative"]["in_force"]
                data["normative_in_force"] = last + 1  # typed by hand, nothing was issued
            actions.save_draft(editor, draft, data)
            if "normative_in_force" in data:  # the text follows the typed figure: only the
                actions.refresh(editor, draft, redraft_text=True)  # continuity check fails
            drafts += 1
        # The city summary is put together by the demo loader (as an import would) from the
        # reports just filed, then approved and published by the office admin.
        loader = SYSTEM("annualreport demo")
        summary = actions.generate(
            loader, city, year, kind="summary", parts=["self", "departments"]
        )
        actions.save_draft(
            loader,
            summary,
            {
                "licensing": 0,
                "penalty": 0,
                "enforcement": 0,
                "fees": "0.00",
                "text_overview": summary.text_overview,
                "text_problems": PROBLEMS[year],
            },
        )
        _publish(summary, loader, admin)
        published += 1
        # no 2026 summary yet: it is generated once the departments have filed
    ctx.log(
        f"    {published} annual reports of {year} published, {drafts} drafts (one inconsistent)"
    )
