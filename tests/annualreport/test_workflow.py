"""A report from the data to publication: figures agree with the applications, a failing check
blocks approval until a reason is given, publication goes through the catalog, a change after
publication is a new version and the old one stays readable, the .docx reads back."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from gongkai.core.errors import Forbidden, Invalid

from .conftest import YEAR


@pytest.fixture
def year_of_apps(make_app):
    d = dt.date
    make_app(d(YEAR, 3, 2), "disclosed")
    make_app(d(YEAR, 4, 1), "partial")
    make_app(d(YEAR, 5, 6), "withheld_third_party", applicant_type="commercial")
    make_app(d(YEAR, 6, 2), "unavailable_not_held", applicant_type="legal_services")
    make_app(d(YEAR, 12, 22))  # still open at year end: carried out
    make_app(d(YEAR - 1, 12, 20), "disclosed", decided=d(YEAR, 1, 8))  # carried in
    make_app(d(YEAR + 1, 1, 5), "disclosed", decided=d(YEAR + 1, 1, 9))  # next year: not counted


def test_generated_tables_agree_with_the_applications(cz, staff, year_of_apps):
    from gongkai.annualreport import actions

    r = actions.generate(staff["lc-editor"], cz, YEAR)
    t3 = r.figures["table3"]
    assert t3["new"]["total"] == 5 and t3["new"]["commercial"] == 1
    assert t3["carried_in"]["natural_person"] == 1
    assert t3["disclosed"]["natural_person"] == 2
    assert t3["partial"]["natural_person"] == 1
    assert t3["withheld_third_party"]["commercial"] == 1
    assert t3["unavailable_not_held"]["legal_services"] == 1
    assert t3["total"]["total"] == 5 and t3["carry_out"]["total"] == 1
    assert "新收政府信息公开申请5件" in r.text_overview
    assert all(c["ok"] for c in r.checks if c["level"] == "error")


def _publish(report, staff, reason=""):
    from gongkai.annualreport import actions

    actions.submit(staff["lc-editor"], report)
    actions.approve(staff["lc-reviewer"], report, override_reason=reason)
    return actions.publish(staff["lc-reviewer"], report)


def test_failing_check_blocks_approval_until_a_reason(cz, staff, year_of_apps):
    from gongkai.annualreport import actions

    r = actions.generate(staff["lc-editor"], cz, YEAR)
    text = r.text_overview.replace("新收政府信息公开申请5件", "新收政府信息公开申请6件")
    actions.save_draft(staff["lc-editor"], r, {"text_overview": text, "licensing": "3"})
    r.refresh_from_db()
    assert r.figures["table2"]["licensing"]["decisions"] == 3
    actions.submit(staff["lc-editor"], r)
    with pytest.raises(Forbidden):
        actions.approve(staff["lc-editor"], r)  # not by the one who submitted
    with pytest.raises(Invalid) as exc:
        actions.approve(staff["lc-reviewer"], r)
    assert "正文数字与表格一致" in str(exc.value)
    r.refresh_from_db()
    assert r.state == "review"
    actions.approve(staff["lc-reviewer"], r, override_reason="正文数字已与科室核对，下版更正")
    r.refresh_from_db()
    assert r.state == "approved" and r.override_reason


def test_bad_staff_figure_is_refused_and_nothing_saved(cz, staff):
    from gongkai.annualreport import actions

    r = actions.generate(staff["lc-editor"], cz, YEAR)
    with pytest.raises(Invalid) as exc:
        actions.save_draft(staff["lc-editor"], r, {"licensing": "-2", "fees": "abc"})
    assert set(exc.value.errors) == {"licensing", "fees"}
    r.refresh_from_db()
    assert r.staff_figures == {}


def test_publish_through_catalog_then_new_version_keeps_old(
    client, cz, staff, year_of_apps, django_capture_on_commit_callbacks
):
    from gongkai.annualreport import actions
    from gongkai.annualreport.models import ReportVersion

    r = actions.generate(staff["lc-editor"], cz, YEAR)
    _publish(r, staff)
    r.refresh_from_db()
    item = r.item
    assert item.state == "published" and item.index_no
    assert item.entries.filter(section="annual_report").exists()
    page = client.get(f"/org/{cz.code}/annual-report/{YEAR}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'colspan="7"' in html and "申请人情况" in html and '<th scope="col"' in html
    actions.revise(staff["lc-editor"], r)
    r.refresh_from_db()
    with pytest.raises(Invalid):
        actions.submit(staff["lc-editor"], r)  # a change note is required
    actions.save_draft(
        staff["lc-editor"], r, {"licensing": "8", "change_note": "更正行政许可处理决定数量"}
    )
    with django_capture_on_commit_callbacks(execute=True):  # the catalog's signals refresh pages
        _publish(r, staff)
    versions = list(ReportVersion.objects.filter(report=r).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].figures["table2"]["licensing"]["decisions"] == 0
    assert versions[1].figures["table2"]["licensing"]["decisions"] == 8
    item.refresh_from_db()
    assert item.version == 2
    page = client.get(f"/org/{cz.code}/annual-report/{YEAR}/").content.decode()
    assert "更正行政许可处理决定数量" in page and "第1版" in page
    old = client.get(f"/org/{cz.code}/annual-report/{YEAR}/?v=1").content.decode()
    assert "这是旧版本" in old
    api = client.get(f"/api/v1/organisations/{cz.code}/annual-reports/{YEAR}").json()
    assert api["version"] == 2 and len(api["versions"]) == 2
    assert api["table3"]["disclosed"]["natural_person"] == 2
    assert set(api["table3"]["new"]) == {
        "natural_person", "commercial", "research", "public_interest", "legal_services",
        "other", "total",
    }  # fmt: skip
    assert "王小明" not in json.dumps(api, ensure_ascii=False)
    v1 = client.get(f"/api/v1/organisations/{cz.code}/annual-reports/{YEAR}?version=1").json()
    assert v1["table2"]["licensing"]["decisions"] == 0
    assert (
        client.get(f"/api/v1/organisations/{cz.code}/annual-reports/{YEAR}?version=x").status_code
        == 400
    )
    assert client.get(f"/api/v1/organisations/{cz.code}/annual-reports/1999").status_code == 404


def test_cross_year_continuity(cz, staff, year_of_apps):
    from gongkai.annualreport import actions

    r = actions.generate(staff["lc-editor"], cz, YEAR)
    actions.save_draft(staff["lc-editor"], r, {"normative_in_force": "4"})
    r.refresh_from_db()  # the drafted text still says 0: the text check catches it
    assert not {c["name"]: c["ok"] for c in r.checks}["text_figures"]
    actions.refresh(staff["lc-editor"], r, redraft_text=True)
    _publish(r, staff)
    nxt = actions.generate(staff["lc-editor"], cz, YEAR + 1)
    checks = {c["name"]: c for c in nxt.checks}
    # one application carried out of YEAR, carried into YEAR+1
    assert nxt.figures["table3"]["carried_in"]["total"] == 1
    assert checks["carry_over"]["ok"]
    # the catalog holds no 规范性文件 for 市财政局: 4 + 0 - 0 != 0
    assert not checks["table2_continuity"]["ok"]
    actions.save_draft(staff["lc-editor"], nxt, {"normative_in_force": "4"})
    nxt.refresh_from_db()
    assert {c["name"]: c["ok"] for c in nxt.checks}["table2_continuity"]


def test_docx_tables_read_back(cz, staff, year_of_apps):
    from docx import Document

    from gongkai.annualreport import actions, render

    r = actions.generate(staff["lc-editor"], cz, YEAR)
    doc = Document(io.BytesIO(render.docx_bytes(r.title, r.figures, r.texts())))
    s = doc.sections[0]
    assert round(s.top_margin.mm) == 37 and round(s.left_margin.mm) == 28
    assert round(s.page_width.mm) == 210
    assert round(s.bottom_margin.mm) == 35 and round(s.right_margin.mm) == 26
    t2, t3, t4 = doc.tables
    rows = [[c.text for c in row.cells] for row in t3.rows]
    assert len(rows) == 28 and len(rows[0]) == 10
    assert rows[0][3] == rows[0][9] == "申请人情况"  # merged across
    assert rows[1][3] == rows[2][3] == "自然人"  # merged down
    assert rows[1][4] == rows[1][8] == "法人或其他组织"
    new = next(r_ for r_ in rows if r_[0].startswith("一、本年新收"))
    assert new[3:] == ["3", "1", "0", "0", "1", "0", "5"]
    disclosed = next(r_ for r_ in rows if r_[1] == "（一）予以公开")
    assert disclosed[3] == "2"
    assert [c.text for c in t4.rows[0].cells][:5] == ["行政复议"] * 5
    fonts = {run.font.name for p in doc.paragraphs for run in p.runs}
    assert {"仿宋_GB2312", "黑体"} <= fonts


def test_xlsx_and_cli_json(cz, staff, year_of_apps, tmp_path):
    import openpyxl
    from django.core.management import call_command

    from gongkai.annualreport import render

    out = io.StringIO()
    call_command("report", "annual", "--org", cz.code, "--year", str(YEAR), stdout=out)
    data = json.loads(out.getvalue())
    assert data["table3"]["new"]["total"] == 5
    assert {c["name"] for c in data["checks"]} >= {"table3_identity", "carry_over"}
    path = tmp_path / "r.xlsx"
    call_command(
        "report", "annual", "--org", cz.code, "--year", str(YEAR), "--format", "xlsx",
        "--out", str(path), stdout=io.StringIO(),
    )  # fmt: skip
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[1]
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert "D2:J2" in merged  # 申请人情况 over the seven figure columns (caption on row 1)
    assert ws["D2"].value == "申请人情况"
    del render


def test_published_report_is_an_item_found_by_search(client, cz, staff, year_of_apps):
    from gongkai.annualreport import actions
    from gongkai.search import indexing

    r = actions.generate(staff["lc-editor"], cz, YEAR)
    _publish(r, staff)
    r.refresh_from_db()
    page = client.get(f"/item/{r.item.pk}/").content.decode()
    assert f"/org/{cz.code}/annual-report/{YEAR}/" in page  # the portal item links the report
    indexing.drain()
    found = client.get("/api/v1/search", {"q": "政府信息公开工作年度报告"}).json()
    assert r.item.pk in [x["id"] for x in found["results"]]


def test_api_answers_match_the_openapi_document(client, cz, staff, year_of_apps):
    from gongkai.annualreport import actions
    from gongkai.portal.openapi import document
    from tests.portal.test_api_schema import check

    r = actions.generate(staff["lc-editor"], cz, YEAR)
    _publish(r, staff)
    doc = document()
    for path, url in [
        (
            "/api/v1/organisations/{code}/annual-reports",
            f"/api/v1/organisations/{cz.code}/annual-reports",
        ),
        (
            "/api/v1/organisations/{code}/annual-reports/{year}",
            f"/api/v1/organisations/{cz.code}/annual-reports/{YEAR}",
        ),
    ]:
        op = doc["paths"][path]["get"]
        answer = client.get(url)
        assert answer.status_code == 200
        check(answer.json(), op["responses"]["200"]["content"]["application/json"]["schema"], doc)
    listed = client.get(f"/api/v1/organisations/{cz.code}/annual-reports").json()
    assert listed["total"] == 1 and listed["results"][0]["year"] == YEAR
    assert client.get("/api/v1/organisations/nope/annual-reports").status_code == 404
    assert client.get(f"/api/v1/organisations/{cz.code}/annual-reports?page=0").status_code == 400


def test_only_an_import_records_an_earlier_publication_date(cz, staff):
    from django.utils import timezone

    from gongkai.annualreport import actions
    from gongkai.core.actors import SYSTEM

    r = actions.generate(staff["lc-editor"], cz, YEAR)
    when = timezone.make_aware(dt.datetime(YEAR + 1, 1, 25, 10))
    with pytest.raises(Forbidden):
        actions.import_published(staff["lc-admin"], r, published_at=when, reason="x")
    r = actions.import_published(SYSTEM("import"), r, published_at=when, reason="导入")
    assert r.state == "published" and r.item.published_at == when and r.item.index_no
    assert r.versions.get().published_at == when
