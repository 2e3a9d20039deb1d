from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = "公共"

    def ready(self):
        from gongkai.accounts import workbench

        workbench.register(notification_panels)
        from gongkai.accounts import lockout  # noqa: F401  (login audit receivers)


def notification_panels(user):
    from gongkai.accounts.workbench import Panel, PanelItem
    from gongkai.rules.dates import zh_datetime

    from .notify import unread

    items = [
        PanelItem(label=n.subject, url=n.url, note=zh_datetime(n.created_at))
        for n in unread(user, 8)
    ]
    if not items:
        return []
    return [Panel(title="新通知", items=items, order=5)]
