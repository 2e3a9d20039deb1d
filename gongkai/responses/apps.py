from django.apps import AppConfig


class ResponsesConfig(AppConfig):
    name = "gongkai.responses"
    label = "responses"
    verbose_name = "舆情回应与新闻发布会"
