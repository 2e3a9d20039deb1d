"""What other apps hear from the catalog (search indexing, plan fulfilment).

Sent by ``gongkai.catalog.actions`` after the transaction that made the change commits
(``transaction.on_commit``), always with ``sender=Item`` and ``item=<Item>``:

- ``item_published``: an item became public (first publication or an approved new version);
- ``item_unpublished``: an item stopped being public (withdrawn);
- ``item_changed``: anything else about a public item changed (validity, metadata, attachments).

A batch published in one transaction (``catalog.actions.publish_many``) sends ``item_published``
for each item with ``in_batch=True``, then ``items_published`` once with ``items=[Item, ...]``.
A receiver that does per-item queries may take the batch form instead: connect to both and
return early from the per-item one when ``in_batch`` is set (receivers that do not know
batches simply ignore the flag and see every item as before).
"""

from django.dispatch import Signal

item_published = Signal()
item_unpublished = Signal()
item_changed = Signal()
items_published = Signal()  # the batch form of item_published (see above)
