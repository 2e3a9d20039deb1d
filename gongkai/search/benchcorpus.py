"""A synthetic corpus of government-style items for the search benchmark and tests.

Deterministic (seeded), about 540 characters per item, vocabulary of real 政务公开 documents:
titles such as 聊城市财政局关于进一步做好城乡低保标准调整工作的通知, a document number
(聊财发〔2019〕37号), numbered paragraphs, laws cited, amounts, dates, the issuing body with
its short name or alias (市发改委 / 市发展改革委), and a closing line.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from gongkai.orgs.demo_data import CITY_DEPARTMENTS
from gongkai.search.registry import SearchDoc

CITIES = [
    ("聊城市", "聊"),
    ("东营市", "东"),
    ("济宁市", "济"),
    ("临沂市", "临"),
    ("德州市", "德"),
    ("菏泽市", "菏"),
    ("泰安市", "泰"),
    ("滨州市", "滨"),
]
TOPICS = [
    "城乡低保标准",
    "农村危房改造",
    "义务教育均衡发展",
    "城乡居民基本医疗保险",
    "安全生产大检查",
    "政务公开",
    "优化营商环境",
    "精准扶贫",
    "乡村振兴",
    "大气污染防治",
    "PM2.5监测",
    "不动产登记",
    "养老服务体系建设",
    "住房公积金缴存",
    "食品安全监管",
    "河长制",
    "5G基站建设",
    "城市管理执法",
    "行政审批制度改革",
    "困难群众救助",
    "退役军人优抚",
    "农业社会化服务",
    "冬季清洁取暖",
    "城镇老旧小区改造",
    "双随机一公开监管",
    "政府信息公开申请办理",
    "重大行政决策程序",
    "就业创业扶持",
]
GENRES = ["通知", "意见", "办法", "实施方案", "报告", "公告", "决定", "规定", "通报", "批复"]
ACTIONS = ["进一步做好", "加强", "印发", "开展", "调整", "规范", "推进", "做好", "落实", "深化"]
LAWS = [
    "《中华人民共和国政府信息公开条例》",
    "《社会救助暂行办法》",
    "《中华人民共和国安全生产法》",
    "《优化营商环境条例》",
    "《中华人民共和国大气污染防治法》",
    "《不动产登记暂行条例》",
    "《住房公积金管理条例》",
    "《中华人民共和国食品安全法》",
    "《重大行政决策程序暂行条例》",
]
PURPOSES = [
    "切实保障困难群众基本生活",
    "深入贯彻落实党中央、国务院决策部署",
    "推动工作任务落地见效",
    "进一步提升政务服务水平",
    "加快建设法治政府",
    "规范行政权力运行",
    "维护人民群众合法权益",
    "促进经济社会高质量发展",
]
SENTENCES = [
    "各县（市、区）要高度重视{topic}工作，成立以主要负责同志为组长的领导小组，明确责任分工。",
    "自{date}起，{topic}相关标准调整为每人每月{amount}元，所需资金由市、县两级财政按比例分担。",
    "{org}要会同有关部门加强督导检查，对工作不力、进展缓慢的单位予以通报。",
    "各级各部门要依法依规做好{topic}信息公开，主动接受社会监督，及时回应群众关切。",
    "对{year}年度{topic}工作成效明显的单位，在年度考核中予以加分。",
    "请各单位于{date}前将工作开展情况报送{org}，联系电话0635-{phone}。",
    "本{genre}自印发之日起施行，有效期至{end}年12月31日。",
    "要充分运用“互联网+监管”手段，推进数据共享，提高{topic}工作信息化水平。",
    "坚持问题导向，聚焦群众反映强烈的突出问题，建立台账，逐项整改销号。",
    "鼓励社会力量参与，形成政府主导、部门协作、社会参与的工作格局。",
    "严格落实首问负责、一次性告知和限时办结制度，杜绝推诿扯皮现象。",
    "各地要加强宣传引导，通过政府网站、政务新媒体等渠道做好政策解读。",
    "对违反规定的，依照有关规定追究相关单位和人员的责任；构成犯罪的，依法追究刑事责任。",
    "统筹使用各级专项资金{amount}万元，重点支持乡镇（街道）和村（社区）基础设施建设。",
]
NUMERALS = "一二三四五六七八九十"
LATIN = ["APP", "GDP", "CPI", "QQ", "ETC", "5G", "PPP", "VR"]


def _org_names(city: str):
    """(short name, full name, aliases) of each department, with the city's name."""
    for short, full, aliases in CITY_DEPARTMENTS:
        yield short, f"{city}{full}", list(aliases)


