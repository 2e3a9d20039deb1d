"""Periods arrive with disclosure: publishing an item with a matching table appends its period;
a correction is a new version; a table that does not match is reported before publication."""

import datetime as dt

import pytest

from gongkai.core.extensions import notes
from gongkai.opendata.models import PeriodVersion

from .conftest import HEADER, xlsx

pytestmark = pytest.mark.django_db


def current(dataset):
    return {v.period_key: v for v in PeriodVersion.objects.filter(dataset=dataset, is_current=True)}


def test_publishing_the_monthly_item_appends_the_month(dataset, publish):
    item = publish("2026年1月财政收支情况", [["2026年1月", 100, 80, 100]])
    publish("2026年2月财政收支情况", [["2026年2月", 90, 70, 190]])
    periods = current(dataset)
    assert list(periods) == ["2026-01", "2026-02"]
    jan = periods["2026-01"]
    assert jan.item == item and jan.number == 1 and jan.warnings == []
    assert jan.rows == [{"area": "", "values": {"一般公共预算收入": 100.0, "税收收入": 80.0,
                                                "一般公共预算收入累计": 100.0}}]  # fmt: skip


def test_a_correction_is_a_new_version_and_the_old_one_is_kept(
    dataset, publish, staff, django_capture_on_commit_callbacks
):
    from gongkai.catalog import actions

    item = publish("2026年1月财政收支情况", [["2026年1月", 100, 80, 100]])
    editor, reviewer = staff["lc-editor"], staff["lc-reviewer"]
    revision = actions.start_revision(item, actor=editor, note="更正")
    for att in item.attachments.all():
        actions.remove_attachment(item, att.pk, actor=editor)
    actions.add_attachment(
        item, actor=editor, name="更正.xlsx", data=xlsx([["2026-01", 100, 78, 100]])
    )
    actions.submit_revision(revision, actor=editor)
    with django_capture_on_commit_callbacks(execute=True):
        actions.approve_revision(revision, actor=reviewer)
    versions = list(
        PeriodVersion.objects.filter(dataset=dataset, period_key="2026-01").order_by("number")
    )
    assert [(v.number, v.is_current) for v in versions] == [(1, False), (2, True)]
    assert versions[0].rows[0]["values"]["税收收入"] == 80.0  # the old figures stay
    assert versions[1].rows[0]["values"]["税收收入"] == 78.0
    assert versions[0].superseded_at is not None and versions[1].item_version == 2


def test_the_same_figures_again_make_no_new_version(dataset, publish):
    publish("2026年1月财政收支情况", [["2026年1月", 100, 80, 100]])
    publish("2026年1月财政收支情况（重发）", [["2026-01", 100, 80, 100]])
    assert PeriodVersion.objects.filter(dataset=dataset).count() == 1


def test_a_table_that_does_not_match_is_reported_before_publication(
    dataset, finance, column, staff
):
    from gongkai.catalog import actions

    editor = staff["lc-editor"]
    item = actions.create_item(organisation=finance, actor=editor, title="2026年3月财政收支情况",
                               entries=[column], body="<p>…</p>")  # fmt: skip
    actions.add_attachment(item, actor=editor, name="表.xlsx",
                           data=xlsx([["2026-03", "约九万", 80, 100]]))  # fmt: skip
    found = notes("staff.item", item)
    warning = next(n for n in found if n.level == "warning")
    assert "不符合数据格式" in warning.title
    assert "第3行 B列" in warning.html and "“约九万”不是数字" in warning.html


