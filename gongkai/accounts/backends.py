"""Authentication: Django's model backend behind django-axes (see ``lockout.py``).

``AUTHENTICATION_BACKENDS`` puts ``axes.backends.AxesStandaloneBackend`` first: it refuses any
attempt from a (user name, address) pair that failed too often, before a password is checked.
"""

from django.contrib.auth.backends import ModelBackend


class StaffModelBackend(ModelBackend):
    """Active users with a usable password (the model backend's own rules)."""


# Old name kept for data directories whose sessions reference it.
LockoutModelBackend = StaffModelBackend
