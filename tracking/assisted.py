"""Assisted registrations: service-point staff log what they helped a citizen do, and how the citizen heard of it.

The form is used on phones at the one-stop desk, on a connection that comes and goes. Without JavaScript it is a
plain form (post, redirect, message). With JavaScript (tracking/static/tracking/desk-queue.js) each entry is kept
on the phone until the server has answered, and sent with `Accept: application/json`; the server answers that
path in JSON, 401 when the session has expired, and de-duplicates by the entry id made on the phone.
"""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.admin.views.account import LoginView

from core.http import staff_view
from places.models import Membership, Role
from places.selectors import roles_of_user, wards_of_user
from tracking.codes import normalise_code
from tracking.desk import (
    NOT_ASKED,
    SCANNED_A_CODE,
    UNDO_WINDOW,
    EntryRefused,
    desk_tally,
    record_assisted_registration,
    undo_assisted_registration,
    undoable_entry,
)
from tracking.models import Channel, ConversionAction
from tracking.selectors import placement_for_code

ASSISTED_ACTIONS = [choice for choice in ConversionAction.choices if choice[0] != ConversionAction.GUIDE_COMPLETED]


class AssistedRegistrationForm(forms.Form):
    ward = forms.ModelChoiceField(label=gettext_lazy("Xã/phường"), queryset=None, empty_label=None)
    action = forms.ChoiceField(
        label=gettext_lazy("Đã giúp người dân làm gì?"), choices=ASSISTED_ACTIONS, widget=forms.RadioSelect
    )
    # No answer is preselected: a question the staff member skipped is stored as "not asked", never as a
    # channel or a scan. Not refused: an entry queued offline arrives after the citizen has left.
    heard_from = forms.ChoiceField(
        label=gettext_lazy("Người dân biết qua đâu?"),
        choices=(),
        required=False,
        help_text=gettext_lazy("Bỏ trống được ghi là “Chưa hỏi / không nhớ”."),
    )
    code = forms.CharField(
        label=gettext_lazy("Mã in dưới QR (nếu có)"),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )
    # Made by the phone's script for each entry; without JavaScript, made here for each form shown, so that a
    # double tap on "Ghi nhận" stores one entry.
    entry_id = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, wards, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = wards
        if wards.count() == 1:
            self.fields["ward"].widget = forms.HiddenInput()
            self.fields["ward"].initial = wards.first().pk
        channels = [(channel.slug, channel.name) for channel in Channel.objects.all()]
        self.fields["heard_from"].choices = [
            ("", _("— Chọn một mục —")),
            (SCANNED_A_CODE, _("Quét mã QR")),
            *channels,
            (NOT_ASKED, _("Chưa hỏi / không nhớ")),
        ]
        if not self.is_bound:
            self.fields["entry_id"].initial = uuid.uuid4()

    def clean_heard_from(self) -> str:
        return self.cleaned_data["heard_from"] or NOT_ASKED

    def clean_code(self):
        raw = self.cleaned_data["code"].strip()
        if not raw:
            return None
        placement = placement_for_code(normalise_code(raw))
        if placement is None:
            raise forms.ValidationError(_("Không có mã này. Kiểm tra lại, hoặc để trống."))
        return placement


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _refusal(request: HttpRequest) -> HttpResponse | None:
    """Why this request may not use the desk, as the answer to give: a login or a 403.

    A session still owing its second factor never gets here: the views are marked staff_view, and
    the project's two-factor middleware sends such a session to the code page (403 in JSON)."""
    if not request.user.is_authenticated:
        login_url = reverse("wagtailadmin_login") + "?" + urlencode({"next": reverse("assisted_registration")})
        if _wants_json(request):
            message = _("Phiên đăng nhập đã hết. Hãy đăng nhập lại.")
            return JsonResponse({"ok": False, "login_url": login_url, "message": message}, status=401)
        return redirect(login_url)
    if not may_use_desk(request.user):
        if _wants_json(request):
            message = _("Chỉ cán bộ điểm dịch vụ công được ghi nhận.")
            return JsonResponse({"ok": False, "message": message}, status=403)
        raise PermissionDenied(_("Chỉ cán bộ điểm dịch vụ công được ghi nhận."))
    return None


