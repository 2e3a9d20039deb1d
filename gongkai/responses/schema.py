"""The OpenAPI entries of /api/v1/press-conferences."""

from __future__ import annotations

from gongkai.portal import openapi as o

from .models import PressConference

SCHEMAS = {
    "PressConference": o._obj(
        {
            "id": o.INT,
            "url": o.STR,
            "kind": o._s("string", enum=[k for k, _ in PressConference.KIND_CHOICES]),
            "kind_label": o.STR,
            "topic": o.STR,
            "held_at": o.DATETIME,
            "host": o._obj({"code": o.STR, "name": o.STR, "api_url": o.STR}),
            "speakers": {"type": "array", "items": o._obj({"name": o.STR, "post": o.STR})},
            "leader_spoke": o._s("boolean"),
            "policies": {
                "type": "array",
                "items": o._obj({"id": o.INT, "title": o.STR, "api_url": o.STR}),
            },
        }
    ),
    "PressConferenceList": o._list_of("PressConference"),
}
PATHS = {
    "/api/v1/press-conferences": o._get(
        "新闻发布会、政策吹风会",
        [
            *o.PAGING,
            o._param("org", "主办机构代码（含下级机构）", o.STR),
            o._param("year", "举办年份", o._s("integer", minimum=2000, maximum=2100)),
        ],
        "PressConferenceList",
        o.BAD,
        op_id="listPressConferences",
    )
}


def register():
    o.register(PATHS, SCHEMAS)
