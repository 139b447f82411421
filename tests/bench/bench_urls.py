from django.http import HttpResponseRedirect
from django.urls import path

from website.urls import urlpatterns as site_urlpatterns


def bare_redirect(request):
    """The baseline: a 302 with no database, no cache, no file: only Django and its middleware."""
    return HttpResponseRedirect("/kich-hoat/?qr=BENCH1&xa=24133")


urlpatterns = [path("bench/bare-redirect/", bare_redirect), *site_urlpatterns]
