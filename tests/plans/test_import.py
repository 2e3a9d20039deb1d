import pytest

from gongkai.plans.models import Obligation


@pytest.mark.django_db
def test_probe(import_seed):
    for city in ("聊城市", "东营市"):
        plan = import_seed(city)
        print(plan, plan.tasks.count(), Obligation.objects.filter(task__plan=plan).count())
