"""What every page a scanned code may land on shows: the ward's help desk, or a way to choose one's ward.

A scan adds `?xa=<unit code>` (and `qr`, which only the page's script and the completion form read:
it is never written into the HTML, so one rendered page serves every code of a ward). Links from a
landing page to the campaign's other pages carry `xa` only, so that the help desk follows the visit
without a cookie or a session.
"""

from urllib.parse import urlencode

from django.http import HttpRequest

from places.selectors import help_desk_for_code, province_for_code, provinces

WARD_PARAMETER = "xa"


def landing_context(request: HttpRequest) -> dict:
    """The help desk of the ward in `?xa=`; without a known ward, what the ward picker starts from.

    A province code (a province-wide channel's `xa`) starts the picker in that province.
    """
    code = request.GET.get(WARD_PARAMETER, "")
    help_desk = help_desk_for_code(code)
    if help_desk is not None:
        return {"help_desk": help_desk, "ward_query": "?" + urlencode({WARD_PARAMETER: help_desk.unit.code})}
    province = province_for_code(code)
    return {
        "help_desk": None,
        "ward_query": "",
        "ward_picker": {
            "province": province,
            "provinces": [] if province is not None else provinces(),
            "back_to": request.path,
        },
    }


class LandingPageMixin:
    """For page models a code may lead to (campaign, guide, video): help desk or ward picker in the context."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(landing_context(request))
        return context
