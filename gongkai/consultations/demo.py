"""Demo consultations for both cities, made through the consultation actions (docs/participation.md).

Per city (市民政局): one open now (about 40 comments from several channels, some near-identical,
some on articles), one closed with its feedback published and linked to its final policy and
解读, one opened with a shorter period and its recorded reason. Past steps run with the
government clock set to their day (``gongkai.rules.dates._utcnow``, as the tests do).
"""

from __future__ import annotations

import contextlib
import datetime as dt

from django.contrib.auth.models import AnonymousUser

from gongkai.accounts.models import User
from gongkai.orgs.services import resolve
from gongkai.rules import dates

from . import actions, services

ANON = AnonymousUser()


@contextlib.contextmanager
def clock(day: dt.date, hour: int = 10):
    saved = dates._utcnow
    moment = dt.datetime.combine(day, dt.time(hour)).replace(tzinfo=dates.GOV_TZ)
    dates._utcnow = lambda: moment.astimezone(dt.UTC)
    try:
        yield
    finally:
        dates._utcnow = saved


def draft_text(city: str, subject: str, articles: list[str]) -> str:
    head = [f"{city}{subject}", "（征求意见稿）", "", "第一章　总　则", ""]
    body = []
    for i, text in enumerate(articles, start=1):
        if i == len(articles) - 1:
            body += ["", "第二章　附　则", ""]
        body.append(f"第{_cn(i)}条　{text}")
    return "\n".join(head + body) + "\n"


def _cn(n: int) -> str:
    from gongkai.rules.participation.articles import cn_numeral

    return cn_numeral(n)


SUBSIDY = [
    "为了规范老年人养老服务补贴发放工作，根据《山东省养老服务条例》等规定，结合本市实际，制定本办法。",
    "本办法适用于本市行政区域内具有本市户籍的老年人养老服务补贴的申请、审核和发放。",
    "年满八十周岁的经济困难老年人，可以申请居家养老服务补贴，补贴标准为每人每月一百元。",
    "失能老年人经评估确定照护等级的，按照等级每人每月增发五十元至二百元的护理补贴。",
    "申请人向户籍所在地乡镇人民政府（街道办事处）提出申请，乡镇（街道）应当在十个工作日内完成审核。",
    "县级民政部门应当按月发放补贴，并在每季度首月公示补贴发放情况，公示时不得公开身份证号码等个人信息。",
    "民政部门应当会同财政部门对补贴资金的使用情况进行监督检查。",
    "本办法由市民政局负责解释。",
    "本办法自发布之日起施行，有效期五年。",
]
LOW_INCOME = [
    "为了规范城乡居民最低生活保障工作，保障困难群众基本生活，根据《社会救助暂行办法》等规定，制定本办法。",
    "本办法适用于本市行政区域内城乡居民最低生活保障的申请、审核确认和管理。",
    "共同生活的家庭成员人均月收入低于当地最低生活保障标准，且家庭财产状况符合规定的，可以申请最低生活保障。",
    "家庭财产状况包括存款、有价证券、机动车辆、房屋等，具体认定办法由市民政局另行制定。",
    "最低生活保障标准由市人民政府确定，每年调整一次，并向社会公布。",
    "申请人可以向户籍所在地或者经常居住地乡镇人民政府（街道办事处）提出申请，也可以通过网上平台提出申请。",
    "乡镇人民政府（街道办事处）应当自受理申请之日起二十个工作日内完成家庭经济状况调查并提出初审意见。",
    "对审核确认的最低生活保障家庭，应当在村（居）民委员会设置的村（居）务公开栏公布，公布内容不得包括身份证号码、银行账号等个人信息。",
    "县级民政部门应当对最低生活保障家庭实行分类管理和动态管理。",
    "本办法由市民政局负责解释。",
    "本办法自2027年1月1日起施行。",
]
RELIEF = [
    "为了做好寒潮等极端天气期间的临时救助工作，根据《社会救助暂行办法》，制定本通知。",
    "临时救助标准由每人每次五百元调整为八百元，急难型临时救助可以先行救助、事后补办手续。",
    "乡镇人民政府（街道办事处）应当在二十四小时内完成急难型临时救助的审核。",
    "本通知自发布之日起施行。",
]

CAMPAIGN = "建议将最低生活保障标准提高到每人每月一千元，物价上涨了，现在的标准不够用。"
VOICES = [
    (3, "建议明确“人均月收入”的计算方法，灵活就业收入如何认定应当写清楚。"),
    (3, "建议将赡养费按实际支付数额计算，而不是按子女收入推算。"),
    (4, "家庭财产中的机动车辆，建议排除用于残疾人代步和从事营运的车辆。"),
    (4, "建议写明存款的上限标准，否则基层难以把握。"),
    (5, "建议每年调整标准时同时公布测算依据。"),
    (6, "网上申请很好，建议同时保留窗口申请，方便不会用手机的老人。"),
    (6, "建议允许委托村（居）委会代为提出申请。"),
    (7, "二十个工作日太长，建议缩短为十五个工作日。"),
    (7, "建议对重病、重残家庭开通绿色通道，先纳入后补材料。"),
    (8, "公示时请注意保护隐私，不要公布家庭住址和患病情况。"),
    (9, "建议明确动态管理的复核周期，分类管理的标准也应公开。"),
    (None, "总体赞成，建议尽快出台。"),
    (None, "建议同步出台特困人员供养办法，两个制度要衔接。"),
    (None, "希望加强对基层经办人员的培训，减少“人情保”。"),
]


