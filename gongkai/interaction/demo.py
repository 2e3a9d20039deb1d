"""Demo messages: about 150 over the last 18 months in both cities, through the actions.

Most are answered (reply drafted by the editor, approved by the reviewer), many published with
the writer's consent and rated; a few are overdue; exactly one valid message has gone unanswered
for more than 3 months (the site-health monitor's one true finding); a few wait inside their
deadline, one near the 60-day warning, one repeat and one 信访 matter.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser

from gongkai.accounts.models import User
from gongkai.orgs.services import resolve
from gongkai.rules import dates

from . import actions
from .models import Message

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = ["建国", "秀英", "志强", "丽娟", "海燕", "国华", "明", "静", "伟", "芳", "磊", "娜"]

TOPICS = {
    "市财政局": [
        (
            "consult",
            "惠民补贴资金什么时候发放",
            "请问今年的耕地地力保护补贴什么时候发放到户？在哪里可以查询发放明细？",
        ),
        (
            "consult",
            "政府采购供应商注册咨询",
            "我公司想参与政府采购项目，请问供应商注册需要哪些材料？",
        ),
        (
            "suggest",
            "建议公开更多预算绩效信息",
            "建议在部门预算公开时同时公开重点项目的绩效目标和评价结果，方便群众监督。",
        ),
        (
            "complain",
            "财政补贴申请迟迟没有结果",
            "我在三个月前提交了创业补贴申请，至今没有结果，联系电话{phone}，请尽快处理。",
        ),
        (
            "help",
            "社保卡绑定补贴账户问题",
            "老人的社保卡无法领取补贴，请帮助查一下原因，家属电话{phone}。",
        ),
        ("other", "对财政票据电子化的意见", "电子票据很方便，希望能在手机上直接下载。"),
    ],
    "市民政局": [
        ("consult", "城乡低保申请条件咨询", "请问申请城乡低保需要满足哪些条件？家庭收入怎么计算？"),
        (
            "consult",
            "养老服务补贴如何申请",
            "八十岁以上老人的养老服务补贴在哪里申请，需要带什么材料？",
        ),
        (
            "suggest",
            "建议增加社区养老服务站",
            "我们小区老年人多，建议就近增设社区养老服务站和老年食堂。",
        ),
        (
            "complain",
            "婚姻登记预约难",
            "网上预约婚姻登记总是约不上，希望增加号源。我的身份证号{idno}。",
        ),
        (
            "help",
            "困难家庭临时救助求助",
            "家中老人突发重病，医疗费用难以负担，请问能否申请临时救助？电话{phone}。",
        ),
        ("other", "殡葬服务收费标准", "希望公布殡葬服务的收费标准和惠民殡葬政策。"),
    ],
}
REPLIES = {
    "consult": "您好！您咨询的问题答复如下：相关政策已在本单位政府信息公开专栏发布，具体办理条件和材料可拨打本单位公开的咨询电话或到政务服务大厅窗口咨询。感谢您的关注。",
    "suggest": "您好！感谢您提出的宝贵建议。我们已将建议转相关科室研究，将在下一步工作中统筹考虑、积极采纳。",
    "complain": "您好！收到您的投诉后，我们立即进行了核查，相关问题已督促经办科室限期整改，并已与您电话沟通办理情况。",
    "help": "您好！我们已联系属地街道和社区工作人员上门了解情况，将依规为您办理相关救助事项，请保持电话畅通。",
    "other": "您好！您反映的情况我们已经收悉，已转相关科室研究办理，感谢您对我们工作的支持。",
}


def _phone(rng) -> str:
    return "1" + rng.choice("3578") + "".join(rng.choice("0123456789") for _ in range(9))


def _idno(rng) -> str:
    from gongkai.rules.idcard import check_char

    first = "371502" + f"{rng.randint(1950, 2000)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    first += f"{rng.randint(0, 999):03d}"
    return first + check_char(first)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 17), tzinfo=dates.GOV_TZ)


def load(ctx):
    rng = ctx.random
    today = ctx.today
    public = AnonymousUser()
    n = 0
    plan = []  # (city, prefix, unit short name)
    for city_name, prefix in (("聊城市", "lc"), ("东营市", "dy")):
        city = ctx.shared["cities"][city_name]
        for unit, people in (("市财政局", ""), ("市民政局", "mz-")):
            org = resolve(unit, within=city).organisation
            editor = User.objects.get(username=f"{prefix}-{people}editor")
            reviewer = User.objects.get(username=f"{prefix}-{people}reviewer")
            plan.append((city, org, unit, editor, reviewer))
    per_unit = 37  # 4 units -> 148 messages
    unanswered_old_done = False
    overdue_left = [1, 1, 1, 1]
    warn_left = 1
    for ui, (_city, org, unit, editor, reviewer) in enumerate(plan):
        for i in range(per_unit):
            age = int(540 * (per_unit - i) / per_unit) + rng.randint(0, 9)
            age = min(age, 545)
            received = today - dt.timedelta(days=age)
            kind, subject, text = TOPICS[unit][i % len(TOPICS[unit])]
            name = rng.choice(SURNAMES) + rng.choice(GIVEN)
            phone = _phone(rng)
            text = text.format(phone=_phone(rng), idno=_idno(rng))
            receipt = actions.do_submit(
                public,
                org,
                kind=kind,
                subject=subject,
                text=text,
                name=name,
                contact=phone,
                consent_publish=rng.random() < 0.75,
                received_on=received,
                received_at=_at(received, 9 + i % 8),
            )
            m = receipt.message
            n += 1
            # the one valid message unanswered for more than 3 months
            if not unanswered_old_done and ui == 0 and 95 <= age <= 200:
                unanswered_old_done = True
                continue
            if age <= 12 and i % 3 == 0:
                continue  # waiting, inside its deadline (or due soon)
            if 15 <= age <= 59 and overdue_left[ui]:
                overdue_left[ui] -= 1
                continue  # overdue
            if ui == 3 and 60 <= age <= 79 and warn_left:
                warn_left -= 1
                continue  # a 60-day warning on the 工作台
            if m.due_on and m.due_on > today and age <= 12:
                answer_on = today
            else:
                late = rng.random() < 0.12
                span = (m.due_on - received).days if m.due_on else 7
                delay = span + rng.randint(1, 10) if late else rng.randint(1, max(1, span))
                answer_on = min(received + dt.timedelta(days=delay), today)
            actions.do_draft_reply(editor, m, reply=REPLIES[kind])
            actions.do_review_reply(reviewer, m, approve=True, on=answer_on)
            m.refresh_from_db()
            if m.consent_publish:
                actions.do_publish(editor, m, at=_at(answer_on, 17))
            if rng.random() < 0.7:
                sat = rng.choices(["satisfied", "basic", "unsatisfied"], [70, 22, 8])[0]
                actions.do_rate(public, m, satisfaction=sat)
            if age > 30:
                actions.do_close(editor, m, reason="已答复")
    # fresh messages waiting inside their deadline (some due soon)
    for _city, org, unit, _editor, _reviewer in plan:
        for k, age in enumerate((1, 4)):
            kind, subject, text = TOPICS[unit][(k + 2) % len(TOPICS[unit])]
            received = today - dt.timedelta(days=age)
            actions.do_submit(
                public,
                org,
                kind=kind,
                subject=subject,
                text=text.format(phone=_phone(rng), idno=_idno(rng)),
                name=rng.choice(SURNAMES) + rng.choice(GIVEN),
                contact=_phone(rng),
                consent_publish=True,
                received_on=received,
                received_at=_at(received, 10 + k),
            )
            n += 1
    # a 信访 matter and a transfer in 聊城市
    city, org, unit, editor, reviewer = plan[1]
    r = actions.do_submit(
        public,
        org,
        kind="complain",
        subject="反映土地征收补偿纠纷",
        text="我家承包地被征收，补偿款至今未到位，多次反映未解决，请求处理。",
        name="赵国华",
        contact=_phone(rng),
        consent_publish=False,
        received_on=today - dt.timedelta(days=5),
    )
    actions.do_refer_xinfang(editor, r.message, reason="属于信访事项")
    r = actions.do_submit(
        public,
        plan[0][1],
        kind="consult",
        subject="低保金发放时间",
        text="请问城乡低保金每月几号发放？",
        name="钱秀英",
        contact=_phone(rng),
        consent_publish=True,
        received_on=today - dt.timedelta(days=3),
    )
    actions.do_transfer(plan[0][3], r.message, org, reason="低保事项由市民政局办理")
    # a message that is really an information application, converted (receipt date kept)
    received = today - dt.timedelta(days=6)
    r = actions.do_submit(
        public,
        org,
        kind="consult",
        subject="申请公开2025年城乡低保资金分配明细",
        text="本人申请公开2025年度本市城乡低保资金分配明细表。",
        name="孙明",
        contact=_phone(rng),
        consent_publish=False,
        received_on=received,
        received_at=_at(received, 15),
    )
    actions.do_convert(editor, r.message, applicant={"id_number": _idno(rng)})
    n += 3
    ctx.log(
        f"    {n} messages ({Message.objects.filter(published=True).count()} published; "
        f"one valid message unanswered for more than 3 months)"
    )
