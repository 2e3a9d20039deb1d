"""After the first few messages from one address a question must be answered (#11, #17.9)."""

import re


def _post(client, org, **extra):
    data = {
        "kind": "consult",
        "subject": "低保标准",
        "text": "请问今年城市低保标准是多少？",
        "name": "李四",
        "contact": "13700000000",
        "consent": "no",
        "organisation": org.code,
    }
    data.update(extra)
    return client.post(f"/messages/write/{org.code}/", data)


def test_third_message_needs_the_challenge_and_keeps_the_text(client, org):
    mz = org("聊城市", "市民政局")
    assert _post(client, mz).status_code == 200
    assert _post(client, mz).status_code == 200
    third = _post(client, mz)
    page = third.content.decode()
    assert third.status_code == 400 and "验证题" in page and "请问今年城市低保标准是多少" in page
    token = re.search(r'name="challenge_token" value="([^"]+)"', page).group(1)
    a, b = (
        int(n) for n in re.findall(r"\d+", re.search(r'id="challenge">([^<]+)<', page).group(1))
    )
    ok = _post(client, mz, challenge_token=token, challenge_answer=str(a + b))
    assert ok.status_code == 200 and "查询码" in ok.content.decode()
