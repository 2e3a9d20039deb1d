from django.apps import AppConfig


class LongworkConfig(AppConfig):
    name = "gongkai.longwork"
    label = "longwork"
    verbose_name = "后台任务"

    def ready(self):
        from gongkai.core import jobs

        from . import actions, builtin

        builtin.register_all()
        jobs.register(
            "longwork.sweep",
            lambda now: actions.sweep_abandoned(now),
            "running jobs whose worker is gone (process ended, or silent too long) become 失败",
        )
