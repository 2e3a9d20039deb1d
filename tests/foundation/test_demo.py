import io

from django.core.management import call_command

from gongkai.accounts.models import RoleGrant, User
from gongkai.orgs.models import Organisation


def test_demo_loads_both_cities_and_prints_logins(db, tmp_path):
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out)
    text = out.getvalue()
    assert Organisation.objects.filter(parent__isnull=True).count() == 2
    for role in ("editor", "reviewer", "admin", "auditor"):
        assert User.objects.filter(username=f"lc-{role}").exists()
        assert User.objects.filter(username=f"dy-{role}").exists()
        assert f"lc-{role}" in text
    assert "http://127.0.0.1:8000/" in text
    assert RoleGrant.objects.filter(user__username="dy-admin", role="office_admin").exists()
    # Started again: the data stays, the logins are printed again.
    out2 = io.StringIO()
    call_command("demo", "--no-serve", "--port", "8123", stdout=out2)
    assert "already present" in out2.getvalue() and "lc-editor" in out2.getvalue()
    assert "http://127.0.0.1:8123/" in out2.getvalue()
