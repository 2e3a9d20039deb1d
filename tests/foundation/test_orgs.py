"""Organisation-name resolution for every unit spelling in both seed plans."""

import re

import pytest

from gongkai.orgs.models import Organisation
from gongkai.orgs.services import resolve, resolve_units
from gongkai.rules import orgnames

from ..conftest import DONGYING_PLAN, LIAOCHENG_PLAN


def responsibility_parentheses(path):
    text = re.sub(r"\n+(#+ *)?", "", path.read_text(encoding="utf-8"))
    return [m.group(0)[1:-1] for m in re.finditer(r"[（(][^（）()]*?(?:落实)[）)]", text)]


@pytest.mark.parametrize("plan,city", [(LIAOCHENG_PLAN, "聊城市"), (DONGYING_PLAN, "东营市")])
def test_every_unit_of_the_seed_plan_resolves(orgs, plan, city):
    parens = responsibility_parentheses(plan)
    assert len(parens) >= 25
    unresolved = []
    seen = 0
    for body in parens:
        for res in resolve_units(body, within=orgs[city]):
            seen += 1
            if not res.found:
                unresolved.append(res.message())
            else:
                # resolves inside the right city
                assert all(o.root == orgs[city] for o in res.organisations), res.message()
    assert seen > 60
    assert unresolved == []


@pytest.mark.parametrize(
    "spellings",
    [
        ["市发改委", "市发展改革委", "市发展和改革委员会", "聊城市发展和改革委员会"],
        ["市人力资源和社会保障局", "市人力资源社会保障局", "市人力资源与社会保障局"],
        ["市人行", "人民银行聊城中心支行", "中国人民银行聊城市中心支行"],
        ["市卫计委", "市卫生计生委"],
        ["市法制办", "市政府法制办"],
    ],
)
def test_aliases_resolve_to_one_organisation(orgs, spellings):
    found = {resolve(s, within=orgs["聊城市"]).organisation for s in spellings}
    assert len(found) == 1 and None not in found


def test_same_alias_in_two_cities_stays_in_its_city(orgs):
    lc = resolve("市财政局", within=orgs["聊城市"]).organisation
    dy = resolve("市财政局", within=orgs["东营市"]).organisation
    assert lc.name == "聊城市财政局" and dy.name == "东营市财政局"


def test_collective_names_expand(orgs):
    res = resolve("各县市区政府", within=orgs["聊城市"])
    assert res.group is not None
    assert {o.level for o in res.organisations} == {Organisation.LEVEL_COUNTY}
    assert len(res.organisations) == 2


def test_distributive_phrase():
    units = orgnames.expand_distributive(
        orgnames.split_units("市、县区、市属开发区政务服务管理部门负责落实")
    )
    assert units == ["市政务服务管理部门", "县区政务服务管理部门", "市属开发区政务服务管理部门"]


def test_unknown_name_says_so_and_suggests(orgs):
    res = resolve("市发改委员", within=orgs["聊城市"])
    assert not res.found
    assert "找不到" in res.message()
    assert res.suggestions[0].startswith("市发展改革委")


def test_split_units_drops_role_and_等部门():
    assert orgnames.split_units(
        "市环保局、市城市管理局、市卫生计生委等部门按职责分工分别牵头落实"
    ) == [
        "市环保局",
        "市城市管理局",
        "市卫生计生委",
    ]


def test_codes_unique_and_tree(orgs):
    codes = list(Organisation.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes))
    county = Organisation.objects.get(name="广饶县人民政府")
    township = Organisation.objects.get(parent=county, level=Organisation.LEVEL_TOWNSHIP)
    assert township.root == orgs["东营市"]
    assert township.pk in orgs["东营市"].descendant_ids()


def test_a_moved_county_takes_its_departments_into_the_new_city(orgs):
    """A city's subtree is read from the recorded city; moving an organisation moves the
    record of everything below it too."""
    county = Organisation.objects.get(name="广饶县人民政府")
    below = county.descendant_ids() - {county.pk}
    assert below and below <= orgs["东营市"].descendant_ids()
    county.parent = orgs["聊城市"]
    county.save()
    assert below | {county.pk} <= orgs["聊城市"].descendant_ids()
    assert not (below & orgs["东营市"].descendant_ids())
    assert set(Organisation.objects.filter(pk__in=below).values_list("city", flat=True)) == {
        orgs["聊城市"].pk
    }