def alias_spellings() -> list[list[str]]:
    """Every department's spellings (short name, full name, aliases) across the cities."""
    groups: dict[str, list[str]] = {}
    for city, _ in CITIES:
        for short, full, aliases in _org_names(city):
            groups.setdefault(short, [short, *aliases])
            groups[short].append(full)
    return list(groups.values())


def doc_prefix(city_abbr: str, short: str) -> str:
    core = short.removeprefix("市")[:1]
    return f"{city_abbr}{core}发"


def generate(n: int, seed: int = 2017) -> Iterator[SearchDoc]:
    rnd = random.Random(seed)
    depts = list(CITY_DEPARTMENTS)
    base = dt.datetime(2008, 1, 1, tzinfo=dt.UTC)
    serials: dict[tuple[str, int], int] = {}
    for i in range(1, n + 1):
        city, abbr = rnd.choice(CITIES)
        short, full_tail, aliases = rnd.choice(depts)
        full = f"{city}{full_tail}"
        spoken = rnd.choice([short, full, *aliases]) if aliases else rnd.choice([short, full])
        topic = rnd.choice(TOPICS)
        genre = rnd.choice(GENRES)
        published = base + dt.timedelta(days=rnd.randrange(0, 18 * 365), seconds=i % 86400)
        year = published.year
        prefix = doc_prefix(abbr, short)
        serial = serials[prefix, year] = serials.get((prefix, year), 0) + rnd.randint(1, 3)
        doc_number = f"{prefix}〔{year}〕{serial}号"
        title = f"{full}关于{rnd.choice(ACTIONS)}{topic}工作的{genre}"
        if rnd.random() < 0.1:
            title += f"（{rnd.choice(LATIN)}）"
        parts = [doc_number, "\n各县（市、区）人民政府，市属开发区管委会，市政府各部门：\n"]
        parts.append(
            f"为{rnd.choice(PURPOSES)}，根据{rnd.choice(LAWS)}等规定，结合我市实际，"
            f"现就{topic}有关事项{genre}如下。\n"
        )
        k = 0
        while sum(len(p) for p in parts) < rnd.randint(470, 560):
            template = rnd.choice(SENTENCES)
            text = template.format(
                topic=rnd.choice([topic, topic, rnd.choice(TOPICS)]),
                org=rnd.choice([spoken, short, full]),
                date=f"{year}年{rnd.randint(1, 12)}月{rnd.randint(1, 28)}日",
                amount=rnd.choice([580, 710, 865, 1200, 3500, 12000]),
                year=year - 1,
                phone=rnd.randint(8000000, 8999999),
                genre=genre,
                end=year + rnd.choice([2, 3, 5]),
            )
            parts.append(f"{NUMERALS[k % 10]}、{text}\n")
            k += 1
        parts.append(f"\n{full}\n{year}年{published.month}月{published.day}日")
        validity = "valid" if rnd.random() < 0.75 else rnd.choice(["expired", "repealed"])
        yield SearchDoc(
            kind="item",
            id=i,
            title=title,
            text="".join(parts),
            org_id=(CITIES.index((city, abbr)) * 100) + depts.index((short, full_tail, aliases)),
            org_label=full,
            org_names="",
            doc_number=doc_number,
            genre=genre,
            category="normative" if genre in ("办法", "规定", "决定") else "document",
            validity=validity,
            published_at=published,
            url=f"/gk/item/{i}/",
        )
