"""Demo: two response events (one answered in time, one late) and six press conferences."""

from __future__ import annotations

import datetime as dt

from gongkai.accounts.models import User
from gongkai.catalog.models import Item
from gongkai.orgs.services import resolve
from gongkai.rules import dates

from . import actions


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dates.GOV_TZ)


def _fmt(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def load(ctx):
    today = ctx.today
    cities = ctx.shared["cities"]
    lc_mz = resolve("市民政局", within=cities["聊城市"]).organisation
    lc_cz = resolve("市财政局", within=cities["聊城市"]).organisation
    dy_cz = resolve("市财政局", within=cities["东营市"]).organisation
    dy_mz = resolve("市民政局", within=cities["东营市"]).organisation
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["lc-editor", "lc-mz-editor", "dy-editor", "dy-mz-editor"]
        )
    }
    # 1. a 重大 event answered in time: information within 5 hours, a conference within 24
    learnt = _at(today - dt.timedelta(days=40), 21, 30)
    ev1 = actions.do_create_event(
        users["lc-mz-editor"],
        lc_mz,
        title="网传“城乡低保将统一取消”不实信息",
        description="网络流传“本市城乡低保将统一取消、改发一次性补助”的说法，引发群众关注。",
        level="major",
        learnt_at=_fmt(learnt),
        misleading_claim="城乡低保将统一取消，改为一次性补助。",
    )
    actions.do_record_statement(
        users["lc-mz-editor"],
        ev1,
        text="市民政局郑重说明：城乡低保制度继续实施，保障标准不降低，网传说法不实。",
        channel="市政府门户网站、政务新媒体",
        published_at=_fmt(learnt + dt.timedelta(hours=3, minutes=10)),
    )
    # 2. a 较大 event answered late (after the 48-hour clock)
    learnt2 = _at(today - dt.timedelta(days=18), 8, 0)
    ev2 = actions.do_create_event(
        users["dy-editor"],
        dy_cz,
        title="惠民补贴资金发放延迟引发关注",
        description="部分群众反映耕地地力保护补贴未按期到账。",
        level="large",
        learnt_at=_fmt(learnt2),
    )
    actions.do_record_statement(
        users["dy-editor"],
        ev2,
        text="经核查，因银行系统升级导致部分补贴延迟到账，现已全部发放完毕。",
        channel="市财政局网站",
        published_at=_fmt(learnt2 + dt.timedelta(hours=61)),
    )
    policies = {
        org.pk: list(Item.objects.public().filter(organisation=org).order_by("-published_at")[:2])
        for org in (lc_mz, lc_cz, dy_cz, dy_mz)
    }
    plan = [
        (
            lc_mz,
            "lc-mz-editor",
            "press",
            "城乡低保政策有关情况新闻发布会",
            learnt + dt.timedelta(hours=19),
            [("李明", "市民政局党组书记、局长"), ("王静", "市民政局社会救助科科长")],
            ev1,
        ),
        (
            lc_cz,
            "lc-editor",
            "press",
            "2026年市级预算执行情况新闻发布会",
            _at(today - dt.timedelta(days=120), 10),
            [("张伟", "市财政局局长")],
            None,
        ),
        (
            lc_cz,
            "lc-editor",
            "briefing",
            "惠企资金直达政策吹风会",
            _at(today - dt.timedelta(days=75), 15),
            [("刘芳", "市财政局副局长")],
            None,
        ),
        (
            dy_cz,
            "dy-editor",
            "press",
            "惠民补贴资金发放情况新闻发布会",
            learnt2 + dt.timedelta(hours=70),
            [("陈磊", "市财政局副局长"), ("赵娜", "市财政局农业农村科科长")],
            ev2,
        ),
        (
            dy_mz,
            "dy-mz-editor",
            "press",
            "养老服务体系建设新闻发布会",
            _at(today - dt.timedelta(days=200), 10),
            [("周海燕", "市民政局局长")],
            None,
        ),
        (
            dy_mz,
            "dy-mz-editor",
            "briefing",
            "困难群众临时救助政策吹风会",
            _at(today - dt.timedelta(days=30), 9, 30),
            [("孙国华", "市民政局党组成员、副局长")],
            None,
        ),
    ]
    for host, user, kind, topic, held, speakers, event in plan:
        conf = actions.do_record_conference(
            users[user],
            host,
            kind=kind,
            topic=topic,
            held_at=_fmt(held),
            speakers=speakers,
            transcript=(
                f"主持人：各位记者朋友，欢迎参加{topic}。\n"
                f"{speakers[0][1]}{speakers[0][0]}：介绍有关情况，并回答记者提问。"
            ),
            event=event,
            policies=policies[host.pk],
        )
        actions.do_publish_conference(users[user], conf, at=held + dt.timedelta(hours=2))
    ctx.log("    2 response events (one in time, one late), 6 press conferences")
