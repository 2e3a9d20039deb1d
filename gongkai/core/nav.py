"""The site's two menus, in one place: the public navigation and the staff menu.

Entries are (label, URL name or path, key); an entry whose URL name does not resolve (an area
that is not installed) is left out. Staff entries carry the ability that shows them. The lead
keeps this table in step with the areas (docs/architecture.md, "Navigation").
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Entry:
    label: str
    target: str  # a URL name ("portal:home") or a path ("/apply/")
    key: str = ""
    ability: str = "view_internal"

    def url(self) -> str | None:
        if self.target.startswith("/"):
            return self.target
        try:
            return reverse(self.target)
        except NoReverseMatch:
            return None


PUBLIC = [
    Entry("首页", "portal:home", "home"),
    Entry("政府信息公开", "portal:org_index", "org"),
    Entry("政策文件库", "portal:library", "library"),
    Entry("征求意见", "consultations:index", "consultations"),
    Entry("建议提案", "proposals:index", "proposals"),
    Entry("政民互动", "interaction:public_list", "interaction"),
    Entry("新闻发布会", "responses:conferences", "press"),
    Entry("政府公报", "gazette:index", "gazette"),
    Entry("数据开放", "opendata:list", "opendata"),
    Entry("信息检索", "portal:search", "search"),
    Entry("依申请公开", "applications:apply", "apply"),
    Entry("申请查询", "applications:status", "status"),
]

STAFF = [
    Entry("工作台", "accounts:workbench", "workbench"),
    Entry("信息发布", "catalog:items", "catalog", "edit"),
    Entry("审核", "catalog:queue", "queue", "review"),
    Entry("依申请公开办理", "applications:staff_list", "applications"),
    Entry("复议诉讼", "remedies:list", "remedies"),
    Entry("工作要点督查", "plans:list", "plans"),
    Entry("征求意见", "consultations:staff_list", "consultations"),
    Entry("建议提案", "proposals:staff_list", "proposals"),
    Entry("政民互动", "interaction:staff_list", "interaction"),
    Entry("舆情回应", "responses:staff_events", "responses"),
    Entry("新闻发布会", "responses:staff_conferences", "press"),
    Entry("政府公报", "gazette:staff_home", "gazette"),
    Entry("数据开放", "opendata:staff", "opendata"),
    Entry("网站健康", "health:overview", "health"),
    Entry("年度报告", "annualreport:list", "annualreport"),
    Entry("统计", "applications:stats", "stats"),
    Entry("日历", "workcal:calendar", "calendar", "administer"),
    Entry("后台任务", "longwork:work", "work"),
]


def _resolved(entries):
    out = []
    for e in entries:
        url = e.url()
        if url:
            out.append({"label": e.label, "url": url, "key": e.key, "ability": e.ability})
    return out


_cache: dict[str, list] = {}


def public_entries() -> list[dict]:
    if "public" not in _cache:
        _cache["public"] = _resolved(PUBLIC)
    return _cache["public"]


def staff_entries(user) -> list[dict]:
    from gongkai.accounts.permissions import org_ids_for

    if not getattr(user, "is_authenticated", False):
        return []
    if "staff" not in _cache:
        _cache["staff"] = _resolved(STAFF)
    if not org_ids_for(user, "view_internal"):
        return []
    return [e for e in _cache["staff"] if org_ids_for(user, e["ability"])]
