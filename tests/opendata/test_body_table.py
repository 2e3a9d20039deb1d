"""A period taken from a table in the item's body when no attachment is meant for the dataset;
an attachment wins when both exist; a body table that does not match is reported before
publication like a spreadsheet."""

import pytest

from gongkai.core.extensions import notes
from gongkai.opendata.models import PeriodVersion
from gongkai.rules.opendata.htmltable import tables

from .conftest import xlsx

pytestmark = pytest.mark.django_db

BODY = """<p>2026年1月全市财政收支情况如下。</p>
<table><caption>财政收支情况表</caption>
<thead><tr><th>统计期</th><th>一般公共预算收入（万元）</th><th>其中：税收收入（万元）</th>
<th>一般公共预算收入累计（万元）</th></tr></thead>
<tbody><tr><td>2026年1月</td><td>1,200</td><td>950.5</td><td>1,200</td></tr></tbody></table>"""


@pytest.fixture
def publish_body(finance, column, django_capture_on_commit_callbacks):
    from django.utils import timezone

    from gongkai.catalog import actions
    from gongkai.core.actors import SYSTEM

    def run(title, body, attachments=()):
        with django_capture_on_commit_callbacks(execute=True):
            return actions.publish_item_now(
                organisation=finance, actor=SYSTEM("test"), title=title, body=body,
                entries=[column], attachments=list(attachments), published_at=timezone.now(),
            )  # fmt: skip

    return run


def test_the_body_table_becomes_the_period_and_is_recorded_as_its_source(dataset, publish_body):
    item = publish_body("2026年1月财政收支情况", BODY)
    v = PeriodVersion.objects.get(dataset=dataset, is_current=True)
    assert v.period_key == "2026-01" and v.item == item
    assert v.rows[0]["values"] == {"一般公共预算收入": 1200.0, "税收收入": 950.5,
                                   "一般公共预算收入累计": 1200.0}  # fmt: skip
    assert v.source_name == "正文表格（第1个）"
    # publishing the item's text again (same table) makes no new version
    from gongkai.core.actors import SYSTEM
    from gongkai.opendata import actions

    assert actions.ingest_item(SYSTEM("test"), item) == []


def test_an_attachment_wins_over_the_body_table(dataset, publish_body):
    publish_body(
        "2026年1月财政收支情况",
        BODY,
        attachments=[("财政收支情况表.xlsx", xlsx([["2026年1月", 1300, 1000, 1300]]))],
    )
    versions = list(PeriodVersion.objects.filter(dataset=dataset))
    assert len(versions) == 1
    assert versions[0].source_name == "财政收支情况表.xlsx"
    assert versions[0].rows[0]["values"]["一般公共预算收入"] == 1300.0


def test_an_unrelated_body_table_is_ignored(dataset, publish_body):
    body = "<table><tr><th>项目</th><th>说明</th></tr><tr><td>甲</td><td>乙</td></tr></table>"
    item = publish_body("2026年1月财政收支情况", body)
    assert not PeriodVersion.objects.filter(dataset=dataset).exists()
    shown = notes("staff.item", item)
    assert any("下载表格模板" == n.link_text and "正文中插入表格" in n.text for n in shown)


def test_a_body_table_that_does_not_match_is_reported_with_row_column_and_reason(
    dataset, finance, column, staff
):
    from gongkai.catalog import actions

    bad = BODY.replace("950.5", "九百五").replace(
        "1,200</td></tr>",
        "1,200</td></tr><tr><td>2026年13月</td><td>1</td><td>1</td><td>1</td></tr>",
    )
    item = actions.create_item(
        organisation=finance, actor=staff["lc-editor"], title="2026年1月财政收支情况",
        body=bad, entries=[column],
    )  # fmt: skip
    shown = notes("staff.item", item)
    bad_note = next(n for n in shown if "不符合数据格式" in n.title)
    assert "正文表格（第1个）" in bad_note.title and "正文中的表格" in bad_note.text
    assert "第2行 C列" in bad_note.html and "不是数字" in bad_note.html
    assert "第3行 A列" in bad_note.html  # rows of the table, header first
    assert not PeriodVersion.objects.filter(dataset=dataset).exists()


def test_a_part_larger_than_its_total_in_the_body_is_warned(dataset, publish_body):
    body = BODY.replace("950.5", "1,500")
    item = publish_body("2026年1月财政收支情况", body)
    v = PeriodVersion.objects.get(dataset=dataset)
    assert v.warnings and "税收收入" in v.warnings[0]
    assert any("请核对数据" in n.title for n in notes("staff.item", item))


def test_html_tables_spread_spans_and_skip_captions():
    html = (
        "<table><caption>表</caption><tr><th rowspan='2'>统计期</th><th colspan='2'>收入</th>"
        "</tr><tr><th>甲</th><th>乙<br>丙</th></tr><tr><td>2026-01</td><td>1</td><td>2</td></tr>"
        "</table><p>无关</p><table><tr><td>外<table><tr><td>内</td></tr></table></td></tr></table>"
    )
    found = tables(html)
    assert found[0] == [["统计期", "收入", ""], ["统计期", "甲", "乙 丙"], ["2026-01", "1", "2"]]
    assert found[1:] == [[["外"]], [["内"]]]
    assert tables("<p>没有表格</p>") == [] and tables("") == []
