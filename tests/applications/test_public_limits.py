"""Issue #17.9: public application form and status page are rate-limited, the lookup travels
by POST, the verifier is long and a code locks after repeated failures; nothing typed is lost."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _form(mz, applicant):
    return {"organisation": mz.pk, **applicant, "description": "2025年城乡低保资金发放汇总"}


def test_rapid_applications_are_limited_and_nothing_typed_is_lost(client, mz, applicant, settings):
    from gongkai.applications.models import Application

    settings.GONGKAI_RATE_LIMITS = {"application": "3/h"}
    before = Application.objects.count()
    answers = [client.post("/apply/", _form(mz, applicant)) for _ in range(6)]
    statuses = [a.status_code for a in answers]
    assert 429 in statuses
    last = answers[-1].content.decode()
    assert "2025年城乡低保资金发放汇总" in last  # what the person typed is shown again
    assert Application.objects.count() - before <= 3


def test_status_lookup_is_post_only_and_locks_after_failures(client, make_app):
    app = make_app()
    # a GET with code and verifier in the URL shows nothing
    page = client.get("/apply/status/", {"code": app.tracking_code, "verifier": app.verifier})
    assert app.registration_no not in page.content.decode()
    for _ in range(5):
        client.post("/apply/status/", {"code": app.tracking_code, "verifier": "WRONGWRO"})
    right = client.post("/apply/status/", {"code": app.tracking_code, "verifier": app.verifier})
    assert right.status_code == 429 and app.registration_no not in right.content.decode()


def test_verifier_is_long(make_app):
    app = make_app()
    assert len(app.verifier) >= 8 and not app.verifier.isdigit()
