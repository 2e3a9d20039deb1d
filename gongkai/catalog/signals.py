"""What other apps hear from the catalog (search indexing, plan fulfilment).

Sent by ``gongkai.catalog.actions`` after the transaction that made the change commits
(``transaction.on_commit``), always with ``sender=Item`` and ``item=<Item>``:

- ``item_published``: an item became public (first publication or an approved new version);
- ``item_unpublished``: an item stopped being public (withdrawn);
- ``item_changed``: anything else about a public item changed (validity, metadata, attachments).
"""

from django.dispatch import Signal

item_published = Signal()
item_unpublished = Signal()
item_changed = Signal()
