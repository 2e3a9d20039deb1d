"""Every change to work plans (工作要点), their obligations, reports and assessments (docs/plans.md).

Written on the action frame (``gongkai.core.actions.change``, docs/architecture.md): an explicit
actor (a user, or ``SYSTEM("…")`` for the scheduled jobs, the command and the reaction to the
catalog's publication signal), the permission through ``gongkai.accounts.permissions``, errors
from ``gongkai.core.errors`` (unresolved unit names are an ``Invalid`` carrying ``unresolved``),
an audit entry per change and notices through ``gongkai.core.notify``.

Modules: ``imports`` (import a plan, remember unit mappings), ``obligations`` (edits, events,
fulfilment), ``reports`` (progress reports), ``jobs`` (states, reminders, report requests),
``yearly`` (rollover, assessment, task edits)."""

# ruff: noqa: F401  (the package re-exports every public name of its modules)

from .common import NO_LINK, NO_RIGHT, ONLY_PUBLIC, unresolved_units, user_of
from .imports import import_plan, remember_mapping
from .jobs import refresh_states, request_reports, send_reminders
from .obligations import (
    FULFILMENT,
    add_event,
    fulfil_from_item,
    link_item,
    may_link,
    on_item_published,
    on_item_unpublished,
    on_items_published,
    update_obligation,
)
from .reports import submit_report
from .yearly import rollover, run_assessment, update_task
