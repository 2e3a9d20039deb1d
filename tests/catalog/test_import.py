"""Importing and exporting the standard-catalog table (.xlsx and .csv)."""

import csv
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from gongkai.catalog import actions, services
from gongkai.catalog.models import CatalogEntry
from gongkai.rules.catalog_table import HEADERS

pytestmark = pytest.mark.django_db

GOOD = ["jzfp", "精准扶贫项目", "statutory", "法定主动公开内容", "动态栏目", "扶贫项目安排和资金使用",
        "《政府信息公开条例》第二十条", "项目批复后20个工作日内", "市扶贫办", "政府网站", "全社会", "主动公开", "7"]  # fmt: skip
ROWS = [
    HEADERS,
    GOOD,
    ["", "没有代码", "", "", "", "内容", "", "每季度", "", "", "", "主动公开", ""],
    [
        "ghost-child",
        "孤儿栏目",
        "no-such-parent",
        "",
        "",
        "内容",
        "",
        "每年1月31日前",
        "",
        "",
        "",
        "主动公开",
        "",
    ],
    [
        "czsz",
        "财政收支月报（修订）",
        "czyjs",
        "",
        "动态栏目",
        "全市财政收支情况",
        "",
        "每月15日前",
        "",
        "",
        "全社会",
        "主动公开",
        "",
    ],
    ["weird", "栏目", "", "", "", "内容", "", "每月", "", "", "", "随便公开", ""],
]


@pytest.fixture
def admin(staff):
    return staff["lc-admin"]


def xlsx(rows):
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def as_csv(rows, encoding="utf-8-sig"):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)


@pytest.mark.parametrize(
    "name, data",
    [("目录.xlsx", xlsx(ROWS)), ("目录.csv", as_csv(ROWS)), ("gbk.csv", as_csv(ROWS, "gb18030"))],
)
def test_bad_rows_reported_good_rows_kept(finance, admin, name, data):
    created, updated, errors = actions.import_entries(
        organisation=finance, actor=admin, name=name, data=data
    )
    assert (created, updated) == (1, 1), errors
    reasons = dict(errors)
    assert sorted(reasons) == [3, 4, 6]
    assert "栏目代码" in reasons[3]
    assert "no-such-parent" in reasons[4]
    assert "公开方式" in reasons[6]
    new = CatalogEntry.objects.get(organisation=finance, slug="jzfp")
    assert (
        new.parent.slug == "statutory"
        and new.kind == "dynamic"
        and new.time_limit == "项目批复后20个工作日内"
    )
    assert CatalogEntry.objects.get(organisation=finance, slug="czsz").time_limit == "每月15日前"
    assert not CatalogEntry.objects.filter(slug__in=["ghost-child", "weird"]).exists()


def test_unreadable_file_is_a_field_error(finance, admin):
    with pytest.raises(ValidationError) as exc:
        actions.import_entries(organisation=finance, actor=admin, name="x.xlsx", data=b"not a zip")
    assert "无法打开" in exc.value.message_dict["file"][0]
    with pytest.raises(ValidationError):
        actions.import_entries(organisation=finance, actor=admin, name="x.txt", data=b"a,b")


def test_only_office_admins_import(finance, staff):
    with pytest.raises(PermissionDenied):
        actions.import_entries(
            organisation=finance, actor=staff["lc-editor"], name="a.csv", data=as_csv(ROWS)
        )


def test_export_round_trip(finance, admin):
    rows = [list(r) for r in openpyxl.load_workbook(io.BytesIO(services.export_file(finance, "xlsx"))).active.iter_rows(values_only=True)]  # fmt: skip
    assert rows[0] == HEADERS
    by_slug = {r[0]: r for r in rows[1:]}
    assert by_slug["czsz"][2] == "czyjs" and by_slug["czsz"][11] == "主动公开"
    assert by_slug["application"][11] == "依申请公开"
    # re-importing the export changes nothing and reports no error
    created, updated, errors = actions.import_entries(
        organisation=finance, actor=admin, name="e.csv", data=services.export_file(finance, "csv")
    )
    assert created == 0 and errors == [] and updated == len(rows) - 1


def test_import_page_lists_bad_rows(client, finance, admin):
    client.force_login(admin)
    upload = io.BytesIO(xlsx(ROWS))
    upload.name = "目录.xlsx"
    page = client.post(
        reverse("catalog:columns_import") + f"?org={finance.pk}",
        {"org": finance.pk, "file": upload},
    ).content.decode()
    assert "新建 1 个栏目" in page and "第3行" in page and "第6行" in page


def test_command_init_and_export(orgs, tmp_path, finance):
    out = io.StringIO()
    call_command("catalog", "init", stdout=out)
    assert "organisation(s)" in out.getvalue()
    target = tmp_path / "c.csv"
    call_command(
        "catalog",
        "export",
        "--org",
        finance.code,
        "--format",
        "csv",
        "--output",
        str(target),
        stdout=out,
    )
    text = target.read_text(encoding="utf-8-sig")
    assert "财政收支月报" in text and "栏目代码" in text


def test_import_command_reports_rows(finance, admin, tmp_path):
    path = tmp_path / "目录.csv"
    path.write_bytes(as_csv(ROWS))
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "catalog", "import", str(path), "--org", finance.code, "--user", admin.username,
        stdout=out, stderr=err,
    )  # fmt: skip
    assert "created 1, updated 1, rejected 3 row(s)" in out.getvalue()
    assert "row 3:" in err.getvalue() and "row 6:" in err.getvalue()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no organisation"):
        call_command("catalog", "import", str(path), "--org", "nope", "--user", admin.username)
