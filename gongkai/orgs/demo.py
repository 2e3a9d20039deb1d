"""Demo organisations: both seed cities with every unit their plans name."""

from gongkai.audit.actions import record

from .demo_data import CITIES, CITY_DEPARTMENTS, COUNTY_DEPARTMENTS, GROUPS
from .models import OrgAlias, Organisation, OrgGroup

# Streets of each area for the demo's office addresses (real street names of the two cities,
# house numbers invented): area → (district as written after the city, streets).
AREAS = {
    "聊城市": ("东昌府区", ["东昌东路", "柳园南路", "兴华西路", "花园北路", "建设东路", "湖南路",
                          "东昌西路", "光岳南路", "利民东路", "卫育路", "向阳路", "昌润北路"]),
    "东昌府区": ("东昌府区", ["柳园北路", "振兴西路", "古楼东街", "闸口南路"]),
    "临清市": ("临清市", ["青年路", "新华路", "先锋路", "永青路"]),
    "聊城经济技术开发区": ("经济技术开发区", ["黄山南路", "华山路", "中华路"]),
    "聊城高新技术产业开发区": ("高新技术产业开发区", ["长江路", "天津路", "九州西路"]),
    "东营市": ("东营区", ["府前大街", "西四路", "南一路", "济南路", "黄河路", "东三路",
                        "西二路", "庐山路", "淄博路", "北一路", "胶州路", "运河路"]),
    "东营区": ("东营区", ["西三路", "东营南路", "北二路", "德州路"]),
    "广饶县": ("广饶县", ["乐安大街", "月河路", "花苑路", "孙武路"]),
    "东营经济技术开发区": ("经济技术开发区", ["南二路", "东二路", "府前大街"]),
    "东营港经济开发区": ("东营港经济开发区", ["港城路", "海港路"]),
}  # fmt: skip


def _address(city: dict, n: int, area: str = "") -> str:
    """A real-looking, deterministic office address: 聊城市东昌府区东昌东路1号 for the city
    government (n = 0), then street and number chosen by the body's number."""
    district, streets = AREAS.get(area) or AREAS.get(city["city"]) or ("", [city["street"]])
    if n == 0:
        return f"{city['city']}{district}{streets[0]}1号"
    street = streets[n % len(streets)]
    return f"{city['city']}{district}{street}{(n * 37) % 280 + 2}号"


def _area_of(name: str) -> str:
    """The area a county or zone body belongs to: 临清市人民政府 → 临清市."""
    for area in AREAS:
        if name.startswith(area):
            return area
    return ""


def _contact(city: dict, n: int, area: str = "") -> dict:
    return {
        "address": _address(city, n, area),
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
        **_contact(city, n, _area_of(name) if level != Organisation.LEVEL_CITY else ""),
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
