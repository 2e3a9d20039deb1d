"""Authentication: Django's model backend behind django-axes (see ``lockout.py``).

``AUTHENTICATION_BACKENDS`` puts ``axes.backends.AxesStandaloneBackend`` first: it refuses any
attempt from a (user name, address) pair that failed too often, before a password is checked.
"""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend


class StaffModelBackend(ModelBackend):
    """Active users with a usable password (the model backend's own rules)."""


# Old name kept for data directories whose sessions reference it.
LockoutModelBackend = StaffModelBackend


class LoginThrottle(AxesStandaloneBackend):
    """django-axes' check, for web logins: a call without a request (a command, a test's
    ``client.login``) has no address to throttle by and goes straight to the next backend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id):  # sessions made by force_login name the first backend
        return StaffModelBackend().get_user(user_id)
