"""The staff form that creates and edits a dataset: editors of the organisation only, the
schema check's messages with what was typed kept, the audit of an edit, replaying the column."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.opendata.models import Dataset, PeriodVersion

pytestmark = pytest.mark.django_db


def _post(column, **over):
    data = {
        "op": "save", "entry": str(column.pk), "title": "聊城市财政收支月报数据", "slug": "lc-czsz",
        "every": "month", "first_period": "2026年1月", "lag_workdays": "20",
        "licence": "CC-BY-4.0", "period_field": "统计期", "area_field": "", "is_public": "1",
        "rows": "4",
        "f0-name": "一般公共预算收入", "f0-type": "number", "f0-unit": "万元", "f0-chart": "1",
        "f1-name": "税收收入", "f1-type": "number", "f1-unit": "万元",
        "f1-part_of": "一般公共预算收入",
        "f2-name": "一般公共预算收入累计", "f2-type": "number", "f2-unit": "万元",
        "f2-cumulative_of": "一般公共预算收入",
        "f3-name": "", "f3-type": "number",
    }  # fmt: skip
    data.update(over)
    return data


def test_an_editor_creates_a_dataset_and_the_columns_items_become_its_periods(
    client, staff, column, publish
):
    publish("2026年1月财政收支情况", [["2026年1月", 100, 80, 100]])
    client.force_login(staff["lc-editor"])
    page = client.get(reverse("opendata:new")).content.decode()
    assert "财政收支月报" in page and "市民政局" not in page  # only the editor's own columns
    resp = client.post(reverse("opendata:new"), _post(column))
    assert resp.status_code == 302
    ds = Dataset.objects.get(slug="lc-czsz")
    assert ds.organisation == column.organisation and ds.entry == column
    assert ds.first_period == dt.date(2026, 1, 1) and ds.chart_fields == ["一般公共预算收入"]
    assert ds.parsed_schema.field("税收收入").part_of == "一般公共预算收入"
    assert [v.period_key for v in PeriodVersion.objects.filter(dataset=ds)] == ["2026-01"]
    listing = client.get(reverse("opendata:staff")).content.decode()
    assert reverse("opendata:edit", args=[ds.pk]) in listing and "新建数据集" in listing
    assert "1 期数据" in listing  # the message after saving


def test_a_bad_schema_shows_the_form_again_with_what_was_typed(client, staff, column):
    client.force_login(staff["lc-editor"])
    data = _post(column, **{"f1-part_of": "不存在的总数", "f3-name": "户主姓名", "f3-type": "text",
                           "slug": "Bad Slug", "first_period": "2026年13月"})  # fmt: skip
    resp = client.post(reverse("opendata:new"), data)
    html = resp.content.decode()
    assert resp.status_code == 400
    assert "起始统计期无法识别" in html
    assert not Dataset.objects.exists()
    data["first_period"] = "2026-01"
    resp = client.post(reverse("opendata:new"), data)
    html = resp.content.decode()
    assert resp.status_code == 400 and not Dataset.objects.exists()
    assert "所属的总数“不存在的总数”不在本数据集中" in html
    assert "不收录个人名单" in html and "代码只能由小写字母" in html
    assert 'value="不存在的总数"' in html and 'value="Bad Slug"' in html  # kept as typed


def test_five_day_datasets_need_their_season(client, staff, column):
    client.force_login(staff["lc-editor"])
    resp = client.post(reverse("opendata:new"), _post(column, every="5_days",
                                                      first_period="2026-06-01"))  # fmt: skip
    assert resp.status_code == 400 and "发布季节的起止" in resp.content.decode()
    resp = client.post(reverse("opendata:new"), _post(
        column, every="5_days", first_period="2026-06-01", season_name="夏粮收购旺季",
        season_start="06-01", season_end="07-31"))  # fmt: skip
    assert resp.status_code == 302
    ds = Dataset.objects.get()
    assert ds.frequency_label.startswith("夏粮收购旺季") and ds.season_end == "07-31"


def test_more_rows_keeps_what_was_typed(client, staff, column):
    client.force_login(staff["lc-editor"])
    resp = client.post(reverse("opendata:new"), _post(column, op="more"))
    html = resp.content.decode()
    assert resp.status_code == 200 and 'name="f6-name"' in html
    assert 'value="一般公共预算收入累计"' in html and not Dataset.objects.exists()


def test_editing_is_audited_before_and_after(client, staff, dataset):
    client.force_login(staff["lc-editor"])
    url = reverse("opendata:edit", args=[dataset.pk])
    page = client.get(url).content.decode()
    assert 'value="2025-01"' in page and 'value="一般公共预算收入累计"' in page
    data = _post(dataset.entry, title="聊城市一般公共预算收支（月度）", slug=dataset.slug,
                 first_period="2025-01", reason="名称规范")  # fmt: skip
    resp = client.post(url, data)
    assert resp.status_code == 302
    dataset.refresh_from_db()
    assert dataset.title == "聊城市一般公共预算收支（月度）"
    entry = AuditEntry.objects.filter(action="update").latest("pk")
    assert entry.changes["title"] == ["聊城市一般公共预算收支", "聊城市一般公共预算收支（月度）"]
    assert entry.reason == "名称规范"


def test_only_editors_of_the_organisation_may_create_or_edit(client, staff, dataset, column):
    client.force_login(staff["lc-mz-editor"])  # 市民政局: not the dataset's organisation
    assert client.get(reverse("opendata:edit", args=[dataset.pk])).status_code == 403
    resp = client.post(reverse("opendata:new"), _post(column, slug="mz-try"))
    assert resp.status_code == 400 and "请选择本单位的公开目录栏目" in resp.content.decode()
    client.force_login(staff["lc-auditor"])
    assert client.get(reverse("opendata:new")).status_code == 403
    listing = client.get(reverse("opendata:staff")).content.decode()
    assert reverse("opendata:edit", args=[dataset.pk]) not in listing
    assert not Dataset.objects.filter(slug="mz-try").exists()


def test_saving_the_form_unchanged_records_no_change(client, staff, dataset):
    client.force_login(staff["lc-editor"])
    before = AuditEntry.objects.count()
    data = _post(dataset.entry, title=dataset.title, slug=dataset.slug, first_period="2025-01")
    resp = client.post(reverse("opendata:edit", args=[dataset.pk]), data)
    assert resp.status_code == 302
    assert AuditEntry.objects.count() == before
