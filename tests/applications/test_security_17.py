"""Issue #17 findings in the application actions (10, 14): each test fails on the code before
the action frame."""

from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.applications import actions
from gongkai.applications.models import Application, Letter, ProactiveProposal
from gongkai.audit.models import AuditEntry
from gongkai.core.errors import Forbidden

pytestmark = pytest.mark.django_db


def test_17_10_the_auditor_never_creates_proposals(make_app, mz, staff):
    app = make_app()
    with pytest.raises(Forbidden):
        actions.propose_proactive(
            mz, subject="低保名单", applications=[app], actor=staff["lc-auditor"]
        )
    assert not ProactiveProposal.objects.exists()
    app.refresh_from_db()
    assert app.proposal_id is None


def test_17_10_no_relinking_of_another_organisations_applications(make_app, mz, org, staff):
    cz = org("聊城市", "市财政局")
    app = make_app()  # 市民政局's application
    with pytest.raises(Forbidden):
        actions.propose_proactive(
            cz, subject="财政资金", applications=[app], actor=staff["lc-editor"]
        )
    app.refresh_from_db()
    assert app.proposal_id is None


def test_17_14_no_application_is_committed_without_its_receipt(mz, applicant):
    with (
        mock.patch("gongkai.applications.letters.to_docx", side_effect=RuntimeError("killed")),
        pytest.raises(RuntimeError),
    ):
        actions.submit(mz, applicant, actor=AnonymousUser())
    assert not Application.objects.exists()  # the whole registration rolled back


def test_receipt_is_made_with_the_application(mz, applicant):
    app = actions.submit(mz, applicant, actor=AnonymousUser())
    assert Letter.objects.filter(application=app, kind="receipt").count() == 1
    created = AuditEntry.objects.for_object(app).get(action="create")
    assert created.actor is None and created.actor_name == "公众"
