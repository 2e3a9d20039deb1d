import datetime as dt

import pytest

VALID_ID = "11010519491231002X"  # GB 11643 example with a correct check character


@pytest.fixture
def mz(org):
    return org("聊城市", "市民政局")


@pytest.fixture
def applicant():
    return {
        "applicant_type": "natural",
        "name": "王小明",
        "id_type": "id_card",
        "id_number": VALID_ID,
        "phone": "13800000000",
        "email": "wang@example.com",
        "address": "聊城市东昌府区某路1号",
        "description": "2026年聊城市城乡低保资金发放明细和低保标准调整文件",
        "form_preference": "electronic",
        "delivery": "email",
    }


@pytest.fixture
def make_app(mz, applicant, staff):
    from gongkai.applications import actions

    def make(received=dt.date(2026, 3, 2), org=None, **overrides):
        data = {**applicant, **overrides}
        return actions.submit(
            org or mz, data, channel="letter", received_on=received, actor=staff["lc-mz-editor"]
        )

    return make
