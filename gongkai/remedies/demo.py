"""Demo remedy cases: a few 复议 and 诉讼 cases against replies of both cities, with results, one
pending and one registered after its window (flagged)."""

from __future__ import annotations

import datetime as dt

from gongkai.accounts.models import User
from gongkai.orgs.models import Organisation

from . import actions

CITY_PREFIX = {"聊城市": "lc", "东营市": "dy"}


def load(ctx):
    from gongkai.applications.models import Application

    count = 0
    for city_name, prefix in CITY_PREFIX.items():
        city = Organisation.objects.get(parent__isnull=True, name__startswith=city_name)
        editor = User.objects.get(username=f"{prefix}-mz-editor")
        mz = Organisation.objects.filter(city=city, short_name="市民政局").first()
        closed = list(
            Application.objects.filter(organisation=mz, closed_on__isnull=False).order_by(
                "closed_on", "pk"
            )
        )
        if len(closed) < 3:
            continue
        gov = f"{city.name}人民政府"
        court = "聊城市东昌府区人民法院" if prefix == "lc" else "东营市东营区人民法院"

        def filed(app, days):
            return min(app.closed_on + dt.timedelta(days=days), ctx.today)

        plan = [
            (closed[0], "review", gov, 20, ("upheld", 55)),
            (closed[1], "litigation_direct", court, 40, ("corrected", 90)),
            (closed[2], "review", gov, 75, None),  # after the 60 days: flagged, still pending
        ]
        for app, kind, body, days, result in plan:
            case = actions.open_case(
                editor,
                app,
                {"kind": kind, "against": "reply", "body": body, "filed_on": filed(app, days)},
            )
            count += 1
            if result:
                decided = min(case.filed_on + dt.timedelta(days=result[1]), ctx.today)
                actions.record_result(
                    editor,
                    case,
                    {"result": result[0], "decided_on": decided, "result_note": "演示案件"},
                )
    ctx.log(f"    {count} remedy cases (复议/诉讼) with results, one per city past its window")
