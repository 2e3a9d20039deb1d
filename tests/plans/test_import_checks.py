"""#18.11: the import preview warns about the year and the issuer, names resolved units in
full; the comparison takes an uploaded file on either side; the obligation page's column list is
grouped, linked ones first, with a filter box."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.catalog.models import CatalogEntry
from gongkai.catalog.services import ensure_legal_structure
from gongkai.plans import importcheck
from gongkai.plans.models import Obligation, Plan
from tests.conftest import DONGYING_PLAN, LIAOCHENG_PLAN


# -- the rules (no database) ----------------------------------------------------------------------
def test_the_year_a_plan_states_comes_from_its_title_then_its_signing_date():
    assert importcheck.stated_year("2017年聊城市政务公开工作要点") == 2017
    assert importcheck.stated_year("", "关于印发2019年工作要点的通知") == 2019
    assert importcheck.stated_year("政务公开工作要点", "", dt.date(2021, 3, 2)) == 2021
    assert importcheck.stated_year("政务公开工作要点") is None


def test_year_warning_only_when_the_years_differ():
    assert importcheck.year_warning(2026, 2026) == ""
    assert importcheck.year_warning(None, 2026) == ""
    w = importcheck.year_warning(2017, 2026)
    assert "2017年" in w and "2026年" in w and "仍按2026年导入" in w and "已经错过" in w


def test_issuer_warning_compares_the_body_or_else_the_city():
    kw = {"chosen_city": "聊城市"}
    assert (
        importcheck.issuer_warning("聊城市人民政府办公室", "聊城市人民政府", same_body=True, **kw)
        == ""
    )
    assert "东营市人民政府办公室" in importcheck.issuer_warning(
        "东营市人民政府办公室", "聊城市人民政府", same_body=False, **kw
    )
    # not resolved: only the city its name begins with is compared
    assert (
        importcheck.issuer_warning("聊城市某某办公室", "聊城市人民政府", same_body=None, **kw) == ""
    )
    assert importcheck.issuer_warning(
        "滨州市人民政府办公室", "聊城市人民政府", same_body=None, **kw
    )
    assert importcheck.issuer_warning("", "聊城市人民政府", same_body=None, **kw) == ""


# -- the import preview --------------------------------------------------------------------------
def _preview(c, city, year, path=LIAOCHENG_PLAN, **extra):
    data = {
        "org": city.pk,
        "year": str(year),
        "file": SimpleUploadedFile(path.name, path.read_bytes()),
    }
    return c.post(reverse("plans:import"), {**data, **extra})


@pytest.mark.django_db
def test_a_2017_file_imported_as_2026_warns_and_needs_the_confirmation(client, staff, orgs):
    client.force_login(staff["lc-admin"])
    city = orgs["聊城市"]
    resp = _preview(client, city, 2026)
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "文件是2017年的工作要点" in html and "仍按2026年导入" in html
    assert "发文机关" not in html.split("请核对")[1].split("</section>")[0]  # the issuer is right
    digest = resp.context["digest"]
    # "confirm" alone (a form posted without having seen these warnings) only previews again
    again = {"org": city.pk, "year": "2026", "digest": digest, "name": "lc.txt", "confirm": "1"}
    resp = client.post(reverse("plans:import"), again)
    assert resp.status_code == 200 and "请核对" in resp.content.decode()
    assert not Plan.objects.exists()
    # the warnings were for 2026: confirming them for another year does not count
    resp = client.post(
        reverse("plans:import"), {**again, "year": "2025", "ack": f"{city.pk}:2026:{digest}"}
    )
    assert not Plan.objects.exists() and "表单填写的年度是2025年" in resp.content.decode()
    resp = client.post(
        reverse("plans:import"), {**again, "ack": resp.context["ack_key"].replace("2025", "2026")}
    )
    assert resp.status_code == 302 and Plan.objects.get().year == 2026


@pytest.mark.django_db
def test_the_right_year_and_issuer_give_no_warning(client, staff, orgs):
    client.force_login(staff["lc-admin"])
    html = _preview(client, orgs["聊城市"], 2017).content.decode()
    assert "请核对" not in html and "确认导入" in html and "仍按" not in html


@pytest.mark.django_db
def test_another_citys_file_warns_about_the_issuer(client, staff, orgs):
    client.force_login(staff["lc-admin"])
    html = _preview(client, orgs["聊城市"], 2017, DONGYING_PLAN).content.decode()
    warning = html.split("请核对")[1].split("</section>")[0]
    assert "东营市人民政府办公室" in warning and "聊城市人民政府" in warning
    assert "年度" not in warning  # the year agrees


@pytest.mark.django_db
def test_resolved_units_are_shown_with_full_names_and_city(client, staff, orgs):
    client.force_login(staff["lc-admin"])
    html = _preview(client, orgs["聊城市"], 2017).content.decode()
    assert "人民银行聊城中心支行 → 中国人民银行聊城市中心支行（聊城市）" in html
    assert "市财政局 → 聊城市财政局（聊城市）" in html
    assert re.search(r"→ 各县市区政府（聊城市，\d+ 个单位）", html)


# -- the comparison with an uploaded file ---------------------------------------------------------
@pytest.mark.django_db
def test_diff_takes_an_uploaded_file_on_either_side_and_saves_nothing(client, staff, import_seed):
    lc = import_seed("聊城市")
    client.force_login(staff["lc-admin"])
    url = reverse("plans:diff")
    up = SimpleUploadedFile(DONGYING_PLAN.name, DONGYING_PLAN.read_bytes())
    resp = client.post(url, {"a": lc.pk, "b_file": up})
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "深化社会救助信息公开" in html and "增加：每月" in html and "删去：每季度" in html
    assert "乙：2017年东营市政务公开工作要点" in html
    assert Plan.objects.count() == 1  # the upload is not imported
    both = {
        "a_file": SimpleUploadedFile(LIAOCHENG_PLAN.name, LIAOCHENG_PLAN.read_bytes()),
        "b_file": SimpleUploadedFile(DONGYING_PLAN.name, DONGYING_PLAN.read_bytes()),
    }
    html = client.post(url, both).content.decode()
    assert "甲：2017年聊城市政务公开工作要点" in html and "深化社会救助信息公开" in html
    assert Plan.objects.count() == 1


@pytest.mark.django_db
def test_diff_says_what_is_wrong_with_a_side(client, staff, import_seed):
    lc = import_seed("聊城市")
    client.force_login(staff["lc-admin"])
    url = reverse("plans:diff")
    bad = SimpleUploadedFile("x.docx", b"PK\x03\x04broken")
    resp = client.post(url, {"a": lc.pk, "b_file": bad})
    assert resp.status_code == 400 and "x.docx" in resp.content.decode()
    assert "已损坏" in resp.content.decode()
    resp = client.post(url, {"a": lc.pk})
    assert (
        resp.status_code == 400
        and "请选择一份已导入的工作要点，或上传工作要点文件" in resp.content.decode()
    )
    assert client.post(url, {"a": "x", "b": lc.pk}).status_code == 400


# -- the obligation page's column list -----------------------------------------------------------
@pytest.mark.django_db
def test_column_list_is_grouped_linked_first_with_a_filter(client, staff, import_seed, org):
    plan = import_seed("聊城市")
    ob = next(
        o for o in Obligation.objects.filter(task__plan=plan) if o.task.organisations.count() >= 2
    )
    orgs = list(ob.task.organisations.all())
    for o in orgs:
        ensure_legal_structure(o)
    later = CatalogEntry.objects.filter(organisation=orgs[-1]).order_by("-pk").first()
    ob.entries.add(later)
    client.force_login(staff["lc-admin"])
    html = client.get(reverse("plans:obligation", args=[ob.pk])).content.decode()
    assert 'id="entry-filter"' in html and 'for="entry-filter"' in html
    assert "plans/entry-filter.js" in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # no inline script (strict CSP)
    boxes = re.findall(r'name="entries" value="(\d+)"( checked)?', html)
    assert boxes[0] == (str(later.pk), " checked")  # the linked column first
    assert [pk for pk, _ in boxes].count(str(later.pk)) == 1  # and only once
    assert len(boxes) == CatalogEntry.objects.filter(organisation__in=orgs, is_active=True).count()
    for o in orgs:
        assert f"<summary>{o.name}（" in html  # one group per organisation


@pytest.mark.django_db
def test_the_console_import_prints_the_warnings_and_imports(orgs, capsys):
    from django.core.management import call_command

    call_command("plan", "import", str(LIAOCHENG_PLAN), "--org", "聊城市", "--year", "2026")
    out = capsys.readouterr()
    assert "warning: 文件是2017年的工作要点" in out.err and "发文机关" not in out.err
    assert "imported plan" in out.out and Plan.objects.get().year == 2026
