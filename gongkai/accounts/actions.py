"""Changes to accounts written on the action frame (docs/architecture.md).

Login, lock-out and the admin pages are the security code of ``backends``/``admin``; this module
holds what a person does to their own account.
"""

from __future__ import annotations

from gongkai.core.actions import change


def password_changed(user):
    """The person changed their own password (Django's form has set it): the forced change is
    done, and the audit log says so (never the password itself)."""
    with change(user) as ch:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
        ch.audit(user, "change", changes={"password": ["***", "***"]}, reason="本人修改密码")
    return user
