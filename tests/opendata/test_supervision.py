"""数据开放 on the plans supervision pages: the tree's line per obligation (missing periods or
up to date), the obligation page's chart with its table and the missing periods, a bounded
query count on the tree."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.core.actors import SYSTEM
from gongkai.opendata import actions, services
from gongkai.plans import actions as plan_actions
from gongkai.plans.models import Obligation

from .conftest import FINANCE_SCHEMA

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(import_seed, finance, column):
    """The 2017 聊城 plan; 按月公开财政收支 linked to 市财政局 › 财政收支月报."""
    plan = import_seed("聊城市")
    ob = Obligation.objects.get(task__plan=plan, task__path_key="一/（一）/1", every="month")
    plan_actions.update_obligation(ob, entries=[column], responsible=[finance],
                                   actor=SYSTEM("test"))  # fmt: skip
    return plan, ob


@pytest.fixture
def monthly(finance, column):
    import datetime as dt

    return actions.create_dataset(
        SYSTEM("test"), organisation=finance, entry=column, slug="lc-finance",
        title="聊城市一般公共预算收支", every="month", first_period=dt.date(2017, 1, 1),
        schema=FINANCE_SCHEMA, chart_fields=["一般公共预算收入"],
    )  # fmt: skip


def _tree(client, user, plan):
    client.force_login(user)
    return client.get(reverse("plans:detail", args=[plan[0].pk])).content.decode()


def test_the_tree_row_names_the_missing_periods(client, staff, plan, monthly, publish):
    publish("2017年9月财政收支情况", [["2017年9月", 100, 80, 900]])
    missing = services.missing_periods(monthly)
    assert missing and "2017-09" not in [p.key for p in missing]
    html = _tree(client, staff["lc-admin"], plan)
    assert f"数据开放：缺{len(missing)}期（最近：{missing[-1].label}）" in html
    assert monthly.get_absolute_url() in html


def test_the_tree_row_says_up_to_date_when_nothing_is_missing(
    client, staff, plan, monthly, publish
):
    last = services.period_status(monthly)[-1][0]
    actions.update_dataset(SYSTEM("test"), monthly, first_period=last.start)
    publish(f"{last.label}财政收支情况", [[last.label, 100, 80, 100 * last.start.month]])
    html = _tree(client, staff["lc-admin"], plan)
    assert f"数据开放：已更新至{last.label}" in html and "数据开放：缺" not in html


def test_the_obligation_page_shows_the_chart_its_table_and_missing_periods(
    client, staff, plan, monthly, publish
):
    publish("2017年9月财政收支情况", [["2017年9月", 100, 80, 900]])
    publish("2017年10月财政收支情况", [["2017年10月", 120, 90, 1020]])
    _, ob = plan
    client.force_login(staff["lc-editor"])
    html = client.get(reverse("plans:obligation", args=[ob.pk])).content.decode()
    assert "<svg" in html and "<table" in html and "2017年10月" in html
    assert "<td>120</td>" in html  # the figure in the chart's data table
    latest = services.missing_periods(monthly)[-1]
    template = reverse("opendata:template", args=[monthly.pk])
    assert f"{template}?period={latest.key}" in html and "下载本期表格模板" in html
    # the template of a missing period names it
    import io

    import openpyxl

    resp = client.get(f"{template}?period={latest.key}")
    sheet = openpyxl.load_workbook(io.BytesIO(resp.content)).active
    assert latest.label in [c.value for row in sheet.iter_rows() for c in row]


def test_no_note_for_obligations_whose_columns_feed_no_dataset(client, staff, plan):
    html = _tree(client, staff["lc-admin"], plan)
    assert "数据开放：" not in html


def test_the_tree_query_count_does_not_grow_with_rows(
    client, staff, plan, monthly, publish, django_assert_max_num_queries
):
    plan_obj, ob = plan
    client.force_login(staff["lc-admin"])
    url = reverse("plans:detail", args=[plan_obj.pk])
    client.get(url)  # warm the per-process caches
    with CaptureQueriesContext(connection) as one:
        html = client.get(url).content.decode()
    assert html.count("数据开放：缺") == 1
    # three more obligations on the same column: three more rows with the note
    others = list(
        Obligation.objects.filter(task__plan=plan_obj, kind="recurring").exclude(pk=ob.pk)[:3]
    )
    assert len(others) == 3
    for o in others:
        plan_actions.update_obligation(o, entries=[monthly.entry], actor=SYSTEM("test"))
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count("数据开放：缺") == 4
