from wagtail import hooks

from campaigns.admin_views import LoaPageViewSet
from home.models import HomePage


@hooks.register("register_admin_viewset")
def register_home_page_viewset():
    """The home page too: a failed publication on approval is a message, not a 500 (campaigns.admin_views)."""
    return LoaPageViewSet("homepage", model=HomePage)