def _user(username):
    return User.objects.filter(username=username).first()


def load(ctx):
    cities = ctx.shared.get("cities") or {}
    total = 0
    for prefix, (city_name, city) in zip(("lc", "dy"), cities.items(), strict=False):
        res = resolve("市民政局", within=city)
        org = res.organisation
        editor, reviewer = _user(f"{prefix}-mz-editor"), _user(f"{prefix}-mz-reviewer")
        if org is None or editor is None or reviewer is None:
            ctx.log(f"  consultations: no 市民政局 staff in {city_name}: skipped")
            continue
        total += _closed_with_feedback(ctx, city_name, org, editor, reviewer)
        total += _open_now(ctx, city_name, org, editor, reviewer)
        total += _shorter(ctx, city_name, org, editor, reviewer)
    ctx.log(f"  {total} consultations")


def _prepare(day, org, editor, reviewer, *, title, kind, closes_on, text, reason="", **extra):
    with clock(day - dt.timedelta(days=3)):
        c = actions.create(
            editor,
            org,
            title=title,
            doc_kind=kind,
            opens_on=day,
            closes_on=closes_on,
            shorter_reason=reason,
            channels=["online", "email", "letter", "meeting"],
            email="zqyj@mz.example.gov.cn",
            post_address=f"{org.name}政策法规科",
            meeting_note="征求意见期间将召开座谈会，邀请人大代表、政协委员和群众代表参加。",
            contact_unit=f"{org.name}政策法规科",
            explanation=f"为进一步规范相关工作，{org.name}起草了本文件。起草过程中开展了专题调研，"
            "听取了县（市、区）民政部门和基层经办人员的意见。",
            basis="《社会救助暂行办法》《山东省社会救助办法》",
            **extra,
        )
        actions.upload_draft(editor, c, "征求意见稿.txt", text.encode("utf-8"), "初稿")
        actions.submit(editor, c)
        actions.approve(reviewer, c)
    with clock(day, 9):
        return actions.open_consultation(editor, c)


def _comment(c, rng, day, article_no, text, channel, editor, consent=True):
    art = c.articles.filter(number=article_no).first() if article_no else None
    contact = f"139{rng.randint(10000000, 99999999)}"
    with clock(day, rng.randint(8, 21)):
        if channel == "online":
            return actions.submit_comment(
                ANON, c, text=text, contact=contact, consent=consent, article=art,
                name=rng.choice(["", "", "王先生", "李女士", "社区工作者"]),
            )  # fmt: skip
        return actions.submit_comment(
            editor, c, text=text, contact=contact, consent=consent, article=art,
            channel=channel, received_on=day, name=rng.choice(["市民来信", "座谈会代表", "张某"]),
        )  # fmt: skip


def _open_now(ctx, city_name, org, editor, reviewer) -> int:
    rng, today = ctx.random, ctx.today
    opened = today - dt.timedelta(days=12)
    c = _prepare(
        opened, org, editor, reviewer,
        title=f"{city_name}城乡居民最低生活保障办法（征求意见稿）",
        kind="major_decision", closes_on=opened + dt.timedelta(days=33),
        text=draft_text(city_name, "城乡居民最低生活保障办法", LOW_INCOME),
    )  # fmt: skip
    n = 0
    for i in range(7):  # a campaign: the same opinion seven times, grouped into one
        day = opened + dt.timedelta(days=1 + i)
        variant = CAMPAIGN if i % 2 == 0 else CAMPAIGN.replace("，", "。", 1)
        _comment(c, rng, day, 5, variant, "online", editor)
        n += 1
    channels = ["online"] * 6 + ["email", "email", "letter", "meeting"]
    while n < 40:
        article_no, text = VOICES[n % len(VOICES)]
        if n >= len(VOICES) + 7:
            text = text.replace("建议", "我建议", 1) + "（再次反映）"
        day = opened + dt.timedelta(days=rng.randint(1, 11))
        _comment(
            c, rng, day, article_no, text, rng.choice(channels), editor, consent=rng.random() > 0.2
        )
        n += 1
    return 1


