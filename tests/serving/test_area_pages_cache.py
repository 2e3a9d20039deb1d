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

from gongkai.annualreport import actions as reports
from gongkai.catalog import actions as catalog
from gongkai.catalog.models import CatalogEntry
from gongkai.catalog.services import ensure_legal_structure
from gongkai.consultations import actions as consultations
from gongkai.core.actors import SYSTEM
from gongkai.core.sheets import Sheet, xlsx_bytes
from gongkai.gazette import actions as gazettes
from gongkai.gazette.importing import import_one
from gongkai.gazette.models import Article
from gongkai.interaction import actions as messages
from gongkai.opendata import actions as opendata
from gongkai.proposals import actions as proposals
from gongkai.responses import actions as responses
from gongkai.rules import dates

pytestmark = pytest.mark.django_db

PUBLIC = "public, max-age=60, s-maxage=1, stale-while-revalidate=300"
ACTOR = SYSTEM("serving tests")
YEAR = dates.today().year - 1
DRAFT = (
    "聊城市财政资金管理办法\n（征求意见稿）\n第一条　为了规范财政资金管理，制定本办法。\n"
    "第二条　本办法适用于本市财政资金的分配和使用。\n第三条　本办法自公布之日起施行。\n"
)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A block whose after-commit work (signals, page-cache bumps) runs at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def cacheable(client, *urls) -> str:
    """Each page is public with its validators, answers 304, then is a HIT; the last body."""
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200, url
        assert r["Cache-Control"] == PUBLIC, url
        assert r["ETag"].startswith('"') and "Last-Modified" in r, url
        assert "cookie" not in r.get("Vary", "").lower() and not r.cookies, url
        again = client.get(url, HTTP_IF_NONE_MATCH=r["ETag"])
        assert again.status_code == 304 and again.content == b"", url
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=r["Last-Modified"]).status_code == 304, url
        assert client.get(url)["X-Gongkai-Cache"] == "HIT", url
    return r.content.decode(errors="replace")  # a download is bytes


def refreshed(client, *urls) -> str:
    """The next request of each page is a MISS (rendered again); the last body."""
    for url in urls:
        r = client.get(url)
        assert r["X-Gongkai-Cache"] == "MISS", url
    return r.content.decode(errors="replace")


def hit(client, *urls):
    for url in urls:
        assert client.get(url)["X-Gongkai-Cache"] == "HIT", url


def private(client, *urls):
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200 and r["Cache-Control"] == "private, no-store", url
        assert "X-Gongkai-Cache" not in r, url


def entry(org, slug):
    return CatalogEntry.objects.get(organisation=org, slug=slug)


def catalog_item(org, title, slug, **kw):
    return catalog.publish_item_now(
        organisation=org, actor=ACTOR, title=title, body=kw.pop("body", f"<p>{title}</p>"),
        entries=[entry(org, slug)], **kw,
    )  # fmt: skip


def unit(org, name):
    ensure_legal_structure(found := org("聊城市", name))
    return found


@pytest.fixture
def cz(org):
    return unit(org, "市财政局")


@pytest.fixture
def mz(org):
    return unit(org, "市民政局")


@pytest.fixture
def conference(staff, mz, committed):
    """A published press conference of 市民政局 linking a public policy."""
    with committed():
        policy = catalog_item(mz, "聊城市城乡低保标准调整方案", "normative",
                              kind="normative", no_interpretation_reason="测试")  # fmt: skip
        conf = responses.do_record_conference(
            staff["lc-mz-editor"], mz, topic="城乡低保政策吹风会", kind="briefing",
            held_at=(dates.now() - dt.timedelta(days=2)).strftime("%Y-%m-%d %H:%M"),
            speakers=[("李明", "市民政局局长")], transcript="主持人：欢迎。", policies=[policy],
        )  # fmt: skip
        responses.do_publish_conference(staff["lc-mz-editor"], conf)
    conf.policy = policy
    return conf


