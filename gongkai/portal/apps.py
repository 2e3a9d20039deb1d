from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    label = "portal"
    verbose_name = "公开门户"

    def ready(self):
        from gongkai.core import jobs

        from .maintenance import refresh_statistics

        jobs.register(
            "portal.statistics",
            refresh_statistics,
            "SQLite: refresh query-planner statistics when the number of items moved by over 20 %",
        )