def may_use_desk(user) -> bool:
    """Service-point staff of some ward (the admin menu shows the form to the same people)."""
    if not user.is_authenticated or not (user.is_superuser or Role.SERVICE_POINT_STAFF in roles_of_user(user=user)):
        return False
    return wards_of_user(user=user, roles=[Role.SERVICE_POINT_STAFF]).exists()


def _form_errors(form: forms.Form) -> dict[str, list[str]]:
    return {name: [str(error) for error in errors] for name, errors in form.errors.items()}


def _unique_messages(request: HttpRequest) -> list:
    """Pending messages, each text once: a queue of entries sent together says "Đã ghi nhận" once."""
    seen, unique = set(), []
    for message in messages.get_messages(request):
        if (message.level, str(message)) not in seen:
            seen.add((message.level, str(message)))
            unique.append(message)
    return unique


@never_cache
@staff_view
def assisted_registration(request: HttpRequest) -> HttpResponse:
    """A phone-sized form for service-point staff; their ward comes from their membership."""
    refusal = _refusal(request)
    if refusal is not None:
        return refusal
    wards = wards_of_user(user=request.user, roles=[Role.SERVICE_POINT_STAFF])
    form = AssistedRegistrationForm(request.POST or None, wards=wards)
    if request.method == "POST":
        if form.is_valid():
            try:
                entry = record_assisted_registration(
                    user=request.user,
                    unit=form.cleaned_data["ward"],
                    action=form.cleaned_data["action"],
                    heard_from=form.cleaned_data["heard_from"],
                    placement=form.cleaned_data["code"],
                    entry_id=form.cleaned_data["entry_id"],
                )
            except EntryRefused as refused:
                form.add_error(None, str(refused))
            else:
                # Also on the script's path: the page it reloads after sending shows the same message.
                if entry.created:
                    messages.success(request, _("Đã ghi nhận. Cảm ơn bạn!"))
                elif not _wants_json(request):
                    messages.info(request, _("Mục này đã được ghi nhận trước đó, không ghi thêm lần nữa."))
                if _wants_json(request):
                    return JsonResponse({"ok": True, "duplicate": not entry.created})
                return redirect("assisted_registration")
        if _wants_json(request):
            return JsonResponse({"ok": False, "errors": _form_errors(form)}, status=400)
    context = {
        "form": form,
        "desk_messages": _unique_messages(request),
        "tally": desk_tally(user=request.user, units=wards),
        "undoable": undoable_entry(user=request.user),
        "undo_minutes": UNDO_WINDOW.seconds // 60,
        "login_url": reverse("wagtailadmin_login") + "?" + urlencode({"next": reverse("assisted_registration")}),
    }
    return render(request, "tracking/assisted_registration.html", context)


@require_POST
@staff_view
def undo_assisted_entry(request: HttpRequest) -> HttpResponse:
    """Undo the staff member's last entry (once, within the window); anything else is refused and kept."""
    refusal = _refusal(request)
    if refusal is not None:
        return refusal
    entry = request.POST.get("entry", "")
    if not entry.isascii() or not entry.isdigit() or len(entry) > 18:  # a database id, never an overflow
        messages.error(request, _("Không hoàn tác được: thiếu mục cần hoàn tác."))
        return redirect("assisted_registration")
    try:
        undo_assisted_registration(user=request.user, entry_pk=int(entry))
    except EntryRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Đã hoàn tác mục vừa ghi."))
    return redirect("assisted_registration")


def has_only_service_point_role(user) -> bool:
    """Whether every membership of this user is as service-point staff (and there is at least one)."""
    if not user.is_authenticated or user.is_superuser:
        return False
    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    return roles == {Role.SERVICE_POINT_STAFF.value}


class DeskFirstLoginView(LoginView):
    """Wagtail's login, except that staff whose only role is the service-point desk land on its form.

    Wagtail offers no hook for where a login leads, so this is the smallest subclass: only the success URL
    changes. Wagtail's login form posts `next` as the admin home when nothing else was asked for; any other
    `next` (a page the person was sent away from) still wins.
    """

    def get_success_url(self) -> str:
        asked = self.get_redirect_url()
        if asked in ("", reverse("wagtailadmin_home")) and has_only_service_point_role(self.request.user):
            return reverse("assisted_registration")
        return super().get_success_url()
