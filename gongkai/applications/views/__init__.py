"""Pages of information applications: public (/apply/ …) and staff (/staff/applications/ …),
one module per noun. Every change goes through the application actions."""

# ruff: noqa: F401  (the package re-exports every view of its modules)

from .common import SESSION_KEY
from .public import apply_form, receipt, receipt_docx, status, status_letter
from .replies import reply_draft, reply_draft_docx
from .settings import settings_view
from .staff import (
    ACTS,
    OPS,
    attachment_view,
    letter_view,
    staff_act,
    staff_detail,
    staff_list,
    staff_new,
)
from .stats import popular, proposal_state, propose, stats
