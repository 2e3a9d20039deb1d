"""Every change to the gazette: one function per change, in the action frame
(gongkai.core.actions.change: actor, permission, one transaction, audit)."""

from .gazettes import ensure_gazette  # noqa: F401
from .imports import ImportResult, import_issue  # noqa: F401
from .links import auto_link_item, confirm_link, reject_link  # noqa: F401
from .proofing import correct_article, correct_page  # noqa: F401
