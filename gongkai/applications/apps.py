from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    label = "applications"
    verbose_name = "依申请公开"

    def ready(self):
        from gongkai.plans import criteria

        from . import assessment

        criteria.register(
            "application_timeliness", "依申请公开按期答复率", assessment.application_timeliness
        )
        from gongkai.accounts import workbench
        from gongkai.core import jobs

        from . import actions, panels

        workbench.register(panels.panels)
        jobs.register(
            "applications.clock",
            actions.run_job,
            "依申请公开: close applications whose correction or fee window expired, "
            "refresh due dates, remind due-soon and overdue",
        )
