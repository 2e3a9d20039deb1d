from django.apps import AppConfig


class LongworkConfig(AppConfig):
    name = "gongkai.longwork"
    label = "longwork"
    verbose_name = "后台任务"

    def ready(self):
        from . import builtin

        builtin.register_all()
