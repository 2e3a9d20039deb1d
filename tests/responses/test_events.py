"""Response events on hour clocks: acts that stop them, the catalog signal, the overdue job,
press conferences (leader flag, yearly count), public pages, API and role scoping."""

import datetime as dt

import pytest

from gongkai.core.errors import Forbidden, Invalid
from gongkai.responses import actions, queries
from gongkai.responses.models import EventClock, PressConference
from gongkai.rules import dates

pytestmark = pytest.mark.django_db


@pytest.fixture
def civil(org):
    return org("聊城市", "市民政局")


@pytest.fixture
def finance(org):
    from gongkai.catalog.services import ensure_legal_structure

    o = org("聊城市", "市财政局")
    ensure_legal_structure(o)
    return o


def fmt(moment):
    return dates.local(moment).strftime("%Y-%m-%d %H:%M")


def make_event(user, org, level="major", hours_ago=2, **kw):
    return actions.do_create_event(
        user,
        org,
        title=kw.get("title", "网传低保取消"),
        description="网络流传不实说法",
        level=level,
        learnt_at=fmt(dates.now() - dt.timedelta(hours=hours_ago)),
        misleading_claim="低保将取消",
    )


def clocks(event):
    return {c.kind: c for c in event.clocks.all()}


def test_major_event_clocks_and_statement(civil, staff):
    ev = make_event(staff["lc-mz-editor"], civil)
    c = clocks(ev)
    assert set(c) == {"info", "conference"}
    assert c["info"].state == "running" and c["info"].hours == 5
    assert c["info"].deadline == ev.learnt_at + dt.timedelta(hours=5)
    actions.do_record_statement(staff["lc-mz-editor"], ev, text="郑重说明：网传不实。")
    c = clocks(ev)
    assert c["info"].state == "met" and c["conference"].state == "running"


def test_learnt_at_is_beijing_time_across_midnight(civil, staff):
    ev = actions.do_create_event(
        staff["lc-mz-editor"],
        civil,
        title="夜间突发事件",
        description="深夜获知",
        level="extreme",
        learnt_at="2026-01-05 22:40",
    )
    assert dates.local(ev.learnt_at).hour == 22
    info = clocks(ev)["info"]
    assert dates.local(info.deadline) == dt.datetime(2026, 1, 6, 3, 40, tzinfo=dates.GOV_TZ)
    assert info.state == "overdue" and info.lateness_minutes > 0  # long past by now


def test_late_statement_records_lateness(civil, staff):
    ev = make_event(staff["lc-mz-editor"], civil, level="general", hours_ago=60)
    actions.do_record_statement(
        staff["lc-mz-editor"],
        ev,
        text="情况通报",
        published_at=fmt(ev.learnt_at + dt.timedelta(hours=50, minutes=30)),
    )
    (c,) = ev.clocks.all()
    assert c.state == "late" and c.lateness_minutes == 150


def test_bad_event_input(civil, staff):
    with pytest.raises(Invalid) as exc:
        actions.do_create_event(
            staff["lc-mz-editor"],
            civil,
            title="",
            description="x" * 10_000,
            level="huge",
            learnt_at="昨天晚上",
        )
    assert set(exc.value.errors) >= {"title", "description", "level", "learnt_at"}
    with pytest.raises(Invalid, match="晚于现在"):
        actions.do_create_event(
            staff["lc-mz-editor"],
            civil,
            title="t",
            description="d",
            level="major",
            learnt_at=fmt(dates.now() + dt.timedelta(days=1)),
        )


def test_role_scoping(civil, staff):
    with pytest.raises(Forbidden):
        make_event(staff["lc-editor"], civil)  # finance editor, civil affairs event
    with pytest.raises(Forbidden):
        make_event(staff["lc-auditor"], civil)


def test_published_linked_item_stops_clock(finance, staff, django_capture_on_commit_callbacks):
    from gongkai.catalog import actions as catalog
    from gongkai.catalog.services import entry

    ev = make_event(staff["lc-editor"], finance, level="large", hours_ago=1)
    draft = catalog.create_item(
        organisation=finance,
        actor=staff["lc-editor"],
        title="关于补贴发放情况的说明",
        body="<p>补贴已发放。</p>",
        entries=[entry(finance, "czsz")],
    )
    actions.do_link_item(staff["lc-editor"], ev, draft)
    assert clocks(ev)["response"].state == "running"
    with django_capture_on_commit_callbacks(execute=True):
        catalog.approve(catalog.submit(draft, actor=staff["lc-editor"]), actor=staff["lc-reviewer"])
    c = clocks(ev)["response"]
    assert c.state == "met" and c.stopped_at is not None


def test_job_records_overdue(civil, staff):
    ev = make_event(staff["lc-mz-editor"], civil, hours_ago=1)
    assert clocks(ev)["info"].state == "running"
    out = actions.run_job(dates.now() + dt.timedelta(hours=5))
    assert out.startswith("1 ")
    assert clocks(ev)["info"].state == "overdue"
    assert queries.missed_clocks({civil.pk}, ev.learnt_at.year)[0].event == ev