def _closed_with_feedback(ctx, city_name, org, editor, reviewer) -> int:
    from gongkai.catalog.actions import publish_item_now
    from gongkai.catalog.models import CatalogEntry

    rng, today = ctx.random, ctx.today
    opened = today - dt.timedelta(days=130)
    closes = opened + dt.timedelta(days=32)
    c = _prepare(
        opened, org, editor, reviewer,
        title=f"{city_name}老年人养老服务补贴管理办法（征求意见稿）",
        kind="normative_market", closes_on=closes,
        text=draft_text(city_name, "老年人养老服务补贴管理办法", SUBSIDY),
    )  # fmt: skip
    opinions = [
        (
            3,
            "建议将补贴标准提高到每人每月一百五十元。",
            "partly",
            "综合考虑财力，标准提高至每人每月一百二十元。",
            "第三条",
        ),
        (
            3,
            "建议将补贴年龄放宽到七十五周岁。",
            "rejected",
            "现阶段财力有限，先保障八十周岁以上老年人，今后逐步扩大。",
            "",
        ),
        (5, "十个工作日审核太长，建议缩短。", "adopted", "", "第五条"),
        (6, "建议公示时不要公开老年人的身份证号码和住址。", "adopted", "", "第六条"),
        (4, "建议明确照护等级评估由谁负责、是否收费。", "adopted", "", "第四条"),
        (None, "建议增加对养老服务机构的监管内容。", "out_of_scope", "", ""),
        (None, "总体赞成。", "adopted", "", ""),
    ]
    made = []
    for i, (art, text, *_rest) in enumerate(opinions):
        copies = 3 if i == 0 else 1
        for k in range(copies):
            made.append(
                _comment(c, rng, opened + dt.timedelta(days=2 + i * 3 + k), art, text,
                         "online" if k or i % 3 else "letter", editor)
            )  # fmt: skip
    with clock(closes + dt.timedelta(days=1), 1):
        actions.close_due()
    c.refresh_from_db()
    leaders = {lead.text: lead for lead in services.leaders(c)}
    with clock(closes + dt.timedelta(days=10)):
        for _art, text, disposition, reason, final in opinions:
            actions.dispose(editor, leaders[text], disposition, reason, final)
    final_text = (
        draft_text(city_name, "老年人养老服务补贴管理办法", SUBSIDY)
        .replace("（征求意见稿）\n", "")
        .replace("每人每月一百元", "每人每月一百二十元")
        .replace("十个工作日内", "五个工作日内")
        .replace("不得公开身份证号码等个人信息", "不得公开身份证号码、家庭住址等个人信息")
        .replace("由市民政局负责解释", "由市民政局会同市财政局负责解释")
    )
    published = dt.datetime.combine(
        closes + dt.timedelta(days=40), dt.time(10), tzinfo=dates.GOV_TZ
    )
    normative = CatalogEntry.objects.get(organisation=org, slug="normative")
    year = published.year
    policy = publish_item_now(
        organisation=org,
        title=f"{city_name}老年人养老服务补贴管理办法",
        body="".join(f"<p>{line}</p>" for line in final_text.splitlines() if line.strip()),
        entries=[normative],
        actor=reviewer,
        published_at=published,
        reason="演示数据",
        kind="normative",
        doc_number=f"{city_name[:2]}民发〔{year}〕{rng.randint(10, 40)}号",
        signed_on=published.date() - dt.timedelta(days=3),
        issuers=[org],
        genre="办法",
        theme="社会保障",
    )
    interp = CatalogEntry.objects.filter(organisation=org, slug="interpretation").first()
    if interp is not None:
        publish_item_now(
            organisation=org,
            title=f"《{city_name}老年人养老服务补贴管理办法》政策解读",
            body="<h3>问：补贴标准是多少？</h3><p>答：经济困难的八十周岁以上老年人每人每月一百二十元；"
            "征求意见期间群众提出提高标准，办法予以部分采纳。</p>",
            entries=[interp],
            actor=reviewer,
            published_at=published,
            reason="演示数据",
            kind="interpretation",
            interpretation_form="qa",
            interprets=[policy],
            issuers=[org],
            genre="解读",
        )
    with clock(closes + dt.timedelta(days=41)):
        actions.link_final(editor, c, policy)
        actions.publish_feedback(reviewer, c, "对群众意见逐条研究，主要意见已在正式文件中体现。")
    return 1


def _shorter(ctx, city_name, org, editor, reviewer) -> int:
    rng, today = ctx.random, ctx.today
    opened = today - dt.timedelta(days=2)
    c = _prepare(
        opened, org, editor, reviewer,
        title=f"关于调整{city_name}临时救助标准的通知（征求意见稿）",
        kind="normative", closes_on=opened + dt.timedelta(days=5),
        text="\n".join(f"第{_cn(i)}条　{t}" for i, t in enumerate(RELIEF, start=1)),
        reason="气象部门预报本月中旬将有强寒潮，临时救助标准须在寒潮到来前调整，"
        "征求意见期缩短为5日；同时召开座谈会听取意见。",
    )  # fmt: skip
    for i in range(4):
        _comment(c, rng, opened + dt.timedelta(days=1), 2 if i % 2 else None,
                 ["赞成提高标准。", "建议先行救助的情形写得更具体。", "赞成，希望尽快施行。",
                  "建议明确事后补办手续的期限。"][i], "online", editor)  # fmt: skip
    return 1
