"""舆情回应与新闻发布会 (see docs/interaction.md)."""

from django.apps import AppConfig


class ResponsesConfig(AppConfig):
    name = "gongkai.responses"
    label = "responses"
    verbose_name = "舆情回应与新闻发布会"

    def ready(self):
        from gongkai.plans import criteria

        from . import assessment

        criteria.register("response_timeliness", "舆情回应按时率", assessment.response_timeliness)
        from gongkai.accounts import workbench
        from gongkai.catalog import signals as catalog_signals
        from gongkai.core import jobs

        from . import actions, panels, schema, searchdocs

        workbench.register(panels.panels)
        searchdocs.register()
        schema.register()
        catalog_signals.item_published.connect(
            actions.on_item_published, dispatch_uid="responses-item-published"
        )
        catalog_signals.items_published.connect(
            actions.on_items_published, dispatch_uid="responses-items-published"
        )
        jobs.register(
            "response_clocks",
            actions.run_job,
            "record response-event hour clocks that ran out (舆情回应时限)",
        )
        from . import pagecaching

        pagecaching.register()  # the page cache of the public pages
