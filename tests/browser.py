"""Steps the browser tests share."""

from __future__ import annotations


def sign_in(page, base_url: str, username: str) -> None:
    """Sign in as a demo staff user through the login form and land on the 工作台."""
    from gongkai.core.demo import DEMO_PASSWORD

    page.goto(base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/staff/")
