"""People and roles.

Public visitors need no account. Staff have a :class:`User` and one or more :class:`RoleGrant`:
a role on an organisation, covering that organisation and everything below it.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


class User(AbstractUser):
    must_change_password = models.BooleanField("首次登录须修改密码", default=True)
    failed_logins = models.PositiveIntegerField("连续登录失败次数", default=0)
    locked_until = models.DateTimeField("锁定至", null=True, blank=True)
    phone = models.CharField("手机", max_length=20, blank=True)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self):
        full = self.get_full_name()
        return f"{full}（{self.username}）" if full else self.username

    def get_full_name(self):
        # Chinese order: family name first, no space.
        return f"{self.last_name}{self.first_name}".strip()

    @property
    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > timezone.now()


class Role(models.TextChoices):
    EDITOR = "editor", "信息编辑"
    REVIEWER = "reviewer", "审核人"
    OFFICE_ADMIN = "office_admin", "政务公开办管理员"
    AUDITOR = "auditor", "审计员（只读）"


class RoleGrant(models.Model):
    user = models.ForeignKey(
        User, verbose_name="用户", on_delete=models.CASCADE, related_name="grants"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="机构",
        on_delete=models.PROTECT,
        related_name="grants",
        help_text="角色覆盖该机构及其下属全部机构。",
    )
    granted_at = models.DateTimeField("授权时间", auto_now_add=True)

    class Meta:
        verbose_name = "角色授权"
        verbose_name_plural = "角色授权"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organisation"], name="accounts_grant_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.organisation.short_name}"
