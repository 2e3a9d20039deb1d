"""#18.13: demo data a clerk would believe. Reports on a period are published after it ends,
addresses look like addresses, no empty 年度报告, the current 低保 policy has a 解读 with
substance and an application form to download."""

import datetime as dt
import io
import re
import zipfile

import pytest
from django.urls import reverse

from gongkai.catalog.models import Item
from gongkai.orgs.models import Organisation

pytestmark = pytest.mark.django_db

CN = {"一": 1, "二": 2, "三": 3, "四": 4}
QUARTER = re.compile(r"((?:19|20)\d{2})年.*?第?([1-4一二三四])季度")
MONTH = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月")


def test_demo_data_a_clerk_would_believe(staff, demo_ctx, settings, tmp_path, client):
    """Loading the demo takes a while: one load, every check."""
    from gongkai.catalog import demo

    settings.MEDIA_ROOT = tmp_path
    demo_ctx.today = dt.date(2026, 11, 22)
    demo.load(demo_ctx)
    # each check returns how much it looked at, so none can pass over an empty demo
    assert reports_on_a_period_are_published_after_it_ends() > 50
    assert addresses_are_real_looking_everywhere(client) >= 100
    assert no_empty_annual_report_and_none_beside_the_annual_report_apps() >= 8
    assert the_current_dibao_policy_has_a_real_interpretation_and_a_form(client) >= 4


def _quarter_end(year: int, q: int) -> dt.date:
    return dt.date(year, 12, 31) if q == 4 else dt.date(year, q * 3 + 1, 1) - dt.timedelta(days=1)


def reports_on_a_period_are_published_after_it_ends():
    checked = 0
    for item in Item.objects.public().exclude(title__contains="意向"):
        day = item.published_at.astimezone(dt.UTC).date()
        m = QUARTER.search(item.title)
        if m:
            year, q = int(m.group(1)), CN.get(m.group(2)) or int(m.group(2))
            assert day > _quarter_end(year, q), (item.title, day)
            checked += 1
        elif any(w in item.title for w in ("空气质量状况", "疫情概况", "执法检查情况", "主要指标")):
            y, mo = map(int, MONTH.search(item.title).groups())
            assert (day.year, day.month) > (y, mo), (item.title, day)
            checked += 1
    # in particular no report on the fourth quarter is dated in October
    q4 = Item.objects.public().filter(title__contains="第4季度")
    assert q4.exists() and not any(i.published_at.month == 10 for i in q4)
    return checked


def addresses_are_real_looking_everywhere(client):
    addresses = list(Organisation.objects.values_list("name", "address"))
    for name, address in addresses:
        assert "第0" not in address and "办公区" not in address, name
        assert re.fullmatch(r"(聊城市|东营市)\w+?(路|街|大街)\d+号", address), (name, address)
    assert len({a for _, a in addresses}) >= len(addresses) * 0.9  # not one address for all
    city = Organisation.objects.get(name="聊城市人民政府")
    assert city.address == "聊城市东昌府区东昌东路1号"
    county = Organisation.objects.get(name="临清市财政局")
    assert county.address.startswith("聊城市临清市")
    guide = client.get(reverse("portal:guide", args=[city.code])).content.decode()
    assert "聊城市东昌府区东昌东路1号" in guide and "办公区" not in guide
    finance = Organisation.objects.get(name="聊城市财政局")
    item = Item.objects.public().get(organisation=finance, title__endswith="政府信息公开指南")
    page = client.get(reverse("portal:item", args=[item.pk])).content.decode()
    assert finance.address in page and "第0" not in page and "办公区" not in page
    return len(addresses)


def no_empty_annual_report_and_none_beside_the_annual_report_apps():
    reports = Item.objects.public().filter(title__contains="年度报告")
    for item in reports:
        text = item.body_text
        assert len(text) > 400, item.title
        received = int(re.search(r"新收政府信息公开申请(\d+)件", text).group(1))
        done = re.search(r"已办结(\d+)件：([^。]*?)(?:，尚未办结(\d+)件|。)", text)
        parts = [int(n) for n in re.findall(r"(\d+)件", done.group(2))]
        assert sum(parts) == int(done.group(1)) <= received  # parts never exceed the total
        assert int(done.group(1)) + int(done.group(3) or 0) == received
        published = int(re.search(r"主动公开政府信息(\d+)条", text).group(1))
        real = Item.objects.public().filter(organisation=item.organisation, published_at__year=2025)
        assert published == real.count()  # the figure agrees with what the demo published
    # the annual-report app publishes 市财政局's and 市民政局's: no skeleton beside them
    assert not reports.filter(organisation__short_name__in=["市财政局", "市民政局"]).exists()
    return reports.count()


def the_current_dibao_policy_has_a_real_interpretation_and_a_form(client):
    policy = Item.objects.public().get(
        title__startswith="聊城市城乡居民最低生活保障实施办法", validity="valid"
    )
    assert "每人每月900元" in policy.body_text and "每人每月720元" in policy.body_text
    (interpretation,) = policy.interpretations.public()
    text = interpretation.body_text
    assert len(text) > 600
    for needed in ("城市每人每月900元", "农村每人每月720元", "哪些家庭可以申请", "怎么申请",
                   "到哪里办", "申请审批表", "12345"):  # fmt: skip
        assert needed in text, needed
    # the worked example adds up
    m = re.search(r"（(\d+)－(\d+)）×(\d+)＝(\d+)元", text)
    a, b, n, total = map(int, m.groups())
    assert (a - b) * n == total and a == 720
    # the application form downloads as a real .docx
    (att,) = policy.attachments.all()
    resp = client.get(reverse("portal:download", args=[policy.pk, att.pk]))
    assert resp.status_code == 200
    data = b"".join(resp.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode()
    assert "最低生活保障申请审批表" in xml and "w:pgSz" in xml
    # and a 解读 of the repealed version no longer stands for the current one
    old = Item.objects.get(title="聊城市城乡居民最低生活保障实施办法", validity="repealed")
    assert old.replaced_by == policy
    # other policies carry attachments too
    return Item.objects.public().filter(kind="normative", attachments__isnull=False).count()
