"""The scored items' rule (no database): points proportional up to the target, 不适用 where the
data cannot give a value, weights and targets from the indicator set, the form's validation."""

from __future__ import annotations

from gongkai.rules.health import scored
from gongkai.rules.health.indicators import DEFAULTS, EDITABLE, Indicators, parse_thresholds

FACTS = dict(dynamic=24, notice=None, policy=6, service=None, interpretations=1, policy_files=4,
             policy_interpreted=3, events_due=0, events_on_time=0, received=10, answered=8,
             on_time=6, published=2, consultations=2, feedback=2)  # fmt: skip


def by_id(items):
    return {i.indicator: i for i in items}


def test_points_are_proportional_up_to_the_target():
    items = by_id(scored.score_items(FACTS))
    assert items["publish_dynamic"].points == 5.0  # 24 of 48 → half of 10
    assert items["publish_policy"].points == 5.0  # 6 of 6 → full
    assert items["interpretation_rate"].value == 75.0 and items["interpretation_rate"].points == 7.5
    assert items["messages_answered"].value == 80.0 and items["messages_answered"].points == 8.0
    assert items["messages_on_time"].value == 60.0  # of received, not of answered
    assert items["replies_published"].value == 25.0 and items["replies_published"].points == 2.5
    assert items["consultations_feedback"].points == 5.0


def test_no_data_is_not_applicable_and_left_out_of_the_total():
    items = by_id(scored.score_items(FACTS))
    for key in ("publish_notice", "service_items", "responses_on_time"):
        assert items[key].value is None and items[key].points is None
    assert items["service_items"].detail == "没有办事服务类栏目"
    got, top = scored.totals(list(items.values()))
    applicable = [i for i in items.values() if i.points is not None]
    assert top == sum(i.max for i in applicable) < sum(s.max for s in scored.SPECS)
    assert got == round(sum(i.points for i in applicable), 1)
    zero = by_id(scored.score_items({**FACTS, "service": 0}))["service_items"]
    assert zero.value == 0 and zero.points == 0.0  # a real 0: the column exists, nothing in it


def test_weights_and_targets_come_from_the_indicator_set():
    custom = {"publish_dynamic": {"max": 20, "target": 24}}
    item = by_id(scored.score_items(FACTS, custom))["publish_dynamic"]
    assert (item.points, item.max, item.target) == (20.0, 20.0, 24.0)
    ind = Indicators.from_mapping({"scored": custom, "year": 2026})
    assert ind.scored == custom and DEFAULTS.scored == {}


def test_count_targets_scale_to_a_quarter():
    spec = scored.BY_ID["publish_dynamic"]
    assert scored.scaled_target(spec, 48, 365) == 48
    assert scored.scaled_target(spec, 48, 92) == 13  # ceil(48 × 92 / 365)
    assert scored.scaled_target(spec, 48, 1) == 1
    assert scored.scaled_target(scored.BY_ID["messages_answered"], 100, 30) == 100  # rates not


def test_city_values_are_sums_and_points_the_mean():
    a = {**FACTS, "service": 12}
    b = {**FACTS, "dynamic": 0}
    orgs = [scored.score_items(a), scored.score_items(b)]
    city = by_id(scored.city_items(scored.add_facts([a, b]), orgs))
    assert city["publish_dynamic"].value == 24 and city["publish_dynamic"].points == 2.5
    assert city["service_items"].value == 12 and city["service_items"].points == 10.0
    assert city["publish_notice"].value is None  # neither has such a column


def test_form_validation_in_chinese():
    values, errors = scored.parse({"scored-publish_dynamic-max": "-1",
                                   "scored-messages_answered-target": "120",
                                   "scored-publish_notice-target": "abc"})  # fmt: skip
    assert "分值应为0至100" in errors["scored-publish_dynamic-max"]
    assert "不超过100" in errors["scored-messages_answered-target"]
    assert "请填写数字" in errors["scored-publish_notice-target"]
    assert values["publish_policy"] == {"max": 5, "target": 6}  # untouched: the defaults
    data = {name: "5" for name, *_ in EDITABLE}
    data.update(blank_columns_veto="-3", home_days="两周", monitored_levels="city,village")
    values, errors = parse_thresholds(data)
    assert errors["blank_columns_veto"] == "空白栏目否决线（个）：不能为负数。"
    assert "请填写整数" in errors["home_days"] and "township" in errors["monitored_levels"]
    assert values["dynamic_days"] == 5
