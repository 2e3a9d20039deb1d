"""Every state change of an application: one function each, writing, auditing and notifying in
one transaction. Views, commands and the scheduled job only call these."""

from .common import (  # noqa: F401
    _CODE_CHARS,
    APPLICANT_FIELDS,
    ActionError,
    _change_state,
    _default_handler,
    _make_letter,
    _new_tracking_code,
    _next_registration_no,
    _open,
    _refresh_due,
    _require,
    log,
    notify,
    validate_applicant,
)
from .decisions import (  # noqa: F401
    _close,
    close_expired,
    decide,
    propose_proactive,
    record_payment,
    set_proposal_state,
    withdraw,
)
from .intake import add_note, assign, submit, transfer  # noqa: F401
from .jobs import refresh_due_dates, run_job, send_reminders  # noqa: F401
from .procedure import (  # noqa: F401
    extend,
    issue_fee_notice,
    mark_sent,
    receive_correction,
    record_answer,
    request_correction,
    set_later_date,
    start_consultation,
)
from .settings import REMEDY_FIELDS, _check_template, reset_template, save_remedy, save_template  # noqa: F401
