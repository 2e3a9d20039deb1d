"""Every change to an annual report (docs/annual-report.md, "Workflow"):

draft (``generate``, ``save_draft``) → review (``submit``) → approved (``approve``, blocked by a
failing check unless a reason is recorded) → published (``publish``, through the catalog's
workflow in the organisation's 政府信息公开年报 column); a published report is changed only by
``revise`` (a new version with a public change note) and the same steps again.
"""

from .drafting import generate, refresh, save_draft  # noqa: F401
from .workflow import (  # noqa: F401
    approve,
    import_published,
    publish,
    return_to_draft,
    revise,
    submit,
)
