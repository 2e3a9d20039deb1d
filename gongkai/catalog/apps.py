from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    label = "catalog"
    verbose_name = "公开目录与信息发布"

    def ready(self):
        from gongkai.accounts import workbench
        from gongkai.core import jobs

        from . import actions, panels

        jobs.register(
            "catalog.publish_scheduled",
            lambda now: actions.publish_due(now),
            "publish approved items whose scheduled time has come (with their interpretations)",
        )
        jobs.register(
            "catalog.expire",
            lambda now: actions.expire_due(now),
            "items whose expiry date has come become 失效 (validity flip)",
        )
        workbench.register(panels.catalog_panels)
