from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码不正确。连续输错多次后将暂停从此处登录。",
        "inactive": "该账号已停用，请联系政务公开办管理员。",
    }
