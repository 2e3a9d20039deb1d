"""Every change to the catalog, one function per state change (docs/catalog.md, "Workflow").

Each action is written on the action frame (``gongkai.core.actions.change``, docs/architecture.md):
an explicit actor (a user, or ``SYSTEM("…")`` for jobs, imports and loaders), the permission
through ``gongkai.accounts.permissions.require``, one transaction, ``gongkai.core.errors``
(``Invalid`` with ``{field: zh-hans message}``, ``Forbidden``), an audit entry for every change.
Views, the management command and other apps call only these functions; the package re-exports
every public name, so ``from gongkai.catalog import actions; actions.approve(...)`` works.

Signals (``gongkai.catalog.signals``) are sent after commit (``ch.send``): ``item_published`` on
first publication and on every approved new version, ``item_unpublished`` on withdrawal,
``item_changed`` when validity or anything else changes on a public item.

Modules: ``drafting`` (create, update, submit, return), ``review`` (privacy guard, approve,
publish, withdraw, the publish job), ``validity``, ``attachments``, ``revisions`` (new versions),
``loaders`` (publish in one step), ``bulk`` (publish many in one transaction), ``entries`` (catalog columns and their import)."""

# ruff: noqa: F401  (the package re-exports every public name of its modules)

from .attachments import (
    add_attachment,
    add_attachments,
    create_with_attachments,
    mask_personal_data,
    remove_attachment,
)
from .bulk import publish_many
from .common import (
    DATE_FIELDS,
    FIELD_LABELS,
    M2M_FIELDS,
    NO_ADMIN,
    NO_EDIT,
    NO_REVIEW,
    NO_SUBMIT,
    PUBLISH_FIRST_REVISION,
    REASON_TO_RETURN,
    SCALAR_FIELDS,
    SELF_APPROVAL,
    clean_fields,
    privacy_block,
    snapshot,
    user_of,
)
from .drafting import create_item, return_to_draft, submit, update_item
from .entries import ENTRY_FIELDS, import_entries, save_entry
from .loaders import publish_item_now
from .review import (
    approve,
    content_editors,
    guard_findings,
    interpretation_status,
    publish_due,
    withdraw,
    wrote_version,
)
from .revisions import (
    approve_revision,
    discard_revision,
    open_revision,
    reject_revision,
    start_revision,
    submit_revision,
    update_revision,
)
from .validity import VALIDITY_LABELS, expire_due, set_validity
