"""Demo 建议提案 for both cities: the assignment list imported as a spreadsheet, then replies,
reviews, publication and satisfaction through the actions (the clock set to each step's day).
About 24 per city: some published, one withheld, some overdue, one reopened as 不满意."""

from __future__ import annotations

import datetime as dt

from gongkai.accounts.models import User
from gongkai.consultations.demo import clock
from gongkai.core.actors import SYSTEM
from gongkai.core.sheets import Sheet, xlsx_bytes

from . import actions
from .models import Proposal

TOPICS = [
    ("关于提高城乡低保标准的建议", "市民政局", "市财政局"),
    ("关于加快老旧小区改造的建议", "市住房城乡建设局", "市财政局"),
    ("关于增加城区中小学学位供给的建议", "市教育局", "市住房城乡建设局"),
    ("关于加强农村饮水安全工程建设的建议", "市水利局", ""),
    ("关于推进垃圾分类工作的建议", "市城市管理局", "市环保局"),
    ("关于完善养老服务补贴制度的建议", "市民政局", ""),
    ("关于规范政府采购信息公开的建议", "市财政局", ""),
    ("关于加强食品安全监管的建议", "市食品药品监管局", "市工商局"),
    ("关于扶持中小微企业发展的建议", "市经济和信息化委", "市财政局"),
    ("关于加强基层医疗卫生队伍建设的建议", "市卫生计生委", ""),
    ("关于推进全民健身设施建设的建议", "市体育局", ""),
    ("关于提升乡村旅游服务水平的建议", "市旅发委", "市农业局"),
    ("关于做好高校毕业生就业服务的提案", "市教育局", ""),
    ("关于加快智慧城市建设的提案", "市经济和信息化委", "市发展改革委"),
    ("关于加强大气污染防治的提案", "市环保局", "市发展改革委"),
    ("关于促进农产品电商发展的提案", "市商务局", "市农业局"),
    ("关于加强文化遗产保护的提案", "市文广新局", ""),
    ("关于健全临时救助制度的提案", "市民政局", "市财政局"),
    ("关于优化营商环境的提案", "市发展改革委", "市工商局"),
    ("关于加强安全生产监管的提案", "市安监局", ""),
    ("关于推进粮食仓储设施建设的提案", "市粮食局", ""),
    ("关于加强统计数据质量的提案", "市统计局", ""),
    ("关于加强知识产权保护的提案", "市知识产权局", "市工商局"),
    ("关于稳定重要民生商品价格的提案", "市物价局", "市商务局"),
]
PROPOSERS = ["王建国", "李秀兰", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄磊"]


def load(ctx):
    cities = ctx.shared.get("cities") or {}
    rng, today = ctx.random, ctx.today
    year = today.year
    total = 0
    for prefix, (city_name, city) in zip(("lc", "dy"), cities.items(), strict=False):
        rows = []
        for i, (title, lead, co) in enumerate(TOPICS, start=1):
            kind = "提案" if title.endswith("提案") else "建议"
            assigned = today - dt.timedelta(days=150 if i % 6 == 0 else rng.randint(40, 120))
            rows.append([f"{i:04d}", title, kind, "、".join(rng.sample(PROPOSERS, 2 if i % 3 else 1)),
                         lead, co, assigned])  # fmt: skip
        data = xlsx_bytes(
            [
                Sheet.simple(
                    "交办清单",
                    ["编号", "标题", "类别", "提出人", "主办单位", "协办单位", "交办日期"],
                    rows,
                )
            ]
        )
        session = f"{city_name[:2]}市{year}年人代会、政协会议"
        made = actions.import_assignments(
            SYSTEM("demo"), city, year=year, session=session, name="交办清单.xlsx", data=data
        )
        total += len(made)
        for n, p in enumerate(made):
            _work(p, n, rng, today, prefix)
    ctx.log(
        f"  {total} proposals ({Proposal.objects.filter(status=Proposal.PUBLISHED).count()} published)"
    )


def _user(prefix, role, lead):
    """The lead unit's demo staff where there are some (财政局, 民政局), else the office admin."""
    short = {"市财政局": "", "市民政局": "mz-"}.get(lead.short_name)
    if short is None:
        return User.objects.filter(username=f"{prefix}-admin").first()
    return User.objects.filter(username=f"{prefix}-{short}{role}").first()


def _work(p: Proposal, n: int, rng, today, prefix):
    editor = _user(prefix, "editor", p.lead) or SYSTEM("demo")
    reviewer = _user(prefix, "reviewer", p.lead)
    if reviewer is None or reviewer == editor:
        reviewer = SYSTEM("demo")
    if n % 6 == 5:
        return  # still running; the ones assigned 150 days ago are overdue
    if n % 8 == 3:
        with clock(p.assigned_on + dt.timedelta(days=60)):
            actions.approve_extension(reviewer, p, "涉及多个部门和资金安排，需进一步协调。")
        return
    signed = min(
        p.assigned_on + dt.timedelta(days=rng.randint(25, 80)), today - dt.timedelta(days=3)
    )
    text = (
        f"您提出的《{p.title}》收悉，现答复如下：\n"
        f"一、基本情况。近年来，{p.lead.name}高度重视此项工作，已将相关内容纳入年度重点工作。\n"
        "二、下一步工作。我们将认真研究您的意见，完善制度，加大投入，推动问题逐步解决。\n"
        f"联系单位：{p.lead.name}办公室，联系人：张科长，电话：1380635{rng.randint(1000, 9999)}。"
    )
    code = "ABC"[n % 3]
    with clock(signed):
        actions.reply(editor, p, result_code=code, reply_text=text, signed_on=signed)
    if n % 7 == 6:
        return  # replied, review (and publication) pending
    with clock(min(signed + dt.timedelta(days=rng.randint(2, 12)), today)):
        if n == 9:
            actions.approve(
                reviewer,
                p,
                publish=False,
                not_public_reason="答复涉及尚在研究的内部事项，公开后可能影响决策。",
            )
        else:
            actions.approve(reviewer, p, publish=True)
    if n % 4 == 0:
        with clock(min(signed + dt.timedelta(days=20), today)):
            actions.record_satisfaction(editor, p, "unsatisfied" if n == 8 else "satisfied")
    elif n % 4 == 1:
        with clock(min(signed + dt.timedelta(days=20), today)):
            actions.record_satisfaction(editor, p, "basically")
