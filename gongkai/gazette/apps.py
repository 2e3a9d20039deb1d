"""政府公报 (docs/gazette.md)."""

from django.apps import AppConfig


class GazetteConfig(AppConfig):
    name = "gongkai.gazette"
    label = "gazette"
    verbose_name = "政府公报"

    def ready(self):
        from gongkai.plans import criteria

        from . import assessment

        criteria.register("gazette_coverage", "规范性文件应登尽登率", assessment.gazette_coverage)
        from gongkai.catalog.signals import item_published, items_published
        from gongkai.core import extensions
        from gongkai.portal import openapi
        from gongkai.search import registry

        from . import api, notes, search, signals

        registry.register(search.doctype())
        extensions.register("portal.item", notes.placement_note)
        openapi.register(api.PATHS, api.SCHEMAS)
        item_published.connect(signals.link_published_item, dispatch_uid="gazette-link-item")
        items_published.connect(signals.link_published_items, dispatch_uid="gazette-link-items")
        from . import pagecaching

        pagecaching.register()  # the page cache of the public pages
        from . import longwork

        longwork.register()  # importing an issue in the background (/staff/work/)
