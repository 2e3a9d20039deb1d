"""Demo applications: every state and every outcome code across both cities, some overdue, some
due soon, one whose due date falls in 2027 (provisional), and the 市民政局 walkthrough story.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from gongkai.accounts.models import User
from gongkai.orgs.models import Organisation
from gongkai.rules import outcomes
from gongkai.rules.idcard import check_char
from gongkai.workcal.services import get_calendar

from . import actions
from .models import RemedyConfig

CITY_PREFIX = {"聊城市": "lc", "东营市": "dy"}

# (name, id number) of demo natural persons, with valid check characters.
PEOPLE = [
    (name, first17 + check_char(first17))
    for name, first17 in [
        ("王小明", "37250119850312001"),
        ("李秀英", "37250119791105002"),
        ("张建国", "37050219680821003"),
        ("刘芳", "37050219900214004"),
        ("陈静", "37250119880730005"),
        ("赵磊", "37050219951201006"),
    ]
]
COMPANIES = [
    ("commercial", "聊城市鲁西建材有限公司", "91371500MA3C000011"),
    ("research", "山东省社会科学研究所", "12370000MB0000002X"),
    ("public_welfare", "黄河口公益服务中心", "52370500MJ0000003Y"),
    ("legal_services", "山东正衡律师事务所", "31370000MD0000004H"),
    ("other_org", "东营市某社区居民委员会", "57370500ME0000005K"),
]
TOPICS = {
    "市民政局": [
        "{year}年第三季度城乡低保保障情况及低保资金发放情况",
        "本市养老机构运营补贴发放名单及标准",
        "{year}年临时救助资金使用情况",
        "殡葬改革实施方案及公墓收费标准",
    ],
    "市财政局": [
        "{year}年市级一般公共预算执行情况和部门预算",
        "{year}年政府债务限额及余额情况",
        "市级专项资金管理办法及分配结果",
    ],
    "市住房城乡建设局": [
        "某小区棚户区改造项目征收补偿方案",
        "{year}年保障性住房分配名单",
    ],
    "市环保局": [
        "某化工企业环境影响评价报告及批复",
        "{year}年重点排污单位名录",
    ],
}
DETAILS = {
    "where_published": "本机关门户网站“政府信息公开—法定主动公开内容”栏目",
    "how_provided": "电子邮件发送至申请人预留邮箱",
    "withheld_part": "涉及个人身份证号码、银行账号的内容",
    "withheld_reason": "withheld_third_party",
    "legal_basis": "《中华人民共和国政府信息公开条例》第十五条、第三十七条",
    "explanation": "经审查，所申请内容属于该情形。",
    "responsible_agency": "市医疗保障局（电话 12345）",
    "procedure": "不动产登记资料查询按《不动产登记资料查询暂行办法》向不动产登记机构申请",
}


def _pick(ctx, seq):
    return seq[ctx.random.randrange(len(seq))]


def _details(code, reply, earlier=""):
    d = {k: DETAILS[k] for k in outcomes.required_fields(code, reply) if k in DETAILS}
    if "earlier_reply" in outcomes.required_fields(code, reply):
        d["earlier_reply"] = earlier or "本机关此前答复"
    return d


def load(ctx):
    cal = get_calendar()
    today = ctx.today

    def wd(n):  # n working days before today
        return cal.add_workdays(today, -n).date

    stats = {"apps": 0}
    for city_name, prefix in CITY_PREFIX.items():
        _load_city(ctx, cal, wd, city_name, prefix, stats)
    ctx.log(
        f"    {stats['apps']} applications (every state and outcome, overdue, due soon, one due in 2027)"
    )


def _load_city(ctx, cal, wd, city_name, prefix, stats):
    today = ctx.today
    city = Organisation.objects.get(parent__isnull=True, name__startswith=city_name)
    editor = User.objects.get(username=f"{prefix}-mz-editor")
    reviewer = User.objects.get(username=f"{prefix}-mz-reviewer")
    cz_editor = User.objects.get(username=f"{prefix}-editor")
    admin = User.objects.get(username=f"{prefix}-admin")
    RemedyConfig.objects.create(
        organisation=city,
        review_body=f"{city.name}",
        review_address=city.address,
        court="聊城市东昌府区人民法院" if prefix == "lc" else "东营市东营区人民法院",
        court_address=f"{city_name}人民法院诉讼服务中心",
    )
    depts = {
        o.short_name: o for o in Organisation.objects.filter(city=city, short_name__in=list(TOPICS))
    }
    handlers = {"市民政局": editor, "市财政局": cz_editor}

    def actor_for(org):
        return handlers.get(org.short_name, admin)

    serial = [0]

    def person(i=None):
        i = serial[0] if i is None else i
        serial[0] += 1
        name, idn = PEOPLE[i % len(PEOPLE)]
        return {
            "applicant_type": "natural",
            "name": name,
            "id_type": "id_card",
            "id_number": idn,
            "phone": f"1380000{i % 10}{i % 7}{i % 3}{i % 10}",
            "email": f"applicant{i}@example.com",
            "address": f"{city_name}某区某路{i + 1}号",
        }

    def company(t):
        atype, name, code = next(c for c in COMPANIES if c[0] == t)
        return {
            "applicant_type": atype,
            "name": name,
            "org_code": code,
            "contact_person": "联系人",
            "phone": "0635-8000000",
            "address": f"{city_name}开发区",
        }

    def submit(org, who, text, received, channel=None, delivery="email"):
        stats["apps"] += 1
        channel = channel or _pick(ctx, ["online", "online", "letter", "in_person", "email", "fax"])
        return actions.submit(
            org,
            {**who, "description": text.format(year=received.year), "delivery": delivery},
            channel=channel,
            received_on=received,
            actor=actor_for(org) if channel != "online" else AnonymousUser(),
        )

    mz = depts["市民政局"]
    cz = depts["市财政局"]
    others = [o for k, o in depts.items() if k not in ("市民政局", "市财政局")]

    # -- the walkthrough: a repeat request, a published item, consultation, 部分公开 ------
    wang = person(0)
    first = submit(mz, wang, "{year}年第三季度城乡低保保障情况及低保资金发放明细", wd(30), "online")
    send_through_draft(
        first,
        "disclosed",
        _details("disclosed", "disclose"),
        on=wd(22),
        method="email",
        actor=editor,
        add="随本答复书提供的明细表已按季度汇总，不含个人身份信息。",
    )
    story = submit(
        mz, wang, "请公开{year}年第三季度城乡低保保障情况和低保资金发放明细", wd(2), "online"
    )
    actions.add_note(
        story,
        "经查，本局已于门户网站公开季度低保保障情况，需核实是否包含资金发放明细。",
        kind="investigation",
        actor=editor,
    )
    # the same story already carried through, as an example of the finished case
    done = submit(
        mz, person(1), "某养老服务公司承接的居家养老服务合同及资金拨付情况", wd(28), "letter"
    )
    c = actions.start_consultation(
        done,
        kind="third_party",
        party="聊城市某养老服务有限公司" if prefix == "lc" else "东营市某养老服务有限公司",
        question="申请公开贵公司与本局签订的居家养老服务合同，其中合同单价是否涉及商业秘密",
        on=wd(24),
        actor=editor,
    )
    actions.record_answer(
        c,
        on=wd(18),
        answer="合同单价属于商业秘密，不同意公开；其余内容无异议。",
        objects=True,
        actor=editor,
    )
    send_through_draft(
        done,
        "partial",
        {**_details("partial", "disclose"), "withheld_part": "合同单价及报价明细"},
        on=wd(10),
        method="post",
        actor=editor,
        add="第三方已书面答复合同单价涉及商业秘密，本机关经审查予以采纳。",
    )
    # 网上获取: the applicant downloads the letter from the status page (code + verifier)
    online = submit(
        cz, person(2), "{year}年市级部门预算公开目录及公开时间", wd(16), "online", "online"
    )
    send_through_draft(
        online,
        "disclosed",
        {"how_provided": "网上获取：请凭查询码和验证码在本平台“申请查询”页面下载"},
        on=wd(5),
        method="online",
        actor=cz_editor,
        add="部门预算公开目录共列明市直部门42个，已于本机关门户网站同步发布。",
    )
    ctx.shared.setdefault("applicant_logins", []).append(
        (city_name, online.tracking_code, online.verifier)
    )
    ctx.log(
        f"    {city_name} 网上获取 applicant: /apply/status/ code {online.tracking_code} "
        f"verifier {online.verifier} (downloads the reply letter)"
    )
    # a draft waiting for the clerk's confirmation: the case is not closed yet
    waiting = submit(mz, person(), "{year}年城乡居民最低生活保障标准调整文件", wd(9))
    actions.draft_reply(
        waiting,
        outcome="disclosed",
        reply_type="already_public",
        details=_details("disclosed", "already_public"),
        on=today,
        actor=editor,
    )

    # -- open applications in every state ---------------------------------------------
    submit(mz, person(), "{year}年临时救助资金使用情况", wd(0))  # registered today
    processing = submit(cz, person(), "{year}年市级一般公共预算执行情况和部门预算", wd(6))
    actions.add_note(processing, "已向预算科调取材料。", kind="investigation", actor=cz_editor)
    corr = submit(mz, person(), "你们那个文件", wd(4))
    actions.request_correction(
        corr,
        items="请写明所需政府信息的名称、文号或者便于行政机关查询的其他特征性描述。",
        on=wd(3),
        actor=editor,
    )
    consulting = submit(
        cz,
        company("commercial"),
        "市级专项资金管理办法及分配结果（涉及本公司及同行企业）",
        wd(12),
    )
    actions.start_consultation(
        consulting,
        kind="agency",
        party=f"{city_name}发展和改革委员会",
        question="该专项资金分配结果系与贵委联合制作，是否同意公开",
        on=wd(5),
        actor=cz_editor,
    )
    fee_app = None
    for k in range(11):  # the 11th application of a month costs ¥100
        fee_app = submit(cz, company("legal_services"), f"{{year}}年市级部门预算第{k + 1}册", wd(3))
    actions.issue_fee_notice(
        fee_app,
        method="per_application",
        payment_info="银行转账至本机关非税收入账户",
        on=wd(2),
        actor=cz_editor,
    )
    overdue = submit(mz, person(), "本市养老机构运营补贴发放名单及标准", wd(27))
    actions.add_note(overdue, "补贴名单涉及个人信息，待去标识化处理。", actor=editor)
    submit(cz, person(), "{year}年政府债务限额及余额情况", wd(24))  # overdue too
    submit(mz, person(), "殡葬改革实施方案及公墓收费标准", wd(17))  # due soon
    soon = submit(cz, company("research"), "{year}年财政收支月报原始数据", wd(18))
    actions.add_note(soon, "数据量较大，正在整理。", actor=cz_editor)
    crossing = submit(mz, person(), "{year}年社会组织年检结果及处理情况", wd(1))
    actions.extend(
        crossing,
        days=20,
        reason="所申请信息涉及多个科室，需汇总核对",
        approver=reviewer,
        on=today,
        actor=editor,
    )

    bulk = submit(cz, company("commercial"), "2010年以来市级全部政府采购合同及验收材料", wd(8))
    actions.set_later_date(
        bulk,
        later=cal.add_workdays(today, 45).date,
        reason="所申请材料逾千份，需逐份审查是否涉及商业秘密，申请人说明用于行业研究，理由合理。",
        on=wd(6),
        actor=cz_editor,
    )

    # -- closed applications: every outcome code, split over the two cities -----------
    codes = outcomes.OUTCOME_CODES[0::2] if prefix == "lc" else outcomes.OUTCOME_CODES[1::2]
    types = [t for t, _ in outcomes.APPLICANT_TYPES]
    for i, code in enumerate(codes):
        org = [mz, cz, *others][i % (2 + len(others))]
        t = types[i % len(types)]
        who = person() if t == "natural" else company(t)
        topic = _pick(ctx, TOPICS.get(org.short_name, TOPICS["市民政局"]))
        received = wd(60 + 7 * i)
        app = submit(org, who, topic, received)
        reply = outcomes.REPLY_FOR_OUTCOME[code][0]
        if code == "other_no_correction":
            actions.request_correction(
                app,
                items="请说明所需信息的具体名称。",
                on=cal.add_workdays(received, 2).date,
                actor=actor_for(org),
            )
            actions.close_expired(cal.add_workdays(received, 20).date)
            continue
        if code == "other_no_fee":
            actions.issue_fee_notice(
                app,
                method="by_volume",
                pages=150,
                on=cal.add_workdays(received, 3).date,
                actor=actor_for(org),
            )
            actions.close_expired(cal.add_workdays(received, 25).date)
            continue
        if code == "unavailable_unclear":
            actions.request_correction(
                app,
                items="请说明所需信息的具体名称。",
                on=cal.add_workdays(received, 2).date,
                actor=actor_for(org),
            )
            actions.receive_correction(
                app, on=cal.add_workdays(received, 6).date, actor=actor_for(org)
            )
        # a few answered late, so the statistics show overdue cases
        taken = 24 if i % 5 == 4 else 8 + i % 10
        actions.decide(
            app,
            outcome=code,
            reply_type=reply,
            details=_details(code, reply, first.registration_no),
            on=cal.add_workdays(received, taken).date,
            delivery_method="post",
            actor=actor_for(org),
        )

    # carried over from last year: received in December, still open or closed in January
    last_dec = dt.date(today.year - 1, 12, 20)
    carried = submit(cz, person(), "{year}年度部门决算及三公经费", last_dec)
    actions.decide(
        carried,
        outcome="disclosed",
        details=_details("disclosed", "disclose"),
        on=dt.date(today.year, 1, 9),
        delivery_method="email",
        actor=cz_editor,
    )

    # -- frequently requested: three people ask for the same list ---------------------
    for k in range(3):
        submit(mz, person(3 + k), "本市养老机构运营补贴发放名单", wd(40 + k))
    if prefix == "dy":
        popular = list(mz.applications.filter(description__contains="养老机构运营补贴"))
        actions.propose_proactive(
            mz,
            subject="本市养老机构运营补贴发放名单",
            description="近期多人申请，建议按季度主动公开。",
            applications=popular,
            actor=admin,
        )


def send_through_draft(app, outcome, details, *, on, method, actor, add=""):
    """Decide through the clerk's path: the draft, one paragraph added, sent and closed."""
    draft = actions.draft_reply(app, outcome=outcome, details=details, on=on, actor=actor).draft
    if add:
        bodies = [p["text"] for p in draft.paragraphs if p["part"] == "body"]
        bodies[0] = f"{bodies[0]}\n\n{add}"
        draft = actions.edit_draft(
            draft, bodies=bodies, seen=actions.token(draft), actor=actor
        ).draft
    return actions.send_reply(
        draft, seen=actions.token(draft), sent_on=on, method=method, actor=actor
    ).letter


def walkthrough_application(city_prefix="lc"):
    """The 市民政局 application the walkthrough starts from (for docs and tests)."""
    from .models import Application

    city = "聊城市" if city_prefix == "lc" else "东营市"
    return (
        Application.objects.filter(
            organisation__short_name="市民政局", organisation__city__name__startswith=city
        )
        .filter(Q(description__startswith="请公开"))
        .first()
    )