def test_conference_stops_conference_clock_and_flags_no_leader(civil, staff):
    ev = make_event(staff["lc-mz-editor"], civil, hours_ago=3)
    conf = actions.do_record_conference(
        staff["lc-mz-editor"],
        civil,
        topic="低保政策新闻发布会",
        held_at=fmt(dates.now() - dt.timedelta(hours=1)),
        speakers=[("王静", "市民政局副局长"), ("", "忽略空行")],
        event=ev,
    )
    assert not conf.leader_spoke and conf.speakers.count() == 1
    c = clocks(ev)
    assert c["conference"].state == "met" and c["info"].state == "met"
    conf2 = actions.do_record_conference(
        staff["lc-mz-editor"],
        civil,
        topic="养老服务发布会",
        held_at=fmt(dates.now() - dt.timedelta(days=1)),
        speakers=[("李明", "市民政局局长")],
    )
    assert conf2.leader_spoke
    with pytest.raises(Invalid, match="发布人"):
        actions.do_record_conference(
            staff["lc-mz-editor"], civil, topic="t", held_at=fmt(dates.now()), speakers=[]
        )
    year = dates.local(conf.held_at).year
    assert queries.press_conference_count({civil.pk}, year) == (
        2 if dates.local(conf2.held_at).year == year else 1
    )
    assert queries.press_conference_count({civil.pk}, year - 5) == 0


def test_public_pages_and_api_show_published_only(client, civil, staff):
    pub = actions.do_record_conference(
        staff["lc-mz-editor"],
        civil,
        topic="城乡低保政策吹风会",
        kind="briefing",
        held_at=fmt(dates.now() - dt.timedelta(days=2)),
        speakers=[("李明", "市民政局局长")],
        transcript="主持人：欢迎。",
    )
    actions.do_publish_conference(staff["lc-mz-editor"], pub)
    hidden = actions.do_record_conference(
        staff["lc-mz-editor"],
        civil,
        topic="尚未发布的发布会",
        held_at=fmt(dates.now() - dt.timedelta(days=1)),
        speakers=[("李明", "市民政局局长")],
    )
    html = client.get("/press-conferences/").content.decode()
    assert "城乡低保政策吹风会" in html and "尚未发布的发布会" not in html
    assert client.get(f"/press-conferences/{hidden.pk}/").status_code == 404
    assert "主持人：欢迎。" in client.get(f"/press-conferences/{pub.pk}/").content.decode()
    data = client.get("/api/v1/press-conferences").json()
    assert data["total"] == 1 and data["results"][0]["leader_spoke"] is True
    assert client.get("/api/v1/press-conferences?year=abc").status_code == 400
    assert PressConference.objects.count() == 2


def test_staff_pages_show_time_left(client, civil, staff):
    ev = make_event(staff["lc-mz-editor"], civil, hours_ago=1)
    client.force_login(staff["lc-mz-editor"])
    html = client.get(f"/staff/responses/{ev.pk}/").content.decode()
    assert "计时中" in html and "剩余 3 小时" in html
    html = client.get("/staff/").content.decode()
    assert "舆情回应：计时中的时限" in html and ev.title in html
    client.force_login(staff["dy-editor"])
    assert client.get(f"/staff/responses/{ev.pk}/").status_code == 404
    r = client.post("/staff/responses/", {"title": "", "level": "x"})
    assert r.status_code in (400, 403)


def test_demo(staff, demo_ctx, settings, tmp_path):
    from gongkai.responses import demo

    settings.MEDIA_ROOT = tmp_path
    demo.load(demo_ctx)
    states = sorted(
        {c.event.title: c.state for c in EventClock.objects.select_related("event")}.items()
    )
    assert len(states) == 2
    assert PressConference.objects.filter(published=True).count() == 6
    late = EventClock.objects.filter(state__in=("late", "overdue"))
    assert {c.event.organisation.city.name for c in late} == {"东营市人民政府"}
    assert not EventClock.objects.filter(
        event__organisation__city__name="聊城市人民政府", state__in=("late", "overdue")
    ).exists()


def test_staff_forms_record_event_and_conference(client, civil, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff["lc-mz-editor"])
    learnt = fmt(dates.now() - dt.timedelta(hours=1))
    r = client.post(
        "/staff/responses/",
        {
            "title": "<script>x</script>",
            "description": "概况",
            "level": "major",
            "learnt_at": learnt,
            "organisation": civil.pk,
        },
    )
    assert r.status_code == 302
    ev = civil.response_events.get()
    r = client.post(
        "/staff/press-conferences/",
        {
            "kind": "press",
            "topic": "发布会",
            "held_at": fmt(dates.now()),
            "host": civil.pk,
            "event": ev.pk,
            "speaker_name": ["李明", ""],
            "speaker_post": ["市民政局局长", ""],
            "publish": "yes",
        },
    )
    assert r.status_code == 302
    assert clocks(ev)["conference"].state == "met"
    r = client.post("/staff/press-conferences/", {"kind": "press", "topic": "", "host": ""})
    assert r.status_code == 400 and "请选择主办单位" in r.content.decode()
    html = client.get("/staff/responses/").content.decode()
    assert "&lt;script&gt;" in html and "<script>x" not in html
