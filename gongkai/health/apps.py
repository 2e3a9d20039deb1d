from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "gongkai.health"
    label = "health"
    verbose_name = "网站健康"
