"""The OpenAPI entries of the message endpoints."""

from __future__ import annotations

from gongkai.portal import openapi as o
from gongkai.rules.interaction.messages import TYPE_LABELS

from .models import Message

NUM = o._s("number", nullable=True)
ORG = o._obj({"code": o.STR, "name": o.STR, "api_url": o.STR})

SCHEMAS = {
    "Message": o._obj(
        {
            "id": o.INT,
            "url": o.STR,
            "subject": o.STR,
            "type": o._s("string", enum=list(TYPE_LABELS)),
            "type_label": o.STR,
            "organisation": ORG,
            "received_on": o.DATE,
            "answered_on": o.DATE,
            "status": o._s("string", enum=[k for k, _ in Message.STATUS_CHOICES]),
            "status_label": o.STR,
            "text": o.STR,
            "reply": o.STR,
        }
    ),
    "MessageList": o._list_of("Message"),
    "MessageStatsRow": o._obj(
        {
            "organisation": o.STR,
            "year": o.INT,
            "month": o.INT,
            "received": o.INT,
            "answered": o.INT,
            "on_time": o.INT,
            "average_days": NUM,
            "rated": o.INT,
            "satisfied": o.INT,
            "satisfaction_rate": NUM,
        }
    ),
}
_stats = o._list_of("MessageStatsRow")
_stats["properties"]["month"] = o.STR
_stats["properties"]["summary"] = o._obj(
    {
        "received": o.INT,
        "answered": o.INT,
        "on_time": o.INT,
        "average_days": NUM,
        "rated": o.INT,
        "satisfied": o.INT,
        "satisfaction_rate": NUM,
    }
)
_stats["required"] += ["month", "summary"]
SCHEMAS["MessageStats"] = _stats

PATHS = {
    "/api/v1/messages": o._get(
        "公开的政民互动留言及答复（不含任何个人信息）",
        [
            *o.PAGING,
            o._param("org", "机构代码（含下级机构）", o.STR),
            o._param("type", "留言类型", o._s("string", enum=list(TYPE_LABELS))),
        ],
        "MessageList",
        o.BAD,
        op_id="listMessages",
    ),
    "/api/v1/messages/stats": o._get(
        "留言办理情况月度统计（按收到月份）",
        [
            *o.PAGING,
            o._param("org", "机构代码（含下级机构）", o.STR),
            o._param("month", "月份 YYYY-MM（默认本月）", o._s("string", pattern=r"^\d{4}-\d{2}$")),
        ],
        "MessageStats",
        o.BAD,
        op_id="messageStats",
    ),
}


def register():
    o.register(PATHS, SCHEMAS)
