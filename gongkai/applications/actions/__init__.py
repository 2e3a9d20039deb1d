"""Every change to an information application (依申请公开), one function per step (docs/applications.md).

Written on the action frame (``gongkai.core.actions.change``, docs/architecture.md): an explicit
actor (a user; the anonymous visitor for the public form, recorded as 公众; ``SYSTEM("…")`` for
the daily job), the permission through ``gongkai.accounts.permissions``, one transaction, errors
from ``gongkai.core.errors`` (``Invalid`` with ``errors={field: message}``, ``Forbidden``), an audit
entry per change and notices to the handler through ``gongkai.core.notify`` after commit.
Read-only questions (the clock, fees, monthly rank) live in ``services``.

Modules: ``intake`` (submit, assign, transfer, notes), ``procedure`` (letters, correction,
extension, later date, consultations, fees), ``decisions`` (payment, reply, withdrawal, expiry,
proactive-disclosure proposals), ``jobs`` (the daily job), ``settings`` (remedy, templates)."""

# ruff: noqa: F401  (the package re-exports every public name of its modules)

from .common import (
    APPLICANT_FIELDS,
    CLOSED,
    FIX_MARKED,
    NO_RIGHT,
    tell,
    user_of,
    validate_applicant,
)
from .decisions import (
    check_decision,
    close_expired,
    decide,
    propose_proactive,
    record_payment,
    set_proposal_state,
    withdraw,
)
from .intake import add_note, assign, submit, transfer
from .jobs import refresh_due_dates, run_job, send_reminders
from .procedure import (
    extend,
    issue_fee_notice,
    mark_sent,
    receive_correction,
    record_answer,
    request_correction,
    set_later_date,
    start_consultation,
)
from .replies import (
    DraftResult,
    draft_reply,
    edit_draft,
    is_stale,
    open_draft,
    refresh_draft,
    send_reply,
    token,
)
from .settings import REMEDY_FIELDS, reset_template, save_remedy, save_template
