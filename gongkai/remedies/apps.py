"""行政复议与行政诉讼 (docs/annual-report.md)."""

from django.apps import AppConfig


class RemediesConfig(AppConfig):
    name = "gongkai.remedies"
    label = "remedies"
    verbose_name = "行政复议与行政诉讼"

    def ready(self):
        from gongkai.core import extensions

        from .extensions import staff_application

        extensions.register("staff.application", staff_application)
