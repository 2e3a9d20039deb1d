"""Section 一 drafted from the year's figures, the figures quoted in a text found again, and the
similarity of two years' texts (内容雷同).

Every figure the draft quotes is written through one of the :data:`FACTS` phrases, so the check
(:func:`quoted_figures`) can find it again after staff have edited the text and compare it with
the tables; a number typed outside these phrases is not a "figure of the report".
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Fact:
    key: str
    phrase: str  # with {n}
    label: str  # where the figure comes from (zh)
    optional: bool = False  # left out of the draft when the source app is absent (None)

    @property
    def pattern(self) -> re.Pattern:
        before, after = self.phrase.split("{n}")
        return re.compile(
            re.escape(before) + r"\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*" + re.escape(after)
        )


FACTS = [
    Fact("items_published", "主动公开政府信息{n}条", "本年在门户网站主动公开的信息数"),
    Fact("interpretations", "发布政策解读{n}篇", "本年发布的政策解读数"),
    Fact("press_conferences", "召开新闻发布会{n}场", "新闻发布会（回应关切）", True),
    Fact("consultations", "公开征求意见{n}次", "意见征集（公众参与）", True),
    Fact("messages_answered", "答复群众留言{n}件", "政民互动留言答复数", True),
    Fact("regulation_issued", "制发规章{n}件", "表二 规章 本年制发件数"),
    Fact("normative_issued", "制发行政规范性文件{n}件", "表二 行政规范性文件 本年制发件数"),
    Fact("normative_in_force", "现行有效行政规范性文件{n}件", "表二 行政规范性文件 现行有效件数"),
    Fact("applications_new", "新收政府信息公开申请{n}件", "表三 一、本年新收 总计"),
    Fact("applications_carried_in", "上年结转申请{n}件", "表三 二、上年结转 总计"),
    Fact("applications_closed", "本年度办结申请{n}件", "表三 （七）总计 总计"),
    Fact("applications_disclosed", "予以公开{n}件", "表三 （一）予以公开 总计"),
    Fact("applications_partial", "部分公开{n}件", "表三 （二）部分公开 总计"),
    Fact("applications_carry_out", "结转下年度继续办理{n}件", "表三 四、结转下年度 总计"),
    Fact("reviews", "行政复议{n}件", "表四 行政复议 总计"),
    Fact("lawsuits", "行政诉讼{n}件", "表四 行政诉讼 总计"),
    Fact("fees_collected", "收取信息处理费{n}元", "本年实际收取的信息处理费（申请办理）"),
]
FACT_BY_KEY = {f.key: f for f in FACTS}


def fact_values(figures: dict) -> dict[str, object]:
    """{fact key: the figure from the tables (or extra); None when the source is absent}."""
    t2, t3, t4 = figures["table2"], figures["table3"], figures["table4"]
    extra = figures.get("extra") or {}
    return {
        "items_published": extra.get("items_published", 0),
        "interpretations": extra.get("interpretations", 0),
        "press_conferences": extra.get("press_conferences"),
        "consultations": extra.get("consultations"),
        "messages_answered": extra.get("messages_answered"),
        "regulation_issued": t2["regulation"]["issued"],
        "normative_issued": t2["normative"]["issued"],
        "normative_in_force": t2["normative"]["in_force"],
        "applications_new": t3["new"]["total"],
        "applications_carried_in": t3["carried_in"]["total"],
        "applications_closed": t3["total"]["total"],
        "applications_disclosed": t3["disclosed"]["total"],
        "applications_partial": t3["partial"]["total"],
        "applications_carry_out": t3["carry_out"]["total"],
        "reviews": t4["review"]["total"],
        "lawsuits": t4["litigation_direct"]["total"] + t4["litigation_after_review"]["total"],
        "fees_collected": extra.get("fees_collected", 0),
    }


def _say(key: str, values: dict) -> str:
    return FACT_BY_KEY[key].phrase.format(n=values[key])


def draft_overview(org_name: str, year: int, figures: dict) -> str:
    """The text of section 一 总体情况, every figure inserted from ``figures``."""
    v = fact_values(figures)
    paras = [
        f"{year}年，{org_name}认真贯彻落实《中华人民共和国政府信息公开条例》和上级关于政务公开工作的"
        "部署要求，坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开。"
    ]
    p = f"（一）主动公开。全年通过政府门户网站{_say('items_published', v)}，{_say('interpretations', v)}"
    if v["regulation_issued"]:
        p += f"，{_say('regulation_issued', v)}"
    p += f"，{_say('normative_issued', v)}，截至年底{_say('normative_in_force', v)}。"
    paras.append(p)
    parts = []
    if v["press_conferences"] is not None:
        parts.append(_say("press_conferences", v))
    if v["consultations"] is not None:
        parts.append(_say("consultations", v))
    if v["messages_answered"] is not None:
        parts.append(_say("messages_answered", v))
    if parts:
        paras.append("（二）解读回应与公众参与。全年" + "，".join(parts) + "。")
    paras.append(
        f"（{'三' if parts else '二'}）依申请公开。全年{_say('applications_new', v)}，"
        f"{_say('applications_carried_in', v)}，{_say('applications_closed', v)}，"
        f"其中{_say('applications_disclosed', v)}、{_say('applications_partial', v)}，"
        f"{_say('applications_carry_out', v)}。"
    )
    paras.append(
        f"（{'四' if parts else '三'}）监督保障。全年因政府信息公开引起{_say('reviews', v)}、"
        f"{_say('lawsuits', v)}。"
    )
    return "\n".join(paras)


def draft_other_matters(figures: dict, extra_text: str = "") -> str:
    """Section 六: the fees collected (国办函〔2020〕109号), then what the office adds."""
    v = fact_values(figures)
    text = f"依据《政府信息公开信息处理费管理办法》，本年度{_say('fees_collected', v)}。"
    return text + ("\n" + extra_text.strip() if extra_text.strip() else "")


@dataclass
class Quote:
    fact: Fact
    quoted: str
    expected: object

    @property
    def ok(self) -> bool:
        try:
            return float(self.quoted.replace(",", "")) == float(self.expected)
        except (TypeError, ValueError):
            return False


def quoted_figures(text: str, figures: dict) -> list[Quote]:
    """Every figure the text quotes through a fact phrase, with the table's value beside it."""
    values = fact_values(figures)
    out = []
    for fact in FACTS:
        for m in fact.pattern.finditer(text or ""):
            out.append(Quote(fact, m.group(1), values[fact.key]))
    return out


_SENTENCE = re.compile(r"[^。；！？\n]+[。；！？\n]?")


def _normalise(text: str) -> str:
    """Drop the sentences built from fact phrases (they differ only in figures by design), the
    digits and the punctuation and spaces, so that what remains is what people wrote."""
    kept = []
    for s in _SENTENCE.findall(text or ""):
        if any(f.pattern.search(s) for f in FACTS):
            continue
        kept.append(s)
    joined = "".join(kept)
    joined = re.sub(r"[0-9０-９]+", "", joined)
    return re.sub(r"[\s，。、；：！？（）()“”\"'《》]", "", joined)


def similarity(this_year: str, last_year: str) -> float:
    """0..1: how much of this year's own writing repeats last year's."""
    a, b = _normalise(this_year), _normalise(last_year)
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
