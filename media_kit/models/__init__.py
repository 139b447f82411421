from media_kit.models.formats import OutputKind, PrintFormat
from media_kit.models.orders import OrderStatus, PrintOrder, PrintOrderLine
from media_kit.models.packs import Pack, PackStatus
from media_kit.models.templates import PrintTemplate, PrintTemplateLogo, PrintTemplateTranslation

__all__ = [
    "OrderStatus",
    "OutputKind",
    "Pack",
    "PackStatus",
    "PrintFormat",
    "PrintOrder",
    "PrintOrderLine",
    "PrintTemplate",
    "PrintTemplateLogo",
    "PrintTemplateTranslation",
]
