"""The demo: both cities get the three consultations the walkthrough needs."""

import pytest

from gongkai.consultations.models import Consultation
from gongkai.rules.participation.feedback import DISPOSITIONS


@pytest.mark.django_db
def test_demo_consultations(staff, demo_ctx, settings, tmp_path, client):
    from gongkai.catalog.services import ensure_legal_structure_many
    from gongkai.consultations import demo, services
    from gongkai.orgs.models import Organisation

    settings.MEDIA_ROOT = tmp_path
    ensure_legal_structure_many(Organisation.objects.all())
    demo.load(demo_ctx)
    for city in ("聊城市", "东营市"):
        mine = Consultation.objects.filter(title__contains=city[:2])
        assert sorted(mine.values_list("status", flat=True)) == ["open", "open", "published"]
        open_now = mine.get(title__contains="最低生活保障")
        f = services.figures(open_now)
        assert f["comments"] == 40 and f["opinions"] < 40 and len(f["per_channel"]) >= 3
        assert sum(v for k, v in f["per_article"].items() if k) > 20
        done = mine.get(status="published")
        s = services.summary(done).total
        assert s.undecided == 0 and s.adopted + s.partly + s.rejected + s.out_of_scope == s.opinions
        assert done.final_item.is_public and done.feedback_item.is_public
        assert set(DISPOSITIONS) >= set(
            done.comments.exclude(disposition="").values_list("disposition", flat=True)
        )
        short = mine.get(title__contains="临时救助")
        assert services.period_of(short).shorter and "寒潮" in short.shorter_reason
        page = client.get(f"/item/{done.final_item_id}/").content.decode()
        assert "本文件曾公开征求意见" in page
        feedback = client.get(f"/consultations/{done.pk}/feedback/").content.decode()
        assert "解读：" in feedback and "草案与正式文件对照" in feedback
