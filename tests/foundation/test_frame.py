"""The action frame: explicit actors, one permission check, one error family, audit, notices."""

import datetime as dt

import pytest

from gongkai.core import actors
from gongkai.core.actions import change
from gongkai.core.errors import Forbidden, Invalid
from gongkai.rules import dates


def test_today_is_beijing_day_at_2330_utc(monkeypatch):
    monkeypatch.setattr(dates, "_utcnow", lambda: dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC))
    assert dates.today() == dt.date(2026, 12, 2)
    assert dates.now().hour == 7
    assert dates.zh_date(dates.now()) == "2026年12月2日"


def test_change_refuses_a_missing_actor(db):
    with pytest.raises(TypeError), change(None):
        pass


def test_auditor_is_forbidden_to_edit_and_told_why(staff, org):
    finance = org("聊城市", "市财政局")
    with pytest.raises(Forbidden) as err, change(staff["lc-auditor"], "edit", finance):
        pass
    assert "编辑" in str(err.value)


def test_other_city_is_named_as_out_of_scope(staff, org):
    dy = org("东营市", "市财政局")
    with pytest.raises(Forbidden) as err, change(staff["lc-editor"], "edit", dy):
        pass
    assert "管辖范围" in str(err.value)


def test_system_actor_is_recorded_by_name_and_notices_wait_for_commit(
    staff, org, django_capture_on_commit_callbacks
):
    from gongkai.audit.models import AuditEntry
    from gongkai.core.models import Notification

    finance = org("聊城市", "市财政局")
    with django_capture_on_commit_callbacks(execute=True):
        with change(actors.SYSTEM("catalog import"), "edit", finance) as ch:
            entry = ch.audit(finance, "other", reason="测试")
            ch.notify("test", to=[staff["lc-editor"]], subject="通知测试")
            assert not Notification.objects.exists()
    assert AuditEntry.objects.get(pk=entry.pk).actor_name == "系统（catalog import）"
    assert Notification.objects.get().recipient == staff["lc-editor"]


def test_invalid_rolls_back_and_keeps_field_messages(staff, org):
    from gongkai.audit.models import AuditEntry

    finance = org("聊城市", "市财政局")
    before = AuditEntry.objects.count()
    with pytest.raises(Invalid) as err, change(staff["lc-editor"], "edit", finance) as ch:
        ch.audit(finance, "other")
        raise Invalid(errors={"title": "标题不能为空。"})
    assert err.value.message_dict == {"title": ["标题不能为空。"]}
    assert AuditEntry.objects.count() == before


def test_users_with_finds_reviewers_in_one_query(staff, org, django_assert_num_queries):
    from gongkai.accounts.permissions import users_with

    finance = org("聊城市", "市财政局")
    finance.ancestors()  # warm
    with django_assert_num_queries(1):
        names = [u.username for u in users_with("review", finance)]
    assert "lc-reviewer" in names and "lc-admin" in names and "lc-editor" not in names


def test_forbidden_page_is_styled_chinese(client, staff, org):
    from django.test import RequestFactory

    from gongkai.core.middleware import error_response

    req = RequestFactory().get("/staff/x/")
    req.user = staff["lc-editor"]
    resp = error_response(req, Forbidden("只有审核人可以批准。"))
    assert resp.status_code == 403
    body = resp.content.decode()
    assert "只有审核人可以批准。" in body and "回到首页" in body


def test_seed_copy_matches_the_reference():
    import pathlib

    from gongkai.core.seeds import SEEDS_DIR

    shared = pathlib.Path(__file__).resolve().parents[3] / "shared" / "seeds"
    assert (SEEDS_DIR / "000_ce6ae8f612e35b9c.txt").exists()
    if not shared.exists():
        pytest.skip("no ../shared/seeds beside this checkout to compare with")
    for ref in shared.glob("*.txt"):
        assert (SEEDS_DIR / ref.name).read_bytes() == ref.read_bytes()


def test_office_admin_of_another_city_is_told_it_is_out_of_scope(staff, org):
    dy = org("东营市", "市民政局")
    with pytest.raises(Forbidden) as err:
        with change(
            staff["lc-admin"], "administer", dy, denied="只有政务公开办管理员可以修改模板。"
        ):
            pass
    assert "不在您的管辖范围内" in str(err.value) and "只有" not in str(err.value)
