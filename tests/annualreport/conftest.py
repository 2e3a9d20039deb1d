import datetime as dt

import pytest

YEAR = 2025


@pytest.fixture
def cz(org):
    from gongkai.catalog import services

    o = org("聊城市", "市财政局")
    services.ensure_legal_structure(o)
    return o


@pytest.fixture
def person():
    return {
        "applicant_type": "natural",
        "name": "王小明",
        "id_type": "id_card",
        "id_number": "11010519491231002X",
        "phone": "13800000000",
        "email": "wang@example.com",
        "address": "聊城市东昌府区某路1号",
        "form_preference": "electronic",
        "delivery": "email",
    }


@pytest.fixture
def make_app(cz, person, staff):
    """An application of 市财政局 received on ``received`` and, with ``outcome``, decided."""
    from gongkai.applications import actions
    from gongkai.applications.demo import _details
    from gongkai.rules import outcomes

    def make(received, outcome=None, decided=None, applicant_type="natural"):
        data = {**person, "description": f"财政信息{received}{outcome}"}
        if applicant_type != "natural":
            data.update(
                applicant_type=applicant_type,
                name="某某有限公司",
                org_code="91371500MA3C000011",
                contact_person="联系人",
                id_type="",
                id_number="",
            )
        app = actions.submit(
            cz, data, channel="letter", received_on=received, actor=staff["lc-editor"]
        )
        if outcome:
            reply = outcomes.REPLY_FOR_OUTCOME[outcome][0]
            actions.decide(
                app,
                outcome=outcome,
                reply_type=reply,
                details=_details(outcome, reply, "聊财申〔2025〕1号"),
                on=decided or received + dt.timedelta(days=5),
                delivery_method="email",
                actor=staff["lc-editor"],
            )
            app.refresh_from_db()
        return app

    return make
