from django.http import Http404


def staff_detail(request, pk):
    raise Http404
