"""Demo data for campaign content: metrics, the services catalogue, the demo campaign, its guides and video.

The words live in campaigns/demo_content.py; the video walkthrough in campaigns/demo_assets/video/
(made by scripts/make_demo_video.py). Idempotent: what exists (by slug or name) is left as it is.
"""

import datetime as dt
import json
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.files import File
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtailmedia.models import get_media_model

from campaigns import demo_content
from campaigns.approval import APPROVERS_GROUP, EDITORS_GROUP, ensure_approval_workflow
from campaigns.blocks import CalloutKind
from campaigns.models import CampaignPage, CampaignTarget, GuidePage, Metric, PublicService, ServiceIndexPage, VideoPage
from campaigns.models.video import VideoCaption, VideoChapter
from places.demo import DEMO_PROVINCE_CODE
from places.models import AdministrativeUnit, Membership, Role

VIDEO_ASSETS = Path(__file__).resolve().parent / "demo_assets" / "video"
VIDEO_STEM = "cai-dat-vneid"
VIDEO_GUIDE_SLUG = "cai-dat-vneid"
SERVICE_INDEX_SLUG = "dich-vu-cong-thiet-yeu"

ROLE_GROUPS = {
    Role.CULTURE_OFFICE: EDITORS_GROUP,
    Role.WARD_EDITOR: EDITORS_GROUP,
    Role.APPROVER: APPROVERS_GROUP,
}


@dataclass
class ContentResult:
    campaign: CampaignPage | None = None
    created: list[str] = field(default_factory=list)

    def add(self, label: str) -> None:
        self.created.append(label)


def _publish(page: Page) -> None:
    page.save_revision().publish()


def load_metrics(result: ContentResult) -> dict[str, Metric]:
    metrics = {}
    for fields in demo_content.METRICS:
        metric, created = Metric.objects.get_or_create(
            slug=fields["slug"],
            defaults={"name": fields["name"], "unit": fields.get("unit", ""), "description": fields["description"]},
        )
        metrics[metric.slug] = metric
        if created:
            result.add(f"chỉ tiêu {metric.slug}")
    return metrics


def load_services(result: ContentResult) -> None:
    for order, fields in enumerate(demo_content.SERVICES, start=1):
        _service, created = PublicService.objects.get_or_create(
            name=fields["name"],
            defaults={
                "agency": fields["agency"],
                "fully_online": fields["fully_online"],
                "portal_url": fields.get("portal_url") or "",
                "steps": fields.get("steps"),
                "documents": fields.get("documents"),
                "fee": fields.get("fee"),
                "sort_order": order,
            },
        )
        if created:
            result.add(f"dịch vụ {fields['name']}")


def link_services_to_guides() -> None:
    guides = {guide.slug: guide for guide in GuidePage.objects.all()}
    for fields in demo_content.SERVICES:
        guide = guides.get(fields.get("guide") or "")
        if guide is not None:
            PublicService.objects.filter(name=fields["name"], guide__isnull=True).update(guide=guide)


def load_campaign(home: Page, metrics: dict[str, Metric], result: ContentResult) -> CampaignPage:
    fields = demo_content.CAMPAIGN
    campaign = CampaignPage.objects.child_of(home).filter(slug=fields["slug"]).first()
    if campaign is not None:
        return campaign
    campaign = CampaignPage(
        title=fields["title"],
        slug=fields["slug"],
        owner_unit=AdministrativeUnit.objects.filter(code=DEMO_PROVINCE_CODE).first(),
        intro=fields["intro"],
        goal=fields["goal_html"],
        starts_on=dt.date.fromisoformat(fields["starts_on"]),
        ends_on=dt.date.fromisoformat(fields["ends_on"]),
    )
    for target in demo_content.TARGETS:
        campaign.targets.add(
            CampaignTarget(
                metric=metrics[target["metric"]],
                target_percent=target["target_percent"],
                deadline=dt.date.fromisoformat(target["deadline"]),
            )
        )
    home.add_child(instance=campaign)
    _publish(campaign)
    result.add(f"chiến dịch {campaign.slug}")
    return campaign


def set_campaign_owner(campaign: CampaignPage, result: ContentResult) -> None:
    """The demo campaign (and its translations) belongs to the demo province, so that its culture office edits it.

    Demo databases made before campaigns had owners hold it without one: superusers only.
    The owner goes into the live page and, when no draft is waiting, into a published revision,
    so that the editor shows it; a waiting draft is left as it is.
    """
    province = AdministrativeUnit.objects.filter(code=DEMO_PROVINCE_CODE).first()
    if province is None:
        return
    for page in CampaignPage.objects.filter(translation_key=campaign.translation_key, owner_unit=None):
        CampaignPage.objects.filter(pk=page.pk).update(owner_unit=province)
        if page.live and not page.has_unpublished_changes and page.alias_of_id is None:
            page.owner_unit = province
            _publish(page)
        result.add(f"đơn vị phụ trách {page.slug} ({page.locale.language_code}): {province.name}")


def _step_value(step: dict) -> dict:
    callouts = []
    if step.get("tip"):
        callouts.append({"kind": CalloutKind.TIP, "text": step["tip"]})
    if step.get("warning"):
        callouts.append({"kind": CalloutKind.WARNING, "text": step["warning"]})
    return {
        "title": step["title"],
        "body": RichText(step["body_html"]),
        "image": None,
        "image_alt": "",
        "callouts": callouts,
    }


