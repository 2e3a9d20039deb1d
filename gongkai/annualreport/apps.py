"""政府信息公开年报 (docs/annual-report.md)."""

from django.apps import AppConfig


class AnnualreportConfig(AppConfig):
    name = "gongkai.annualreport"
    label = "annualreport"
    verbose_name = "政府信息公开年报"

    def ready(self):
        from . import openapi

        openapi.register()  # published reports are catalog items: searched as items

        from gongkai.core import extensions

        from .extensions import portal_item

        extensions.register("portal.item", portal_item)
        from . import pagecaching

        pagecaching.register()  # the page cache of the public pages
        from . import longwork

        longwork.register()  # a city's reports of one year in one go, on /staff/work/