@pytest.fixture
def message(staff, cz, committed):
    """A published, answered message to 市财政局."""
    with committed():
        m = messages.do_submit(
            AnonymousUser(), cz, kind="consult", subject="低保标准咨询",
            text="请问今年城乡低保标准是多少？", name="王建国", contact="13812345678",
            consent_publish=True,
        ).message  # fmt: skip
        messages.do_draft_reply(staff["lc-editor"], m, reply="您好，标准见公开专栏。")
        messages.do_review_reply(staff["lc-reviewer"], m, approve=True)
        return messages.do_publish(staff["lc-editor"], m)


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


GAZETTE_POLICY = ("聊城市临时救助实施细则", "聊民发〔2026〕3号",
                  ["第一条 为做好临时救助工作，制定本细则。", "第二条 应当在10个工作日内完成审核。"])  # fmt: skip


def gazette_issue(number: int, notice: str) -> bytes:
    """A .txt issue of 聊城市人民政府公报 2026 carrying the policy and one notice."""
    title, doc_number, paras = GAZETTE_POLICY
    toc = (
        f"聊城市人民政府公报\n2026年第{number}期（总第{100 + number}期）\n目　录\n"
        f"{title}（{doc_number}）……………1\n{notice}（聊政字〔2026〕{number}号）……………2\n"
    )
    body = (
        f"{title}\n{doc_number}\n" + "\n".join(paras) + "\n聊城市民政局\n2026年2月26日\n"
        f"{notice}\n各县（市、区）人民政府：请做好有关工作。\n聊城市人民政府\n2026年3月1日\n"
    )
    return (toc + body).encode("gb18030")


def test_gazette_pages_follow_imports_links_and_the_linked_item(
    client, staff, orgs, mz, message, committed
):
    title, doc_number, paras = GAZETTE_POLICY
    with committed():
        policy = catalog_item(
            mz, title, "normative", body="".join(f"<p>{p}</p>" for p in paras),
            kind="normative", doc_number=doc_number, signed_on=dt.date(2026, 2, 26),
            issuers=[mz], no_interpretation_reason="测试",
        )  # fmt: skip
        gazette = gazettes.ensure_gazette(ACTOR, orgs["聊城市"])
    item_page, home = f"/item/{policy.pk}/", f"/gazette/{gazette.code}/"
    assert "政府公报标准文本" not in cacheable(client, item_page)
    other = f"/messages/{message.pk}/"
    cacheable(client, "/gazette/", home, other)

    with committed():
        import_one(SYSTEM("gazette import"), gazette, "2026-04.txt",
                   gazette_issue(4, "聊城市人民政府关于春季植树的通知"))  # fmt: skip
    article = Article.objects.get(item=policy)
    assert article.linked
    issue = article.issue
    assert "第4期" in refreshed(client, home)
    assert "政府公报标准文本" in refreshed(client, item_page)  # the note names the issue
    pages = {"issue": f"/gazette/issues/{issue.pk}/", "article": f"/gazette/articles/{article.pk}/",
             "api issues": f"/api/v1/gazettes/{gazette.code}/issues",
             "api issue": f"/api/v1/gazettes/{gazette.code}/issues/{issue.pk}"}  # fmt: skip
    cacheable(client, *pages.values())
    hit(client, "/gazette/", other)

    with committed():
        import_one(SYSTEM("gazette import"), gazette, "2026-05.txt",
                   gazette_issue(5, "聊城市人民政府关于夏季防汛的通知"))  # fmt: skip
    assert "第5期" in refreshed(client, home)
    assert "第5期" in refreshed(client, pages["api issues"])
    hit(client, pages["issue"], pages["article"], pages["api issue"], other)

    with committed():  # the catalog's page of the article's text is withdrawn
        catalog.withdraw(policy, actor=staff["lc-mz-reviewer"], reason="已废止")
    assert item_page not in refreshed(client, pages["article"])
    hit(client, pages["issue"], home, other)


def finance_sheet(*row) -> bytes:
    header = ["统计期", "一般公共预算收入（万元）", "其中：税收收入（万元）",
              "一般公共预算收入累计（万元）"]  # fmt: skip
    return xlsx_bytes([Sheet.simple("财政收支情况表", header, [list(row)])])


