"""In a real browser: a visitor comments on one article and sees it counted."""

import re

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_visitor_comments_on_an_article_and_sees_it_counted(live_server, page, make_open):
    from gongkai.consultations.models import Comment

    c = make_open()
    art = c.articles.get(number=4)
    page.goto(f"{live_server.url}/consultations/{c.pk}/")
    assert page.locator("#comment-count").inner_text() == "0"
    page.locator(f"#{art.label} a:has-text('对本条提意见')").click()
    page.wait_for_url("**article=*")
    assert page.locator("#id_article").input_value() == str(art.pk)
    page.fill("#id_text", "建议明确家庭财产状况的具体认定标准。")
    # a wrong answer first: the form comes back with what was typed
    page.fill("#id_answer", "1000")
    with page.expect_navigation():
        page.click("button:has-text('提交意见')")
    assert "验证题答案不正确" in page.content()
    assert "请填写联系方式" not in page.content()
    assert page.locator("#id_text").input_value() == "建议明确家庭财产状况的具体认定标准。"
    assert page.locator("#id_article").input_value() == str(art.pk)
    page.fill("#id_contact", "13912345678")
    question = page.locator("#challenge").inner_text()
    a, b = (int(n) for n in re.findall(r"\d+", question))
    page.fill("#id_answer", str(a + b))
    with page.expect_navigation():
        page.click("button:has-text('提交意见')")
    assert "您的意见已提交" in page.content()
    assert page.locator("#comment-count").inner_text() == "1"
    assert page.locator(f"[data-article-count='{art.pk}']").inner_text() == "意见 1 条"
    assert "13912345678" not in page.content()
    assert Comment.objects.get().article_id == art.pk