def test_inconsistent_figures_are_warned_before_publication(
    dataset, publish, finance, column, staff
):
    from gongkai.catalog import actions

    publish("2026年1月财政收支情况", [["2026年1月", 100, 80, 100]])
    editor = staff["lc-editor"]
    item = actions.create_item(organisation=finance, actor=editor, title="2026年2月财政收支情况",
                               entries=[column], body="<p>…</p>")  # fmt: skip
    actions.add_attachment(
        item, actor=editor, name="表.xlsx", data=xlsx([["2026-02", 90, 95, 200]])
    )
    found = notes("staff.item", item)
    ok = next(n for n in found if n.level == "info")
    assert "发布后成为 2026年2月 的数据" in ok.text
    warning = next(n for n in found if n.level == "warning")
    assert "税收收入 95 大于 一般公共预算收入 90" in warning.html
    assert "与各期一般公共预算收入之和 190 不一致" in warning.html


def test_the_privacy_guard_refuses_an_uploaded_period(dataset, publish, finance, column, staff):
    from gongkai.catalog import actions

    header = HEADER + ["备注"]
    data = xlsx([["2026-01", 100, 80, 100, "联系人手机13905312345"]], header=header)
    editor = staff["lc-editor"]
    item = actions.create_item(organisation=finance, actor=editor, title="2026年1月财政收支情况",
                               entries=[column], body="<p>…</p>")  # fmt: skip
    actions.add_attachment(item, actor=editor, name="表.xlsx", data=data)
    warning = next(n for n in notes("staff.item", item) if n.level == "warning")
    assert "第3行 E列" in warning.html and "手机号码" in warning.html
    assert "13905312345" not in warning.html  # the note shows it masked
    publish("2026年1月财政收支情况", data)
    assert not PeriodVersion.objects.filter(dataset=dataset).exists()


def test_withdrawing_the_correction_brings_the_version_before_back(
    dataset, publish, django_capture_on_commit_callbacks
):
    from gongkai.catalog import actions
    from gongkai.core.actors import SYSTEM

    publish("2026年1月财政收支情况", [["2026年1月", 100, 80, 100]])
    fix = publish("2026年1月财政收支情况（更正）", [["2026年1月", 100, 79, 100]])
    assert current(dataset)["2026-01"].number == 2
    with django_capture_on_commit_callbacks(execute=True):
        actions.withdraw(fix, actor=SYSTEM("test"), reason="重复发布")
    assert current(dataset)["2026-01"].number == 1


def test_missing_periods_are_those_past_their_due_date(dataset, publish):
    from gongkai.opendata import services

    publish("2025年1月", [["2025-01", 100, 80, 100]])
    publish("2025年3月", [["2025-03", 100, 80, 300]])
    missing = [p.key for p in services.missing_periods(dataset, today=dt.date(2025, 5, 6))]
    # February is missing; March is due 20 working days after 31 March, April not yet due
    assert missing == ["2025-02"]


def test_a_dataset_created_later_takes_the_column_s_published_items(finance, column, publish):
    from gongkai.core.actors import SYSTEM
    from gongkai.opendata import actions

    from .conftest import FINANCE_SCHEMA

    publish("2026年1月财政收支情况", [["2026年1月", 100, 80, 100]])
    ds = actions.create_dataset(SYSTEM("test"), organisation=finance, entry=column, slug="late",
                                title="后建数据集", every="month", first_period=dt.date(2026, 1, 1),
                                schema=FINANCE_SCHEMA)  # fmt: skip
    assert actions.ingest_column(SYSTEM("test"), ds) == 1


def test_bad_datasets_are_refused(finance, column, org):
    from gongkai.core.actors import SYSTEM
    from gongkai.core.errors import Invalid
    from gongkai.opendata import actions

    with pytest.raises(Invalid) as err:
        actions.create_dataset(SYSTEM("test"), organisation=org("聊城市", "市民政局"), entry=column,
                               slug="x", title="低保名单", every="fortnightly",
                               first_period=dt.date(2026, 1, 1),
                               schema={"fields": [{"name": "户主姓名", "type": "text"}]})  # fmt: skip
    assert set(err.value.errors) == {"entry", "every", "schema"}
    assert "不收录个人名单" in err.value.errors["schema"]
