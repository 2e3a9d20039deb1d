"""The application form's 受理机关 picker is grouped by city and county, not one flat list."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_apply_form_groups_the_organisations_by_city_and_county(client, orgs):
    html = client.get("/apply/").content.decode()
    select = re.search(r'<select name="organisation".*?</select>', html, re.S).group(0)
    assert 'data-picker="select"' in select  # picker.js adds the filter box
    groups = re.findall(r'<optgroup label="([^"]+)"', select)
    assert groups[0].startswith("聊城市") and any(g.startswith("东营市") for g in groups)
    assert any("东昌府区" in g for g in groups)  # a county is a group of its own
    county = next(g for g in groups if "东昌府区" in g)
    # a city department is not interleaved with county bodies
    assert select.index("聊城市财政局") < select.index(f'label="{county}"')
    assert "gongkai/picker.js" in html
