from django.conf import settings
from django.utils.functional import SimpleLazyObject


def site(request):
    from . import nav

    user = getattr(request, "user", None)
    return {
        "site_name": settings.GONGKAI_SITE_NAME,
        "site_footer": {
            "host": getattr(settings, "GONGKAI_SITE_HOST_ORG", ""),
            "contact": getattr(settings, "GONGKAI_SITE_CONTACT", ""),
            "site_code": getattr(settings, "GONGKAI_SITE_CODE", ""),
            "icp": getattr(settings, "GONGKAI_SITE_ICP", ""),
            "psb": getattr(settings, "GONGKAI_SITE_PSB", ""),
        },
        "public_nav": SimpleLazyObject(nav.public_entries),
        "staff_nav": SimpleLazyObject(lambda: nav.staff_entries(user)),
    }
