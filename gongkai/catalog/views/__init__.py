"""Staff pages of the catalog (/staff/catalog/ …), one module per noun. Every change goes through
the catalog's actions; the package re-exports every view for ``urls.py``."""

# ruff: noqa: F401  (the package re-exports every view of its modules)

from .buttons import ITEM_ACTS, item_action_view
from .columns import column_edit_view, columns_export_view, columns_import_view, columns_view
from .items import item_create_view, item_edit_view, item_view, items_view
from .review import (
    attachment_download_view,
    preview_view,
    queue_view,
    review_view,
    validity_view,
    version_view,
)