def load_guides(campaign: CampaignPage, result: ContentResult) -> dict[str, GuidePage]:
    guides = {}
    services = {service.name: service for service in PublicService.objects.all()}
    for fields in demo_content.GUIDES:
        guide = GuidePage.objects.child_of(campaign).filter(slug=fields["slug"]).first()
        if guide is None:
            guide = GuidePage(
                title=fields["title"],
                slug=fields["slug"],
                intro=fields["intro"],
                estimated_minutes=fields.get("estimated_minutes"),
                what_you_need=[("item", item) for item in fields.get("what_you_need", [])],
                steps=[("step", _step_value(step)) for step in fields["steps"]],
                still_stuck=getattr(demo_content, "STILL_STUCK_HTML", ""),
            )
            guide.related_services = [services[name] for name in fields.get("related_services", []) if name in services]
            campaign.add_child(instance=guide)
            _publish(guide)
            result.add(f"hướng dẫn {guide.slug}")
        guides[guide.slug] = guide
    return guides


def _file(path: Path) -> File:
    return File(path.open("rb"), name=path.name)


def _transcript_html(path: Path) -> str:
    paragraphs = [part.strip() for part in path.read_text(encoding="utf-8").split("\n\n") if part.strip()]
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)


def load_video(campaign: CampaignPage, guides: dict[str, GuidePage], result: ContentResult) -> VideoPage | None:
    video_path = VIDEO_ASSETS / f"{VIDEO_STEM}.mp4"
    if not video_path.exists():
        return None
    existing = VideoPage.objects.child_of(campaign).filter(slug=f"video-{VIDEO_STEM}").first()
    if existing is not None:
        return existing

    guide = guides.get(VIDEO_GUIDE_SLUG)
    chapters = json.loads((VIDEO_ASSETS / "chapters.json").read_text(encoding="utf-8"))
    duration = chapters[-1]["start_seconds"] + 10 if chapters else 0
    poster_path = VIDEO_ASSETS / f"{VIDEO_STEM}-poster.jpg"

    Image, Document, Media = get_image_model(), get_document_model(), get_media_model()
    with _file(poster_path) as poster_file:
        poster = Image.objects.create(title="Ảnh đại diện video: Cài đặt VNeID", file=poster_file)
    with _file(video_path) as media_file, _file(poster_path) as thumbnail:
        media = Media.objects.create(
            title="Video hướng dẫn cài đặt VNeID",
            file=media_file,
            type="video",
            duration=duration,
            width=640,
            height=360,
            thumbnail=thumbnail,
        )

    video = VideoPage(
        title="Video: Cài đặt ứng dụng VNeID",
        slug=f"video-{VIDEO_STEM}",
        intro="Xem từng bước cài đặt ứng dụng VNeID và đăng ký tài khoản định danh điện tử, có phụ đề.",
        video_file=media,
        poster=poster,
        transcript=_transcript_html(VIDEO_ASSETS / f"{VIDEO_STEM}.transcript.vi.txt"),
    )
    for language in ("vi", "en"):
        caption_path = VIDEO_ASSETS / f"{VIDEO_STEM}.{language}.vtt"
        if caption_path.exists():
            with _file(caption_path) as caption_file:
                document = Document.objects.create(title=f"Phụ đề {language}: {video.title}", file=caption_file)
            video.captions.add(VideoCaption(language=language, file=document))
    for chapter in chapters:
        video.chapters.add(VideoChapter(start_seconds=chapter["start_seconds"], title=chapter["title"], guide=guide))
    campaign.add_child(instance=video)
    _publish(video)
    result.add(f"video {video.slug}")

    if guide is not None and guide.video_id is None:
        guide.video = video
        _publish(guide)
    return video


def set_main_guide(campaign: CampaignPage, guides: dict[str, GuidePage], result: ContentResult) -> None:
    """New codes of the demo campaign lead to its first guide (databases made before the field get it too)."""
    guide = guides.get(demo_content.MAIN_GUIDE_SLUG)
    if guide is None or campaign.main_guide_id is not None:
        return
    campaign.main_guide = guide
    _publish(campaign)
    result.add(f"hướng dẫn chính {guide.slug}")


def load_service_index(home: Page, result: ContentResult) -> ServiceIndexPage:
    index = ServiceIndexPage.objects.child_of(home).first()
    if index is not None:
        return index
    index = ServiceIndexPage(
        title="Dịch vụ công thiết yếu",
        slug=SERVICE_INDEX_SLUG,
        intro="<p>Các dịch vụ công trực tuyến thiết yếu mà người dân làm được trên Cổng dịch vụ công quốc gia.</p>",
    )
    home.add_child(instance=index)
    _publish(index)
    result.add("danh mục dịch vụ công")
    return index


def assign_demo_groups() -> None:
    """Demo users join the editor or approver group that their role needs to work on pages."""
    ensure_approval_workflow()
    groups = {name: Group.objects.get(name=name) for name in set(ROLE_GROUPS.values())}
    for membership in Membership.objects.filter(role__in=list(ROLE_GROUPS)).select_related("user"):
        membership.user.groups.add(groups[ROLE_GROUPS[Role(membership.role)]])


@transaction.atomic
def load_content(*, home: Page) -> ContentResult:
    result = ContentResult()
    metrics = load_metrics(result)
    load_services(result)
    campaign = load_campaign(home, metrics, result)
    set_campaign_owner(campaign, result)
    result.campaign = campaign
    guides = load_guides(campaign, result)
    load_video(campaign, guides, result)
    set_main_guide(campaign, guides, result)
    link_services_to_guides()
    load_service_index(home, result)
    assign_demo_groups()
    return result
