"""Every change to the catalog: one function per state change, each writing, auditing and
notifying in one transaction (docs/catalog.md, "Workflow").

Views, the management command and other apps' demo loaders call only these functions. They
raise ``django.core.exceptions.ValidationError`` (a dict ``{field: zh-hans message}``) for bad
input and ``PermissionDenied`` when the actor may not act; nothing is saved in either case.

Signals (``gongkai.catalog.signals``) are sent with ``transaction.on_commit``:
``item_published`` on first publication and on every approved new version, ``item_unpublished``
on withdrawal, ``item_changed`` when validity or anything else changes on a public item.
"""

from .attachments import (  # noqa: F401
    _checked,
    _mask_file,
    _store,
    add_attachment,
    mask_personal_data,
    remove_attachment,
)
from .common import (  # noqa: F401
    DATE_FIELDS,
    FIELD_LABELS,
    M2M_FIELDS,
    SCALAR_FIELDS,
    _apply,
    _as_date,
    _ids,
    _max_upload_bytes,
    _notify,
    _plain,
    _require,
    _set_m2m,
    clean_fields,
    log,
    snapshot,
)
from .drafting import (  # noqa: F401
    _diff,
    _short,
    _submit_problems,
    create_item,
    return_to_draft,
    submit,
    update_item,
)
from .entries import ENTRY_FIELDS, import_entries, save_entry  # noqa: F401
from .loaders import publish_item_now  # noqa: F401
from .review import (  # noqa: F401
    _may_publish_now,
    _next_index_no,
    _publish,
    approve,
    guard_findings,
    interpretation_status,
    publish_due,
    withdraw,
)
from .revisions import (  # noqa: F401
    approve_revision,
    discard_revision,
    open_revision,
    reject_revision,
    start_revision,
    submit_revision,
    update_revision,
)
from .validity import VALIDITY_LABELS, expire_due, set_validity  # noqa: F401
