"""Staff pages: import with preview and mapping, supervision tree, obligation page, exports,
scores, comparison, 工作台 panels, permissions."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.catalog.models import CatalogEntry
from gongkai.catalog.services import ensure_legal_structure
from gongkai.core.actors import SYSTEM
from gongkai.plans import actions
from gongkai.plans.models import Obligation, Plan
from tests.conftest import LIAOCHENG_PLAN
from tests.plans.test_import import UNKNOWN_UNIT_PLAN


def _client(client, user):
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_import_preview_then_confirm_then_reimport(client, staff, orgs):
    c = _client(client, staff["lc-admin"])
    city = orgs["聊城市"]
    data = LIAOCHENG_PLAN.read_bytes()
    resp = c.post(
        reverse("plans:import"),
        {"org": city.pk, "year": "2017", "file": SimpleUploadedFile("lc.txt", data)},
    )
    html = resp.content.decode()
    assert resp.status_code == 200 and "确认导入" in html
    assert "人民银行聊城中心支行 → 中国人民银行聊城市中心支行（聊城市）" in html
    assert "12 期，首期 2017年1月" in html and "等待“本级人代会结束”的日期" in html
    assert not Plan.objects.exists()  # a preview writes nothing
    digest = resp.context["digest"]
    resp = c.post(
        reverse("plans:import"),
        {"org": city.pk, "year": "2017", "digest": digest, "name": "lc.txt", "confirm": "1"},
    )
    plan = Plan.objects.get()
    assert resp.status_code == 302 and resp["Location"] == reverse("plans:detail", args=[plan.pk])
    resp = c.post(
        reverse("plans:import"),
        {
            "org": city.pk,
            "year": "2017",
            "file": SimpleUploadedFile("lc.txt", data),
            "confirm": "1",
        },
        follow=True,
    )
    assert "未作任何更改" in resp.content.decode() and Plan.objects.count() == 1


@pytest.mark.django_db
def test_import_asks_for_mapping_and_rejects_bad_files(client, staff, orgs, org):
    c = _client(client, staff["lc-admin"])
    city = orgs["聊城市"]
    up = SimpleUploadedFile("p.txt", UNKNOWN_UNIT_PLAN.encode("gb18030"))
    resp = c.post(
        reverse("plans:import"), {"org": city.pk, "year": "2026", "file": up, "confirm": "1"}
    )
    html = resp.content.decode()
    assert resp.status_code == 400 and "请先映射" in html and "市大数据局（未识别）" in html
    assert not Plan.objects.exists()
    target = org("聊城市", "市政府办公室")
    resp = c.post(
        reverse("plans:import"),
        {
            "org": city.pk,
            "year": "2026",
            "digest": resp.context["digest"],
            "name": "p.txt",
            "confirm": "1",
            "map:市大数据局": f"org:{target.pk}",
        },
    )
    assert resp.status_code == 302 and Plan.objects.count() == 1
    bad = SimpleUploadedFile("x.docx", b"PK\x03\x04broken")
    resp = c.post(reverse("plans:import"), {"org": city.pk, "year": "2026", "file": bad})
    assert resp.status_code == 400 and "已损坏" in resp.content.decode()
    resp = c.post(reverse("plans:import"), {"org": city.pk, "year": "abc"})
    assert resp.status_code == 400 and "请填写四位年度" in resp.content.decode()


@pytest.mark.django_db
def test_only_office_admins_import_and_anonymous_is_sent_to_login(client, staff, orgs):
    assert client.get(reverse("plans:import")).status_code == 302
    c = _client(client, staff["lc-mz-editor"])
    assert c.get(reverse("plans:import")).status_code == 403


@pytest.mark.django_db
def test_supervision_pages_exports_and_workbench(client, staff, import_seed, org):
    plan = import_seed("聊城市")
    c = _client(client, staff["lc-admin"])
    html = c.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "light-red" in html  # 2017 is past and nothing was published
    assert "每月</a>：公开全市财政收支情况" in html and "等待“本级人代会结束”日期" in html
    czj = org("聊城市", "市财政局")
    html = c.get(reverse("plans:org", args=[plan.pk, czj.pk])).content.decode()
    assert "加强财政政策" in html and "加强统计信息公开" not in html
    # link the monthly rule to the column from the obligation page
    ob = Obligation.objects.get(task__plan=plan, task__path_key="一/（一）/1", every="month")
    ensure_legal_structure(czj)
    entry = CatalogEntry.objects.get(organisation=czj, slug="czsz")
    resp = c.post(
        reverse("plans:obligation", args=[ob.pk]),
        {"op": "settings", "lag_workdays": "15", "entries": [entry.pk], "responsible": [czj.pk]},
    )
    assert resp.status_code == 302
    ob.refresh_from_db()
    assert ob.lag_workdays == 15 and list(ob.entries.all()) == [entry]
    assert list(ob.responsible.all()) == [czj]
    resp = c.post(
        reverse("plans:obligation", args=[ob.pk]), {"op": "settings", "lag_workdays": "-1"}
    )
    assert resp.status_code == 400 and "0—250" in resp.content.decode()
    # exports
    resp = c.get(reverse("plans:ledger", args=[plan.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(resp.content)).active
    assert sheet.cell(2, 6).value == "完成情况" and sheet.max_row == plan.tasks.count() + 2
    resp = c.get(reverse("plans:scores", args=[plan.pk]))
    assert "考核得分" in resp.content.decode() and czj.short_name in resp.content.decode()
    resp = c.get(reverse("plans:scores", args=[plan.pk]) + "?format=xlsx")
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    # the 工作台 shows last year's overdue instances, not history
    c2 = _client(client, staff["lc-editor"])
    html = c2.get(reverse("accounts:workbench")).content.decode()
    assert "逾期未完成的工作要点任务" in html and "（2017年1月）" not in html


@pytest.mark.django_db
def test_workbench_lists_overdue_obligations_of_the_users_organisation(client, staff, import_seed):
    today = timezone.localdate()
    plan = import_seed("聊城市", year=today.year - 1)
    actions.refresh_states()
    ob = Obligation.objects.get(task__plan=plan, task__path_key="一/（一）/1", every="month")
    recent = ob.instances.filter(
        state="missed", due_date__gte=today - dt.timedelta(days=366)
    ).order_by("due_date")
    assert recent.exists()
    html = _client(client, staff["lc-editor"]).get(reverse("accounts:workbench")).content.decode()
    assert f"公开全市财政收支情况（{recent[0].label}）" in html
    # 市民政局's editor is not responsible for it
    html = (
        _client(client, staff["lc-mz-editor"]).get(reverse("accounts:workbench")).content.decode()
    )
    assert "公开全市财政收支情况" not in html


@pytest.mark.django_db
def test_events_rollover_and_diff_pages(client, staff, import_seed):
    lc = import_seed("聊城市")
    dy = import_seed("东营市")
    c = _client(client, staff["lc-admin"])
    resp = c.post(
        reverse("plans:add_event", args=[lc.pk]),
        {"name": "本级人代会结束", "occurred_at": "2017-02-20T17:00"},
    )
    assert resp.status_code == 302
    ob = Obligation.objects.get(task__plan=lc, relative_to="本级人代会结束")
    assert ob.instances.count() == 1
    resp = c.post(reverse("plans:rollover", args=[lc.pk]), {"year": "2026"})
    new = Plan.objects.get(year=2026)
    assert resp["Location"] == reverse("plans:detail", args=[new.pk])
    # the 东营 plan belongs to another city: 聊城's admin cannot open it
    assert c.get(reverse("plans:detail", args=[dy.pk])).status_code == 404
    admin = staff["lc-admin"]
    admin.is_superuser = True
    admin.save()
    c = _client(client, admin)
    html = c.get(reverse("plans:diff") + f"?a={lc.pk}&b={dy.pk}").content.decode()
    assert "深化社会救助信息公开" in html
    assert "增加：每月" in html and "删去：每季度" in html


@pytest.mark.django_db
def test_obligation_page_links_an_item_and_takes_a_report(client, staff, import_seed, org):
    from gongkai.catalog.actions import publish_item_now

    plan = import_seed("聊城市")
    czj = org("聊城市", "市财政局")
    ensure_legal_structure(czj)
    entry = CatalogEntry.objects.get(organisation=czj, slug="czyjs")
    item = publish_item_now(
        organisation=czj,
        title="财政收支情况通报",
        body="<p>通报</p>",
        entries=[entry],
        published_at=timezone.make_aware(dt.datetime(2017, 4, 12, 9)),
        actor=SYSTEM("test"),
    )
    ob = Obligation.objects.get(task__plan=plan, task__path_key="一/（一）/1", every="month")
    march = ob.instances.get(label="2017年3月")
    c = _client(client, staff["lc-editor"])
    page = c.get(reverse("plans:obligation", args=[ob.pk])).content.decode()
    assert "财政收支情况通报" in page  # offered among the unit's published items
    resp = c.post(
        reverse("plans:obligation", args=[ob.pk]),
        {"op": "link", "instance": march.pk, "item": item.pk},
    )
    assert resp.status_code == 302
    march.refresh_from_db()
    assert march.state == "on_time"
    resp = c.post(reverse("plans:obligation", args=[ob.pk]), {"op": "report", "text": ""})
    assert resp.status_code == 400 and "请填写进展情况" in resp.content.decode()
    april = ob.instances.get(label="2017年4月")
    resp = c.post(
        reverse("plans:obligation", args=[ob.pk]),
        {"op": "report", "text": "四月数据已在财政局网站发布。", "instance": april.pk},
    )
    assert resp.status_code == 302
    april.refresh_from_db()
    assert april.fulfilments.get().source == "report"
    # an editor of another department may not report for this task
    c3 = _client(client, staff["lc-mz-editor"])
    resp = c3.post(reverse("plans:obligation", args=[ob.pk]), {"op": "report", "text": "x"})
    assert resp.status_code in (403, 404)


def test_plan_and_obligation_pages_link_their_audit_trail(client, staff, import_seed):
    from gongkai.audit.models import AuditEntry

    plan = import_seed("聊城市")
    ob = Obligation.objects.filter(task__plan=plan).first()
    c = _client(client, staff["lc-admin"])
    for page_url, trail_url in [
        (f"/staff/plans/{plan.pk}/", f"/staff/audit/plans/plan/{plan.pk}/"),
        (f"/staff/plans/obligations/{ob.pk}/", f"/staff/audit/plans/obligation/{ob.pk}/"),
    ]:
        assert trail_url in c.get(page_url).content.decode()
        assert c.get(trail_url).status_code == 200
    entry = AuditEntry.objects.for_object(plan).first()
    assert (
        entry is not None
        and entry.object_repr in c.get(f"/staff/audit/plans/plan/{plan.pk}/").content.decode()
    )