def test_open_data_pages_follow_new_periods_and_dataset_edits(
    client, staff, cz, conference, committed
):
    total = "一般公共预算收入"
    schema = {"period_field": "统计期", "fields": [
        {"name": total, "unit": "万元"}, {"name": "税收收入", "unit": "万元", "part_of": total},
        {"name": f"{total}累计", "unit": "万元", "cumulative_of": total}]}  # fmt: skip

    def period(title, *row):
        return catalog_item(cz, title, "czsz", attachments=[("财政收支情况表.xlsx",
                                                             finance_sheet(*row))])  # fmt: skip

    with committed():
        ds = opendata.create_dataset(
            ACTOR, organisation=cz, entry=entry(cz, "czsz"), slug="lc-finance",
            title="聊城市一般公共预算收支", every="month", first_period=dt.date(2026, 1, 1),
            schema=schema, chart_fields=["一般公共预算收入"],
        )  # fmt: skip
        january = period("2026年1月财政收支情况", "2026年1月", 100, 80, 100)
    pages = {"list": "/opendata/", "dataset": f"/opendata/{ds.pk}/",
             "csv": f"/opendata/{ds.pk}/data.csv", "api list": "/api/v1/datasets",
             "dcat": "/api/v1/datasets/dcat.jsonld", "api dataset": f"/api/v1/datasets/{ds.pk}",
             "api rows": f"/api/v1/datasets/{ds.pk}/rows"}  # fmt: skip
    january_pages = [f"/opendata/{ds.pk}/periods/2026-01/", f"/item/{january.pk}/"]
    other = f"/press-conferences/{conference.pk}/"
    cacheable(client, *pages.values(), *january_pages, other)

    with committed():
        period("2026年2月财政收支情况", "2026年2月", 90, 70, 190)
    for kind, url in pages.items():
        body = refreshed(client, url)
        assert kind == "dcat" or "2026年2月" in body or "2026-02" in body, kind
    hit(client, *january_pages, other)  # January's own page and its chart stop at January

    with committed():
        opendata.update_dataset(ACTOR, ds, title="聊城市一般公共预算收支（月度）", reason="更名")
    assert "聊城市一般公共预算收支（月度）" in refreshed(client, pages["dataset"])
    assert "聊城市一般公共预算收支（月度）" in refreshed(client, january_pages[1])  # its note
    hit(client, other)


def test_annual_report_pages_have_their_own_scopes(client, staff, cz, message, committed):
    editor, reviewer = staff["lc-editor"], staff["lc-reviewer"]
    with committed():
        report = reports.generate(editor, cz, YEAR)
        reports.submit(editor, report)
        reports.approve(reviewer, report)
        report = reports.publish(reviewer, report)
    pages = {"page": f"/org/{cz.code}/annual-report/{YEAR}/",
             "xlsx": f"/org/{cz.code}/annual-report/{YEAR}.xlsx",
             "api list": f"/api/v1/organisations/{cz.code}/annual-reports",
             "api report": f"/api/v1/organisations/{cz.code}/annual-reports/{YEAR}"}  # fmt: skip
    org_home, other = f"/org/{cz.code}/", f"/messages/{message.pk}/"
    cacheable(client, *pages.values(), org_home, other)

    with committed():  # another publication of the organisation: its catalog pages only
        catalog_item(cz, "关于规范财政资金管理的通知", "normative", kind="normative",
                     no_interpretation_reason="测试")  # fmt: skip
    assert "关于规范财政资金管理的通知" in refreshed(client, org_home)
    hit(client, *pages.values(), other)

    with committed():  # a corrected second version is published
        reports.revise(editor, report)
        reports.save_draft(editor, report, {"change_note": "更正行政许可处理决定数量"})
        reports.submit(editor, report)
        reports.approve(reviewer, report)
        reports.publish(reviewer, report)
    assert "更正行政许可处理决定数量" in refreshed(client, pages["page"])
    assert json.loads(refreshed(client, pages["api report"]))["version"] == 2
    refreshed(client, pages["xlsx"], pages["api list"])
    hit(client, other)
