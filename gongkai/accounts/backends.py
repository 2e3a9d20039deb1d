"""Authentication with lock-out after repeated failures."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.utils import timezone


class LockedOut(Exception):
    pass


class LockoutModelBackend(ModelBackend):
    """ModelBackend that counts failures and refuses a locked account, even with the right password."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        User = get_user_model()
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            User().set_password(password)  # same work as a real check (timing)
            return None
        if user.is_locked:
            if request is not None:
                request.gongkai_locked_until = user.locked_until
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            if user.failed_logins or user.locked_until:
                user.failed_logins = 0
                user.locked_until = None
                user.save(update_fields=["failed_logins", "locked_until"])
            return user
        user.failed_logins += 1
        fields = ["failed_logins"]
        if user.failed_logins >= settings.GONGKAI_LOGIN_MAX_FAILURES:
            user.locked_until = timezone.now() + dt.timedelta(
                minutes=settings.GONGKAI_LOGIN_LOCK_MINUTES
            )
            user.failed_logins = 0
            fields.append("locked_until")
            if request is not None:
                request.gongkai_locked_until = user.locked_until
        user.save(update_fields=fields)
        return None
