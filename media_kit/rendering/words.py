"""Which language the fixed sentences of a script or a share text are said in.

The sentences are gettext strings written in Vietnamese; a ward's language gets them from our catalogue
(locale/<language>/LC_MESSAGES/django.po) once a translator has translated them. Until then they are
read in Vietnamese, and the script says so.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

# A sentence every script says: when the catalogue translates it, it translates the script's sentences.
PROBE = "Xin cảm ơn bà con đã chú ý lắng nghe."


def catalogue_speaks(language: str) -> bool:
    """True when our catalogue has the fixed sentences in `language` (always for Vietnamese)."""
    if not language or language == settings.LANGUAGE_CODE:
        return True
    with translation.override(language):
        return gettext(PROBE) != PROBE


def in_vietnamese():
    return translation.override(settings.LANGUAGE_CODE)
