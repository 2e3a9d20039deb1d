from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "gongkai.plans"
    label = "plans"
    verbose_name = "工作要点与督查考核"

    def ready(self):
        from gongkai.accounts import workbench
        from gongkai.catalog import signals
        from gongkai.catalog.models import Item
        from gongkai.core import jobs

        from . import actions, panels

        signals.item_published.connect(
            actions.on_item_published, sender=Item, dispatch_uid="plans.fulfil"
        )
        signals.items_published.connect(
            actions.on_items_published, sender=Item, dispatch_uid="plans.fulfil_batch"
        )
        signals.item_unpublished.connect(
            actions.on_item_unpublished, sender=Item, dispatch_uid="plans.unfulfil"
        )
        jobs.register(
            "plans.refresh",
            actions.refresh_states,
            "plan obligations: upcoming → due soon → missed",
        )
        jobs.register(
            "plans.remind",
            actions.send_reminders,
            "remind lead units of due-soon and overdue obligations",
        )
        jobs.register(
            "plans.request_reports",
            actions.request_reports,
            "ask lead units for their quarterly progress reports",
        )
        workbench.register(panels.plan_panels)
