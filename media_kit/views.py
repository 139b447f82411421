import io

import pypdfium2
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, FormView
from wagtail.log_actions import log

from core.admin import BreadcrumbsAdminView
from core.numbers import vn_money, vn_number
from media_kit.audit import PACK_REQUESTED, pack_data
from media_kit.forms import PackRequestForm
from media_kit.models import Pack, PackStatus, PrintFormat, PrintTemplate
from media_kit.permissions import (
    may_request_packs,
    may_see_pack,
    print_template_permission_policy,
    units_of_pack_codes,
    units_refused,
)
from media_kit.public_address import address_problem, refusal
from media_kit.rendering.context import MaterialError, material_for
from media_kit.samples import sample_png
from media_kit.selectors import pack_estimate, share_posts
from media_kit.tasks import generate_pack
from places.models import AdministrativeUnit, UnitLevel
from places.selectors import find_units
from tracking.exports import public_base_url
from tracking.models import Placement


class PackRequestView(BreadcrumbsAdminView, FormView):
    template_name = "media_kit/admin/pack_request.html"
    form_class = PackRequestForm
    page_title = gettext_lazy("Tạo bộ ấn phẩm")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not may_request_packs(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        # A link may fill the form in (a roll-out plan's wave: its campaign and wards); nothing is made on a GET.
        initial = super().get_initial()
        for name in ("campaign", "unit_codes"):
            value = self.request.GET.get(name, "").strip()[:2000]
            if value:
                initial[name] = value
        return initial

    def get_context_data(self, **kwargs):
        # Before anything is generated: which address every code will carry, and whether it is refused.
        context = super().get_context_data(**kwargs)
        context["public_base_url"] = public_base_url()
        context["address_problem"] = address_problem(public_base_url())
        context["address_refusal"] = refusal()
        return context

    def post(self, request, *args, **kwargs):
        if "xem_truoc" in request.POST:
            return self.preview(self.get_form())
        if "tim" not in request.POST:
            return super().post(request, *args, **kwargs)
        # The ward search, without JavaScript: the same form comes back as filled in, with the wards found
        # as boxes to tick (and those ticked before added to the list), and nothing is generated.
        data = request.POST
        typed = [data.get("unit_codes", "").strip(), *data.getlist("chon")]
        initial = {name: data.getlist(name) if name == "formats" else data.get(name) for name in data}
        initial["unit_codes"] = ", ".join(entry for entry in typed if entry)
        form = self.get_form_class()(initial=initial)
        query = data.get("tim_xa", "")
        return self.render_to_response(
            self.get_context_data(form=form, search_query=query, search_results=find_units(query=query))
        )

    def refuse_units(self, form) -> bool:
        """True (and the form told why) when the user does not cover every unit asked for."""
        refused = units_refused(self.request.user, units_of_pack_codes(form.cleaned_data["unit_codes"]))
        if refused:
            form.add_error(
                "unit_codes",
                _("Bạn không phụ trách: %(units)s.")
                % {"units": ", ".join(f"{unit.name} ({unit.code})" for unit in refused)},
            )
        return bool(refused)

    def preview(self, form):
        """Files, codes, copies and cost per format before anything is rendered or any placement is made."""
        if not form.is_valid() or self.refuse_units(form):
            return self.form_invalid(form)
        estimates = pack_estimate(
            campaign=form.cleaned_data["campaign"],
            formats=list(form.cleaned_data["formats"]),
            units=units_of_pack_codes(form.cleaned_data["unit_codes"]),
            channel_choices=form.channel_choices(),
        )
        printed = [estimate for estimate in estimates if estimate.printed]
        campaign = form.cleaned_data["campaign"]
        has_template = PrintTemplate.objects.filter(campaign=campaign).exists()
        samples = [
            (estimate, sample_url(campaign=campaign, estimate=estimate))
            for estimate in estimates
            if has_template and estimate.visual and estimate.sample_unit_code
        ]
        return self.render_to_response(
            self.get_context_data(
                form=form,
                estimates=estimates,
                samples=samples,
                estimate_copies=vn_number(sum(estimate.copies for estimate in printed)),
                estimate_cost=vn_money(sum(estimate.cost_vnd for estimate in printed)),
            )
        )

    def form_valid(self, form):
        if self.refuse_units(form):
            return self.form_invalid(form)
        pack = Pack.objects.create(
            campaign=form.cleaned_data["campaign"],
            unit_codes=form.cleaned_data["unit_codes"],
            channel_choices=form.channel_choices(),
            requested_by=self.request.user,
        )
        pack.formats.set(form.cleaned_data["formats"])
        log(instance=pack, action=PACK_REQUESTED, user=self.request.user, data=pack_data(pack))
        generate_pack.enqueue(pack.pk)
        return redirect("media_kit_pack", pack_id=pack.pk)


class PackDetailView(BreadcrumbsAdminView, DetailView):
    """The pack's progress (the page refreshes itself while the worker renders) and its download.

    Its header names the pack and its campaign (without breadcrumbs of its own it read "Trang chủ").
    """

    template_name = "media_kit/admin/pack_detail.html"
    page_title = gettext_lazy("Bộ ấn phẩm")
    header_icon = "doc-full"
    context_object_name = "pack"

    def get_object(self, queryset=None):
        pack = get_object_or_404(Pack.objects.select_related("campaign"), pk=self.kwargs["pack_id"])
        if not may_see_pack(self.request.user, pack):
            raise PermissionDenied
        return pack

    def get_page_title(self) -> str:
        return _("Bộ ấn phẩm số %(number)s") % {"number": self.object.pk}

    def get_page_subtitle(self) -> str:
        return self.object.campaign.title

    def get_parent_breadcrumbs(self) -> list[dict]:
        if not may_request_packs(self.request.user):
            return []
        return [{"url": reverse("media_kit_pack_request"), "label": PackRequestView.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["in_progress"] = self.object.status in {PackStatus.QUEUED, PackStatus.RUNNING}
        failed = self.object.status == PackStatus.FAILED
        context["may_retry"] = failed and may_retry_pack(self.request.user, self.object)
        context["quantity_warnings"] = [
            check
            for report in (self.object.preflight or {}).values()
            for check in report["checks"]
            if check.get("warning")
        ]
        if self.object.status == PackStatus.DONE:
            context["share_posts"], context["share_total"] = share_posts(pack=self.object)
        return context


def pack_sample(request, campaign_id: int, format_slug: str, unit_code: str):
    """The pack form's sample picture of one format for one of the chosen wards (cached; see media_kit.samples).

    Only for those who may make packs, and only for a ward they cover."""
    if not may_request_packs(request.user):
        raise PermissionDenied
    unit = get_object_or_404(AdministrativeUnit, code=unit_code)
    if units_refused(request.user, [unit]):
        raise PermissionDenied
    template = get_object_or_404(PrintTemplate.objects.select_related("campaign"), campaign_id=campaign_id)
    print_format = get_object_or_404(PrintFormat, slug=format_slug)
    if not print_format.output.visual:
        raise Http404("Định dạng này không có hình xem trước.")
    try:
        png = sample_png(template=template, print_format=print_format, unit=unit)
    except MaterialError as error:
        return HttpResponse(str(error), status=422, content_type="text/plain; charset=utf-8")
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=300"
    return response


def sample_url(*, campaign, estimate) -> str:
    return reverse("media_kit_pack_sample", args=[campaign.pk, estimate.format_slug, estimate.sample_unit_code])


def may_retry_pack(user, pack: Pack) -> bool:
    """Whoever may see the pack and may request packs may generate a failed one again."""
    return may_see_pack(user, pack) and may_request_packs(user)


@require_POST
def retry_pack(request, pack_id: int):
    """A failed pack (e.g. the storage did not answer) is generated again with the same campaign, formats and wards."""
    pack = get_object_or_404(Pack, pk=pack_id)
    if not may_retry_pack(request.user, pack):
        raise PermissionDenied
    reset = Pack.objects.filter(pk=pack.pk, status=PackStatus.FAILED).update(
        status=PackStatus.QUEUED, error="", done=0, total=0, failures=[], finished_at=None
    )
    if reset:  # a second click on an already queued pack enqueues nothing
        generate_pack.enqueue(pack.pk)
    return redirect("media_kit_pack", pack_id=pack.pk)


def download_pack(request, pack_id: int):
    """Packs are private: served through this permission check, never from a public bucket URL."""
    pack = get_object_or_404(Pack, pk=pack_id)
    if not may_see_pack(request.user, pack):
        raise PermissionDenied
    if pack.status != PackStatus.DONE or not pack.file:
        raise Http404("Bộ ấn phẩm chưa sẵn sàng.")
    return FileResponse(pack.file.open("rb"), as_attachment=True, filename=f"bo-an-pham-{pack.pk}.zip")


PREVIEW_CODE = "XEMTHU"  # never issued: it has no placement, so a scanned preview leads nowhere
PREVIEW_LONG_SIDE_PX = 900


def preview_format(request, template_id: int, format_slug: str):
    """A small PNG of one format of a campaign's template, for the editor, with a sample code and ward."""
    if not request.user.has_perm("media_kit.change_printtemplate"):
        raise PermissionDenied
    template = get_object_or_404(PrintTemplate.objects.select_related("campaign"), pk=template_id)
    if not print_template_permission_policy.user_has_permission_for_instance(request.user, "change", template):
        raise PermissionDenied
    print_format = get_object_or_404(PrintFormat, slug=format_slug)
    ward = AdministrativeUnit.objects.filter(level=UnitLevel.WARD).order_by("path").first()
    channel = print_format.channels.first()
    if ward is None or channel is None:
        raise Http404("Chưa có xã, phường hoặc kênh để xem thử.")
    sample = Placement(campaign=template.campaign, unit=ward, channel=channel, short_code=PREVIEW_CODE)
    material = material_for(print_format=print_format, template=template, placement=sample)
    output = print_format.output
    if not output.visual:
        return HttpResponse(output.render(material), content_type=output.content_type)
    try:
        pdf = output.render_pdf(material)
    except MaterialError as error:
        return HttpResponse(str(error), status=422, content_type="text/plain; charset=utf-8")
    page = pypdfium2.PdfDocument(pdf)[0]
    width, height = page.get_size()
    image = page.render(scale=PREVIEW_LONG_SIDE_PX / max(width, height)).to_pil().convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return HttpResponse(buffer.getvalue(), content_type="image/png")
