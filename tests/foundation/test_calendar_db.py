"""Staff-entered calendar years and the `gongkai calendar` command."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from gongkai.audit.models import AuditEntry
from gongkai.workcal import services
from gongkai.workcal.models import CalendarDay, CalendarYear


def run(*args):
    out = io.StringIO()
    call_command("calendar", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


def test_cli_add_workdays_prints_issue_example(db):
    assert run("add-workdays", "2026-09-25", "20") == "2026-10-29"


def test_cli_marks_unannounced_year_provisional(db):
    assert run("add-workdays", "2026-12-20", "20") == "2027-01-18 provisional"


def test_cli_invalid_date_is_a_clear_error(db):
    with pytest.raises(CommandError, match="invalid date '2026-13-01'"):
        run("add-workdays", "2026-13-01", "3")


def test_import_keeps_good_rows_and_names_bad_ones(db, tmp_path):
    f = tmp_path / "2027.csv"
    f.write_text(
        "date,kind,name\n"
        "2027-01-01,holiday,元旦\n"
        "2027-02-06,holiday,春节\n"
        "2027-13-01,holiday,bad\n"
        "2027-02-20,workday,春节\n",
        encoding="utf-8",
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 row"):
        call_command("calendar", "import", str(f), stdout=io.StringIO(), stderr=err)
    assert "line 4" in err.getvalue() and "invalid date" in err.getvalue()
    assert CalendarDay.objects.count() == 3
    cal = services.get_calendar()
    assert cal.is_announced(2027)
    assert cal.is_workday(dt.date(2027, 2, 20))  # Saturday worked
    assert not cal.is_workday(dt.date(2027, 1, 1))
    # The year is now announced: no longer provisional.
    assert not cal.add_workdays(dt.date(2026, 12, 20), 20).provisional
    entry = AuditEntry.objects.get(object_id=str(CalendarYear.objects.get(year=2027).pk))
    assert entry.action == "import"


def test_import_json_with_notice(db, tmp_path):
    f = tmp_path / "2027.json"
    f.write_text(
        '{"year": 2027, "notice": "国务院办公厅关于2027年部分节假日安排的通知", '
        '"days": [{"date": "2027-10-01", "kind": "休", "name": "国庆节"}, '
        '{"date": "2027-09-26", "kind": "班"}]}',
        encoding="utf-8",
    )
    assert "stored 2 day(s)" in run("import", str(f))
    assert CalendarYear.objects.get(year=2027).notice.startswith("国务院办公厅")


def test_import_of_a_file_that_is_not_a_calendar(db, tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("foo,bar\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="header"):
        run("import", str(f))
    assert CalendarDay.objects.count() == 0


def test_staff_calendar_page_shows_provisional_and_computes(client, staff):
    client.force_login(staff["lc-editor"])
    resp = client.get("/staff/calendar/?year=2027&start=2026-12-20&n=20")
    text = resp.content.decode()
    assert resp.status_code == 200
    assert "2027年1月18日" in text and "暂定" in text
    assert "导入节假日安排" not in text  # editors cannot import


def test_office_admin_imports_calendar_in_the_browser_form(client, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(staff["lc-admin"])
    f = SimpleUploadedFile(
        "2027.csv", "date,kind,name\n2027-01-01,holiday,元旦\n2027-01-05,workday,x\n".encode()
    )
    resp = client.post("/staff/calendar/import/", {"file": f, "notice": "测试通知"}, follow=True)
    text = resp.content.decode()
    assert "已导入 1 个日期" in text and "第 3 行未导入" in text
    assert CalendarYear.objects.get(year=2027).notice == "测试通知"


def test_public_cannot_import(client, db):
    resp = client.post("/staff/calendar/import/")
    assert resp.status_code == 302  # to login
