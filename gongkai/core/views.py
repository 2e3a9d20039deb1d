from django.shortcuts import render

from gongkai.orgs.models import Organisation


def home(request):
    """Fallback home page; the portal app mounts the public home in front of this one."""
    cities = Organisation.objects.filter(parent__isnull=True).order_by("sort_order", "code")
    return render(request, "gongkai/home.html", {"cities": cities})
