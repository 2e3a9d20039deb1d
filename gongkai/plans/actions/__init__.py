"""Every state change of plans: one function each, audited, in one transaction."""

from .common import ImportProblem, _require, _rule_fields, log  # noqa: F401
from .imports import _store_units, import_plan, remember_mapping  # noqa: F401
from .jobs import _email, refresh_states, request_reports, send_reminders  # noqa: F401
from .obligations import (  # noqa: F401
    _backfill,
    _set_fulfilled,
    _sync_instances,
    add_event,
    fulfil_from_item,
    link_item,
    on_item_published,
    on_item_unpublished,
    update_obligation,
)
from .reports import submit_report  # noqa: F401
from .yearly import _shift, rollover, run_assessment, update_task  # noqa: F401
