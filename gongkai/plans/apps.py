from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "gongkai.plans"
    label = "plans"
    verbose_name = "工作要点与督查考核"
