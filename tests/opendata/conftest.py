"""Fixtures of the 数据开放 tests: a monthly 财政收支 dataset on 聊城 市财政局 › 财政收支月报."""

import datetime as dt
import io

import pytest

from tests.plans.conftest import import_seed  # noqa: F401 (the plans' fixture, for supervision)

FINANCE_SCHEMA = {
    "period_field": "统计期",
    "fields": [
        {"name": "一般公共预算收入", "unit": "万元"},
        {"name": "税收收入", "unit": "万元", "part_of": "一般公共预算收入"},
        {"name": "一般公共预算收入累计", "unit": "万元", "cumulative_of": "一般公共预算收入"},
    ],
}
HEADER = [
    "统计期",
    "一般公共预算收入（万元）",
    "其中：税收收入（万元）",
    "一般公共预算收入累计（万元）",
]


def xlsx(rows, header=HEADER, title="财政收支情况表") -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([title])
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def finance(org, media):
    from gongkai.catalog.services import ensure_legal_structure

    o = org("聊城市", "市财政局")
    ensure_legal_structure(o)
    return o


@pytest.fixture
def column(finance):
    from gongkai.catalog.models import CatalogEntry

    return CatalogEntry.objects.get(organisation=finance, slug="czsz")


@pytest.fixture
def dataset(finance, column):
    from gongkai.core.actors import SYSTEM
    from gongkai.opendata import actions

    return actions.create_dataset(
        SYSTEM("test"),
        organisation=finance,
        entry=column,
        slug="lc-finance",
        title="聊城市一般公共预算收支",
        every="month",
        first_period=dt.date(2025, 1, 1),
        schema=FINANCE_SCHEMA,
        chart_fields=["一般公共预算收入"],
    )


@pytest.fixture
def publish(finance, column, django_capture_on_commit_callbacks):
    """publish(title, rows or bytes, name=...) → a public item in 财政收支月报 (signals run)."""
    from django.utils import timezone

    from gongkai.catalog import actions
    from gongkai.core.actors import SYSTEM

    def run(title, rows, name="财政收支情况表.xlsx", when=None):
        data = rows if isinstance(rows, bytes) else xlsx(rows)
        with django_capture_on_commit_callbacks(execute=True):
            return actions.publish_item_now(
                organisation=finance,
                actor=SYSTEM("test"),
                title=title,
                body="<p>财政收支情况。</p>",
                entries=[column],
                attachments=[(name, data)],
                published_at=when or timezone.now(),
            )

    return run
