"""Issue #17.12: editor text arrives in RSS/Atom readers as text, never as live HTML."""


def test_feed_description_is_escaped_text(client, site, make):
    make.item(
        site.cz,
        "通知公告（测试）",
        body="<p>&lt;script&gt;alert(1)&lt;/script&gt;请注意</p>",
        entries=[site.cz_notice] if hasattr(site, "cz_notice") else (),
    )
    xml = client.get("/feeds/latest/rss/").content.decode()
    assert "请注意" in xml
    assert "&lt;script" not in xml  # a reader would unescape this into a live tag
    assert "&amp;lt;script" in xml
