"""The page cache of the gazette, open data and the annual report (issue #16); see
test_participation.py and checks.py for what every page must show."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from gongkai.annualreport import actions as reports
from gongkai.catalog import actions as catalog
from gongkai.core.actors import SYSTEM
from gongkai.core.sheets import Sheet, xlsx_bytes
from gongkai.gazette import actions as gazettes
from gongkai.gazette.importing import import_one
from gongkai.gazette.models import Article
from gongkai.opendata import actions as opendata

from .checks import (
    ACTOR,
    YEAR,
    cacheable,
    catalog_item,
    entry,
    hit,
    refreshed,
)

pytestmark = pytest.mark.django_db


GAZETTE_POLICY = ("聊城市临时救助实施细则", "聊民发〔2026〕3号",
                  ["第一条 为做好临时救助工作，制定本细则。", "第二条 应当在10个工作日内完成审核。"])  # fmt: skip


def gazette_issue(number: int, notice: str) -> bytes:
    """A .txt issue of 聊城市人民政府公报 2026 carrying the policy and one notice."""
    title, doc_number, paras = GAZETTE_POLICY
    toc = (
        f"聊城市人民政府公报\n2026年第{number}期（总第{100 + number}期）\n目　录\n"
        f"{title}（{doc_number}）……………1\n{notice}（聊政字〔2026〕{number}号）……………2\n"
    )
    body = (
        f"{title}\n{doc_number}\n" + "\n".join(paras) + "\n聊城市民政局\n2026年2月26日\n"
        f"{notice}\n各县（市、区）人民政府：请做好有关工作。\n聊城市人民政府\n2026年3月1日\n"
    )
    return (toc + body).encode("gb18030")


def test_gazette_pages_follow_imports_links_and_the_linked_item(
    client, staff, orgs, mz, message, committed
):
    title, doc_number, paras = GAZETTE_POLICY
    with committed():
        policy = catalog_item(
            mz, title, "normative", body="".join(f"<p>{p}</p>" for p in paras),
            kind="normative", doc_number=doc_number, signed_on=dt.date(2026, 2, 26),
            issuers=[mz], no_interpretation_reason="测试",
        )  # fmt: skip
        gazette = gazettes.ensure_gazette(ACTOR, orgs["聊城市"])
    item_page, home = f"/item/{policy.pk}/", f"/gazette/{gazette.code}/"
    assert "政府公报标准文本" not in cacheable(client, item_page)
    other = f"/messages/{message.pk}/"
    cacheable(client, "/gazette/", home, other)

    with committed():
        import_one(SYSTEM("gazette import"), gazette, "2026-04.txt",
                   gazette_issue(4, "聊城市人民政府关于春季植树的通知"))  # fmt: skip
    article = Article.objects.get(item=policy)
    assert article.linked
    issue = article.issue
    assert "第4期" in refreshed(client, home)
    assert "政府公报标准文本" in refreshed(client, item_page)  # the note names the issue
    pages = {"issue": f"/gazette/issues/{issue.pk}/", "article": f"/gazette/articles/{article.pk}/",
             "api issues": f"/api/v1/gazettes/{gazette.code}/issues",
             "api issue": f"/api/v1/gazettes/{gazette.code}/issues/{issue.pk}"}  # fmt: skip
    cacheable(client, *pages.values())
    hit(client, "/gazette/", other)

    with committed():
        import_one(SYSTEM("gazette import"), gazette, "2026-05.txt",
                   gazette_issue(5, "聊城市人民政府关于夏季防汛的通知"))  # fmt: skip
    assert "第5期" in refreshed(client, home)
    assert "第5期" in refreshed(client, pages["api issues"])
    hit(client, pages["issue"], pages["article"], pages["api issue"], other)

    with committed():  # the catalog's page of the article's text is withdrawn
        catalog.withdraw(policy, actor=staff["lc-mz-reviewer"], reason="已废止")
    assert item_page not in refreshed(client, pages["article"])
    hit(client, pages["issue"], home, other)


def finance_sheet(*row) -> bytes:
    header = ["统计期", "一般公共预算收入（万元）", "其中：税收收入（万元）",
              "一般公共预算收入累计（万元）"]  # fmt: skip
    return xlsx_bytes([Sheet.simple("财政收支情况表", header, [list(row)])])


def test_open_data_pages_follow_new_periods_and_dataset_edits(
    client, staff, cz, conference, committed
):
    total = "一般公共预算收入"
    schema = {"period_field": "统计期", "fields": [
        {"name": total, "unit": "万元"}, {"name": "税收收入", "unit": "万元", "part_of": total},
        {"name": f"{total}累计", "unit": "万元", "cumulative_of": total}]}  # fmt: skip

    def period(title, *row):
        return catalog_item(cz, title, "czsz", attachments=[("财政收支情况表.xlsx",
                                                             finance_sheet(*row))])  # fmt: skip

    with committed():
        ds = opendata.create_dataset(
            ACTOR, organisation=cz, entry=entry(cz, "czsz"), slug="lc-finance",
            title="聊城市一般公共预算收支", every="month", first_period=dt.date(2026, 1, 1),
            schema=schema, chart_fields=["一般公共预算收入"],
        )  # fmt: skip
        january = period("2026年1月财政收支情况", "2026年1月", 100, 80, 100)
    pages = {"list": "/opendata/", "dataset": f"/opendata/{ds.pk}/",
             "csv": f"/opendata/{ds.pk}/data.csv", "api list": "/api/v1/datasets",
             "dcat": "/api/v1/datasets/dcat.jsonld", "api dataset": f"/api/v1/datasets/{ds.pk}",
             "api rows": f"/api/v1/datasets/{ds.pk}/rows"}  # fmt: skip
    january_pages = [f"/opendata/{ds.pk}/periods/2026-01/", f"/item/{january.pk}/"]
    other = f"/press-conferences/{conference.pk}/"
    cacheable(client, *pages.values(), *january_pages, other)

    with committed():
        period("2026年2月财政收支情况", "2026年2月", 90, 70, 190)
    for kind, url in pages.items():
        body = refreshed(client, url)
        assert kind == "dcat" or "2026年2月" in body or "2026-02" in body, kind
    hit(client, *january_pages, other)  # January's own page and its chart stop at January

    with committed():
        opendata.update_dataset(ACTOR, ds, title="聊城市一般公共预算收支（月度）", reason="更名")
    assert "聊城市一般公共预算收支（月度）" in refreshed(client, pages["dataset"])
    assert "聊城市一般公共预算收支（月度）" in refreshed(client, january_pages[1])  # its note
    hit(client, other)


def test_annual_report_pages_have_their_own_scopes(client, staff, cz, message, committed):
    editor, reviewer = staff["lc-editor"], staff["lc-reviewer"]
    with committed():
        report = reports.generate(editor, cz, YEAR)
        reports.submit(editor, report)
        reports.approve(reviewer, report)
        report = reports.publish(reviewer, report)
    pages = {"page": f"/org/{cz.code}/annual-report/{YEAR}/",
             "xlsx": f"/org/{cz.code}/annual-report/{YEAR}.xlsx",
             "api list": f"/api/v1/organisations/{cz.code}/annual-reports",
             "api report": f"/api/v1/organisations/{cz.code}/annual-reports/{YEAR}"}  # fmt: skip
    org_home, other = f"/org/{cz.code}/", f"/messages/{message.pk}/"
    cacheable(client, *pages.values(), org_home, other)

    with committed():  # another publication of the organisation: its catalog pages only
        catalog_item(cz, "关于规范财政资金管理的通知", "normative", kind="normative",
                     no_interpretation_reason="测试")  # fmt: skip
    assert "关于规范财政资金管理的通知" in refreshed(client, org_home)
    hit(client, *pages.values(), other)

    with committed():  # a corrected second version is published
        reports.revise(editor, report)
        reports.save_draft(editor, report, {"change_note": "更正行政许可处理决定数量"})
        reports.submit(editor, report)
        reports.approve(reviewer, report)
        reports.publish(reviewer, report)
    assert "更正行政许可处理决定数量" in refreshed(client, pages["page"])
    assert json.loads(refreshed(client, pages["api report"]))["version"] == 2
    refreshed(client, pages["xlsx"], pages["api list"])
    hit(client, other)
