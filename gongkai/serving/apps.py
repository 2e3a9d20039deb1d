from django.apps import AppConfig


class ServingConfig(AppConfig):
    name = "gongkai.serving"
    label = "serving"
    verbose_name = "生产部署与缓存"

    def ready(self):
        from gongkai.catalog import signals as catalog_signals

        from . import pagecache

        for signal in (
            catalog_signals.item_published,
            catalog_signals.item_unpublished,
            catalog_signals.item_changed,
        ):
            signal.connect(pagecache.on_item_signal, dispatch_uid=f"serving.{id(signal)}")
        from django.apps import apps
        from django.db.models.signals import post_delete, post_save

        from gongkai.search import registry

        # any other public document (a message, a dataset, a gazette article ...) changed: the
        # site-wide pages that list or search them (search, API lists, home) are refreshed
        registry.documents_changed.connect(
            pagecache.on_documents_changed, dispatch_uid="serving.documents_changed"
        )
        for label in ("orgs.Organisation", "catalog.CatalogEntry", "catalog.Item"):
            model = apps.get_model(label)
            for signal in (post_save, post_delete):
                signal.connect(
                    pagecache.on_model_saved, sender=model, dispatch_uid=f"serving.{label}.{signal}"
                )
