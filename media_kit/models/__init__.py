from media_kit.models.formats import OutputKind, PrintFormat
from media_kit.models.packs import Pack, PackStatus
from media_kit.models.templates import PrintTemplate, PrintTemplateLogo, PrintTemplateTranslation

__all__ = [
    "OutputKind",
    "Pack",
    "PackStatus",
    "PrintFormat",
    "PrintTemplate",
    "PrintTemplateLogo",
    "PrintTemplateTranslation",
]
