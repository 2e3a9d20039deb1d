"""The actions of 政民互动 (every state change of a message)."""

from .common import XINFANG_TEXT, clock_of  # noqa: F401
from .convert import do_convert  # noqa: F401
from .handling import (  # noqa: F401
    do_close,
    do_draft_reply,
    do_mark_invalid,
    do_publish,
    do_refer_xinfang,
    do_review_reply,
    do_transfer,
    do_unpublish,
    resolve_unit,
)
from .public import Receipt, do_rate, do_submit, lookup  # noqa: F401
