"""The other areas' public pages in the page cache (issue #16): consultations, 建议提案, messages,
press conferences, the gazette, open data and the annual report are ``public`` with an ETag and
a Last-Modified, answer 304, never vary on cookies; a change made through the area's action
refreshes exactly the pages that show it (the next request is a MISS showing it) while an
unrelated page of another area stays a HIT. Pages with a form (CSRF token) stay private."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.catalog import actions as catalog
from gongkai.consultations import actions as consultations
from gongkai.core.sheets import Sheet, xlsx_bytes
from gongkai.interaction import actions as messages
from gongkai.proposals import actions as proposals
from gongkai.responses import actions as responses
from gongkai.rules import dates

from .checks import (
    DRAFT,
    cacheable,
    catalog_item,
    hit,
    private,
    refreshed,
)

pytestmark = pytest.mark.django_db


def test_consultation_pages_follow_comments_grouping_and_the_final_policy(
    client, staff, cz, orgs, message, committed
):
    today = dates.today()
    editor, reviewer = staff["lc-editor"], staff["lc-reviewer"]
    with committed():
        c = consultations.create(
            editor, cz, title="聊城市财政资金管理办法（征求意见稿）", doc_kind="normative",
            opens_on=today, closes_on=today + dt.timedelta(days=40), channels=["online"],
            contact_unit="市财政局办公室",
        )  # fmt: skip
        consultations.upload_draft(editor, c, "草案.txt", DRAFT.encode())
        consultations.submit(editor, c)
        consultations.approve(reviewer, c)
        c = consultations.open_consultation(editor, c)
    detail, city = f"/consultations/{c.pk}/", orgs["聊城市"].code
    private(client, detail)  # open: the comment form carries a CSRF token
    with committed():
        for _ in range(2):  # near-identical: grouped into one opinion
            consultations.submit_comment(AnonymousUser(), c, text="建议明确资金拨付时限。",
                                         contact="13900000000", consent=True)  # fmt: skip
        follower = c.comments.exclude(leader=None).get()
        c = consultations.close(editor, c, reason="提前结束")
    pages = {"list": "/consultations/", "org list": f"/consultations/org/{cz.code}/",
             "city list": f"/consultations/org/{city}/", "api list": "/api/v1/consultations",
             "api detail": f"/api/v1/consultations/{c.pk}"}  # fmt: skip
    assert "归并后 1 条" in cacheable(client, detail)
    other = f"/messages/{message.pk}/"
    cacheable(client, *pages.values(), other)

    with committed():  # a letter entered by staff: the counts change
        consultations.submit_comment(editor, c, text="来信建议增加公示环节。",
                                     contact="13700000000", channel="letter")  # fmt: skip
    assert 'id="comment-count">3<' in refreshed(client, detail)
    for kind, url in pages.items():
        body = refreshed(client, url)
        if kind.startswith("api"):
            assert '"comment_count": 3' in body, kind
    hit(client, other)

    with committed():  # taken out of its group: one more opinion
        consultations.ungroup(editor, follower)
    assert "归并后 3 条" in refreshed(client, detail)
    hit(client, other, pages["list"])

    with committed():
        policy = catalog_item(cz, "聊城市财政资金管理办法", "normative", kind="normative",
                              no_interpretation_reason="测试")  # fmt: skip
    item_page = f"/item/{policy.pk}/"
    assert "本文件曾公开征求意见" not in cacheable(client, item_page)
    with committed():
        consultations.link_final(editor, c, policy)
    assert f'href="{item_page}"' in refreshed(client, detail)
    assert "本文件曾公开征求意见" in refreshed(client, item_page)  # the note on the policy page
    with committed():
        catalog.withdraw(policy, actor=reviewer, reason="内容有误")
    assert f'href="{item_page}"' not in refreshed(client, detail)
    hit(client, other)


def test_proposal_pages_follow_publication_and_reopening(
    client, staff, cz, orgs, message, committed
):
    today = dates.today()
    header = ["编号", "标题", "类别", "提出人", "主办单位", "协办单位", "交办日期"]
    rows = [["0001", "关于规范采购公开的建议", "建议", "李代表", "市财政局", "",
             today - dt.timedelta(days=20)]]  # fmt: skip
    with committed():
        (p,) = proposals.import_assignments(
            staff["lc-admin"], orgs["聊城市"], year=today.year, session="市十八届人大三次会议",
            name="交办.xlsx", data=xlsx_bytes([Sheet.simple("交办", header, rows)]),
        )  # fmt: skip
    figures = {"all": "/proposals/figures/", "unit": f"/proposals/figures/{cz.code}/",
               "city": f"/proposals/figures/{orgs['聊城市'].code}/"}  # fmt: skip
    cacheable(client, *figures.values())
    with committed():
        proposals.reply(staff["lc-editor"], p, result_code="A", reply_text="已采纳。",
                        signed_on=today)  # fmt: skip
        p = proposals.approve(staff["lc-reviewer"], p)
    refreshed(client, *figures.values())  # they count every proposal
    pages = {"list": "/proposals/", "org list": f"/proposals/org/{cz.code}/",
             "city list": f"/proposals/org/{orgs['聊城市'].code}/", "api list": "/api/v1/proposals",
             "api detail": f"/api/v1/proposals/{p.pk}"}  # fmt: skip
    for url in [f"/proposals/{p.pk}/", *pages.values()]:
        assert "关于规范采购公开的建议" in cacheable(client, url), url
    hit(client, *figures.values())
    other = f"/messages/{message.pk}/"
    cacheable(client, other)

    with committed():  # 不满意: reopened, no longer published
        proposals.record_satisfaction(staff["lc-editor"], p, "unsatisfied")
    assert client.get(f"/proposals/{p.pk}/").status_code == 404
    assert client.get(pages["api detail"]).status_code == 404
    for url in (pages["list"], pages["org list"], pages["city list"], pages["api list"]):
        assert "关于规范采购公开的建议" not in refreshed(client, url), url
    refreshed(client, *figures.values())
    hit(client, other)


def test_message_pages_follow_submissions_and_publication(
    client, staff, cz, message, conference, committed
):
    detail = f"/messages/{message.pk}/"
    listed = ["/messages/", "/api/v1/messages"]
    stats = ["/messages/stats/", "/api/v1/messages/stats"]
    assert "低保标准咨询" in cacheable(client, detail)
    other = f"/press-conferences/{conference.pk}/"
    cacheable(client, *listed, *stats, other)
    received = client.get(stats[1]).json()["summary"]["received"]
    private(client, "/messages/write/", "/messages/status/")  # forms with a CSRF token

    with committed():  # a new message, not published: only the statistics change
        messages.do_submit(AnonymousUser(), cz, kind="suggest", subject="建议公开采购意向",
                           text="建议按月公开采购意向。", name="李华", contact="13600000000",
                           consent_publish=False)  # fmt: skip
    assert json.loads(refreshed(client, *stats))["summary"]["received"] == received + 1
    hit(client, detail, *listed, other)

    with committed():
        messages.do_unpublish(staff["lc-editor"], message, reason="当事人要求")
    assert client.get(detail).status_code == 404
    for url in listed:
        assert "低保标准咨询" not in refreshed(client, url)
    hit(client, other)


def test_press_conference_pages_follow_publication_and_linked_policies(
    client, staff, mz, message, conference, committed
):
    page, listed = f"/press-conferences/{conference.pk}/", "/press-conferences/"
    api = "/api/v1/press-conferences"
    assert conference.policy.title in cacheable(client, page)
    other = f"/messages/{message.pk}/"
    cacheable(client, listed, api, other)

    with committed():
        second = responses.do_record_conference(
            staff["lc-mz-editor"], mz, topic="养老服务新闻发布会",
            held_at=(dates.now() - dt.timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
            speakers=[("王静", "市民政局副局长")],
        )  # fmt: skip
    hit(client, listed, api)  # recorded, not yet published: nothing public changed
    with committed():
        responses.do_publish_conference(staff["lc-mz-editor"], second)
    assert "养老服务新闻发布会" in refreshed(client, listed)
    assert "养老服务新闻发布会" in refreshed(client, api)
    hit(client, page, other)

    with committed():  # the linked policy is withdrawn in the catalog
        catalog.withdraw(conference.policy, actor=staff["lc-mz-reviewer"], reason="已废止")
    assert conference.policy.title not in refreshed(client, page)
    assert conference.policy.title not in refreshed(client, api)
    hit(client, other)
