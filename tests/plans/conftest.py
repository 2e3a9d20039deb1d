import pytest

from gongkai.core.actors import SYSTEM
from gongkai.plans import actions, services
from gongkai.rules.planparser import parse_file
from tests.conftest import DONGYING_PLAN, LIAOCHENG_PLAN


@pytest.fixture
def import_seed(orgs):
    """Import a seed plan for its city: import_seed("聊城市") → Plan."""

    def run(city, year=2017, path=None):
        path = path or (LIAOCHENG_PLAN if city == "聊城市" else DONGYING_PLAN)
        data = path.read_bytes()
        plan, _ = actions.import_plan(
            parse_file(path, year=year),
            organisation=orgs[city],
            year=year,
            source_name=path.name,
            source_sha256=services.sha256(data),
            actor=SYSTEM("test"),
        )
        return plan

    return run
