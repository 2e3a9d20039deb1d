from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码不正确。连续输错多次后账号将被临时锁定。",
        "inactive": "该账号已停用，请联系政务公开办管理员。",
        "locked": "连续登录失败次数过多，账号已锁定，请于 %(until)s 后再试，或联系管理员解锁。",
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            self.user_cache = authenticate(self.request, username=username, password=password)
            if self.user_cache is None:
                until = getattr(self.request, "gongkai_locked_until", None)
                if until is not None:
                    local = timezone.localtime(until)
                    raise forms.ValidationError(
                        self.error_messages["locked"],
                        code="locked",
                        params={"until": f"{local:%H:%M}"},
                    )
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data
