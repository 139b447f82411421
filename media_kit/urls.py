"""The print shop's public routes: a signed, expiring link per approved print order (no account)."""

from django.urls import path

from media_kit.order_views import print_shop_file, print_shop_order

urlpatterns = [
    path("nha-in/<str:token>/", print_shop_order, name="print_shop_order"),
    path("nha-in/<str:token>/don-dat-in.pdf", print_shop_file, {"kind": "pdf"}, name="print_shop_sheet_pdf"),
    path("nha-in/<str:token>/don-dat-in.xlsx", print_shop_file, {"kind": "xlsx"}, name="print_shop_sheet_xlsx"),
    path("nha-in/<str:token>/bo-an-pham-<int:pack_id>.zip", print_shop_file, {"kind": "zip"}, name="print_shop_pack"),
]
