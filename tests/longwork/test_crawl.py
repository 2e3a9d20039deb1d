"""The site-health crawl as long work: the office admin starts it on /staff/work/, it walks the
city's pages on a local server (no internet) and keeps the findings as .xlsx."""

from __future__ import annotations

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import openpyxl
import pytest

from gongkai.health import crawler
from gongkai.longwork.builtin import CRAWL
from gongkai.longwork.models import Job

pytestmark = pytest.mark.django_db


class Site(BaseHTTPRequestHandler):
    code = ""

    def log_message(self, *args):
        pass

    def do_GET(self):
        pages = {
            f"/org/{self.code}/": '<a href="/org/x/ok">好</a> <a href="/org/x/gone">丢失</a>',
            "/org/x/ok": "<p>正常页面</p>",
        }
        if self.path == "/robots.txt":
            body, status, kind = b"User-agent: *\nAllow: /\n", 200, "text/plain"
        elif self.path in pages:
            body, status, kind = pages[self.path].encode(), 200, "text/html; charset=utf-8"
        else:
            body, status, kind = b"not found", 404, "text/plain"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site(orgs):
    city = orgs["聊城市"]
    Site.code = city.code
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    # a short poll: shutdown() waits for the loop to look (0.5 s by default, at every test)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    crawler.clear_cache()
    yield city, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_office_admin_runs_the_crawl_and_downloads_its_findings(
    client, staff, site, settings, run_commits
):
    city, base = site
    settings.GONGKAI_HEALTH_BASE_URL = base
    settings.GONGKAI_LONGWORK_CRAWL_PAGES = 10
    client.force_login(staff["lc-admin"])
    r = run_commits(client.post, f"/staff/work/start/{CRAWL}/", {"organisation": city.pk})
    assert r.status_code == 302
    job = Job.objects.get()
    assert job.state == Job.DONE, job.error
    assert job.params == {"start": f"{base}/org/{city.code}/"}
    assert "失效 1 个" in job.summary
    dl = client.get(f"/staff/work/{job.pk}/result")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(dl.streaming_content)))
    assert book.sheetnames[:2] == ["概况", "失效链接"]
    broken = [row[0] for row in book["失效链接"].iter_rows(values_only=True)]
    assert f"{base}/org/x/gone" in broken and f"{base}/org/x/ok" not in broken


def test_the_crawl_never_goes_to_an_address_typed_into_the_form(client, staff, site, settings):
    city, base = site
    settings.GONGKAI_HEALTH_BASE_URL = ""
    client.force_login(staff["lc-admin"])
    client.post(f"/staff/work/start/{CRAWL}/",
                {"organisation": city.pk, "_site": "http://169.254.169.254", "start": "x"})  # fmt: skip
    job = Job.objects.get()
    assert job.params["start"] == f"http://testserver/org/{city.code}/"  # the page's own site
