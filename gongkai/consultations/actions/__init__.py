"""Every change of a consultation (docs/participation.md); views, API and commands call these."""

from .comments import dispose, submit_comment, ungroup  # noqa: F401
from .feedback import link_final, publish_feedback  # noqa: F401
from .jobs import close_due, open_due  # noqa: F401
from .workflow import (  # noqa: F401
    approve,
    close,
    create,
    extend,
    open_consultation,
    reopen,
    return_to_draft,
    submit,
    update,
    upload_draft,
)
