"""Notifying people of a change: one module for every app.

``notify(event, to=users, subject=..., body=..., url=...)`` runs after the surrounding
transaction commits (never for a change that rolled back) and, for each recipient, stores a
``core.Notification`` (shown on the 工作台), writes a log line, and sends a mail when
``EMAIL_HOST`` is configured and the person has an address. Actions call it through
``gongkai.core.actions.Change.notify``; a failure to notify never undoes the change.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction

log = logging.getLogger("gongkai.notify")


def _deliver(event: str, user_ids: list[int], subject: str, body: str, url: str) -> None:
    from django.contrib.auth import get_user_model
    from django.core.mail import send_mail

    from .models import Notification

    users = list(get_user_model().objects.filter(pk__in=user_ids, is_active=True))
    Notification.objects.bulk_create(
        [
            Notification(recipient=u, event=event, subject=subject[:200], body=body, url=url[:300])
            for u in users
        ]
    )
    log.info("notify %s → %s: %s", event, ",".join(u.username for u in users) or "-", subject)
    if getattr(settings, "EMAIL_HOST", "") and settings.EMAIL_HOST != "localhost":
        for u in users:
            if u.email:
                try:
                    send_mail(subject, f"{body}\n\n{url}".strip(), None, [u.email])
                except Exception:  # mail is best effort; the notice is stored already
                    log.exception("notify: mail to %s failed", u.email)


def notify(
    event: str,
    *,
    to: Iterable,
    subject: str,
    body: str = "",
    url: str = "",
) -> None:
    """Tell ``to`` (users, or user ids) about ``event`` once the current transaction commits."""
    ids = sorted({getattr(u, "pk", u) for u in to if u is not None and getattr(u, "pk", u)})
    if not ids:
        log.info("notify %s (nobody to tell): %s", event, subject)
        return

    def send():
        try:
            _deliver(event, ids, subject, body, url)
        except Exception:
            log.exception("notify: %s not delivered", event)

    transaction.on_commit(send)


def unread(user, limit: int = 20):
    from .models import Notification

    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user, read_at__isnull=True)[:limit]
