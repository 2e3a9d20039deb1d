"""Demo organisations: both seed cities with every unit their plans name."""

from gongkai.audit.actions import record

from .demo_data import CITIES, CITY_DEPARTMENTS, COUNTY_DEPARTMENTS, GROUPS
from .models import OrgAlias, Organisation, OrgGroup


def _contact(city: dict, n: int) -> dict:
    return {
        "address": f"{city['city']}{city['street']}（第{n}办公区）",
        "postcode": city["postcode"],
        "phone": f"{city['phone_prefix']}{8100000 + n * 17:07d}",
        "office_hours": "法定工作日 上午8:30—12:00，下午13:30—17:30（夏季14:00—18:00）",
        "how_to_apply": "可通过本平台在线申请、信函、当面或传真提交政府信息公开申请。信函请注明“政府信息公开申请”字样。",
    }


def _make(code, name, short, level, parent, city, n, aliases=(), sort=100):
    org = Organisation.objects.create(
        code=code,
        name=name,
        short_name=short,
        level=level,
        parent=parent,
        sort_order=sort,
        **_contact(city, n),
    )
    for alias in aliases:
        if alias not in (name, short):
            OrgAlias.objects.create(organisation=org, name=alias)
    record(org, "create", reason="演示数据")
    return org


def load(ctx):
    cities = {}
    for c_index, city in enumerate(CITIES):
        prefix = city["code_prefix"]
        gov = _make(
            f"{prefix}00000",
            city["name"],
            city["short_name"],
            Organisation.LEVEL_CITY,
            None,
            city,
            0,
            city["aliases"],
            sort=c_index,
        )
        departments = []
        for i, (short, suffix, aliases) in enumerate(CITY_DEPARTMENTS, start=1):
            departments.append(
                _make(
                    f"{prefix}00{i:03d}",
                    city["city"] + suffix,
                    short,
                    Organisation.LEVEL_DEPARTMENT,
                    gov,
                    city,
                    i,
                    aliases,
                    sort=i,
                )
            )
        for j, (short, name, aliases) in enumerate(city["others"], start=len(CITY_DEPARTMENTS) + 1):
            departments.append(
                _make(
                    f"{prefix}00{j:03d}",
                    name,
                    short,
                    Organisation.LEVEL_DEPARTMENT,
                    gov,
                    city,
                    j,
                    aliases,
                    sort=j,
                )
            )
        counties = []
        for k, (name, short, code2, aliases, township) in enumerate(city["counties"]):
            county = _make(
                f"{prefix}{code2}000",
                name,
                short,
                Organisation.LEVEL_COUNTY,
                gov,
                city,
                200 + k * 10,
                aliases,
                sort=200 + k,
            )
            area = name.replace("人民政府", "")
            for m, (dshort, dsuffix) in enumerate(COUNTY_DEPARTMENTS, start=1):
                _make(
                    f"{prefix}{code2}{m:03d}",
                    area + dsuffix,
                    area + dshort,
                    Organisation.LEVEL_DEPARTMENT,
                    county,
                    city,
                    200 + k * 10 + m,
                    sort=m,
                )
            _make(
                f"{prefix}{code2}100",
                area + township,
                township,
                Organisation.LEVEL_TOWNSHIP,
                county,
                city,
                200 + k * 10 + 9,
                sort=90,
            )
            counties.append(county)
        zones = []
        for name, short, code2, aliases in city["zones"]:
            zones.append(
                _make(
                    f"{prefix}{code2}000",
                    name,
                    short,
                    Organisation.LEVEL_ZONE,
                    gov,
                    city,
                    300 + int(code2),
                    aliases,
                    sort=300 + int(code2),
                )
            )
        members = {"counties": counties, "zones": zones, "departments": departments}
        for name, aliases, kind in GROUPS:
            group = OrgGroup.objects.create(city=gov, name=name, aliases=aliases)
            group.members.set(members[kind])
        cities[city["city"]] = gov
    ctx.shared["cities"] = cities
    ctx.log(f"  {Organisation.objects.count()} organisations")
