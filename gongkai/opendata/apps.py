from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "gongkai.opendata"
    label = "opendata"
    verbose_name = "数据开放"

    def ready(self):
        from gongkai.catalog import signals
        from gongkai.catalog.models import Item
        from gongkai.core import extensions as slots
        from gongkai.portal import openapi
        from gongkai.search import registry

        from . import actions, extensions, openapi_spec, search, supervision

        signals.item_published.connect(
            actions.on_item_published, sender=Item, dispatch_uid="opendata.ingest"
        )
        signals.items_published.connect(
            actions.on_items_published, sender=Item, dispatch_uid="opendata.ingest_batch"
        )
        signals.item_unpublished.connect(
            actions.on_item_unpublished, sender=Item, dispatch_uid="opendata.withdraw"
        )
        slots.register("staff.item", extensions.staff_item)
        slots.register("portal.item", extensions.portal_item)
        slots.register("staff.obligation", supervision.obligation_page)
        slots.register("staff.obligation_row", supervision.obligation_row)
        registry.register(search.DOCTYPE)
        openapi.register(openapi_spec.PATHS, openapi_spec.SCHEMAS)
        from . import pagecaching

        pagecaching.register()  # the page cache of the public pages
