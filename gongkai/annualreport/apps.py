from django.apps import AppConfig


class AnnualreportConfig(AppConfig):
    name = "gongkai.annualreport"
    label = "annualreport"
    verbose_name = "政府信息公开年报"
