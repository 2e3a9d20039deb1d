"""征求意见 (docs/participation.md)."""

from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "gongkai.consultations"
    label = "consultations"
    verbose_name = "征求意见"

    def ready(self):
        from gongkai.accounts import workbench
        from gongkai.core import extensions, jobs
        from gongkai.portal import openapi
        from gongkai.search import registry

        from . import api, panels, search
        from .actions.jobs import close_due, open_due

        registry.register(
            registry.DocType(
                kind="consultation",
                label="征求意见",
                build=search.build,
                public_ids=search.public_ids,
                order=40,
            )
        )
        extensions.register("portal.item", panels.item_note)
        workbench.register(panels.workbench_panels)
        jobs.register("consultations-open", open_due, "到开始日期的已审核征求意见自动发布")
        jobs.register("consultations-close", close_due, "结束已过截止日期的征求意见")
        openapi.register(*api.openapi_paths())
        from . import pagecaching

        pagecaching.register()  # the page cache of the public pages
