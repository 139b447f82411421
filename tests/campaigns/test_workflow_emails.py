"""Workflow emails are written in the recipient's language: the one they chose, else Vietnamese, never the
sender's. Plain text and HTML parts, read from Django's locmem outbox."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.users.models import UserProfile

from campaigns.models import GuidePage
from tests.campaigns.test_approval import approver, editor, guide_form, ward  # noqa: F401 (fixtures)
from tests.factories.campaigns import CampaignPageFactory

pytestmark = pytest.mark.django_db

ENGLISH = ("Hello", "has been submitted", "You can", "rejected", "notification preferences")


def prefers(user, language: str) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def mail_to(user) -> mail.EmailMessage:
    messages = [message for message in mail.outbox if user.email in message.to]
    assert len(messages) == 1, [message.subject for message in mail.outbox]
    return messages[0]


def assert_vietnamese_plain_text(message) -> None:
    text = f"{message.subject}\n{message.body}"
    assert message.content_subtype == "plain" and message.body.strip()
    assert message.body.lstrip().startswith("Chào"), message.body
    assert not [word for word in ENGLISH if word in text], text


def submit(client, editor, campaign, title="Đăng ký tạm trú") -> GuidePage:  # noqa: F811
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=["campaigns", "guidepage", campaign.pk])
    assert client.post(add_url, {**guide_form(title), "action-submit": "1"}).status_code == 302
    return GuidePage.objects.get(title=title)


def reject(client, approver, guide) -> None:  # noqa: F811
    client.force_login(approver)
    task_state = guide.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[guide.pk, "reject", task_state.pk])
    assert client.post(url, {"comment": "Sửa bước 2"}).status_code in {200, 302}


def test_an_editor_working_in_english_still_writes_vietnamese_to_the_approver(client, editor, approver, ward):  # noqa: F811
    prefers(editor, "en")
    campaign = CampaignPageFactory(owner_unit=ward)
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=["campaigns", "guidepage", campaign.pk])
    assert "Save draft" in client.get(add_url).content.decode()  # the sender's admin is in English
    submit(client, editor, campaign)
    message = mail_to(approver)
    assert_vietnamese_plain_text(message)
    assert "Đăng ký tạm trú" in message.subject and "gửi duyệt" in message.subject


def test_a_rejection_reaches_the_editor_in_vietnamese_whatever_the_approvers_language(client, editor, approver, ward):  # noqa: F811
    prefers(approver, "en")
    guide = submit(client, editor, CampaignPageFactory(owner_unit=ward))
    mail.outbox.clear()
    reject(client, approver, guide)
    assert_vietnamese_plain_text(mail_to(editor))


def test_a_recipient_who_chose_english_reads_english(client, editor, approver, ward):  # noqa: F811
    prefers(editor, "en")
    guide = submit(client, editor, CampaignPageFactory(owner_unit=ward))
    mail.outbox.clear()
    reject(client, approver, guide)
    assert mail_to(editor).body.lstrip().startswith("Hello")


def html_part(message) -> str:
    assert isinstance(message, mail.EmailMultiAlternatives)
    parts = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    assert len(parts) == 1, message.alternatives
    return parts[0]


def test_a_vietnamese_html_part_with_loas_header_and_absolute_links(client, editor, approver, ward):  # noqa: F811
    guide = submit(client, editor, CampaignPageFactory(owner_unit=ward))
    message = mail_to(approver)
    assert_vietnamese_plain_text(message)
    html = html_part(message)
    assert '<html lang="vi"' in html and "Loa: truyền thông Đề án 06" in html
    assert "email-header.jpg" not in html  # Wagtail's header picture
    assert "Chào" in html and "Đăng ký tạm trú" in html
    assert not [word for word in ENGLISH if word in html], html
    links = re.findall(r'href="([^"]+)"', html)
    assert f"http://testserver/admin/pages/{guide.pk}/edit/" in links
    assert links and all(link.startswith("http://testserver/admin/") for link in links), links
    # A rejection: the editor's email too, both parts Vietnamese.
    mail.outbox.clear()
    reject(client, approver, guide)
    rejected = mail_to(editor)
    assert_vietnamese_plain_text(rejected)
    assert "Sửa bước 2" in html_part(rejected) and '<html lang="vi"' in html_part(rejected)


def test_a_recipient_who_chose_english_reads_both_parts_in_english(client, editor, approver, ward):  # noqa: F811
    prefers(approver, "en")
    submit(client, editor, CampaignPageFactory(owner_unit=ward))
    message = mail_to(approver)
    assert message.body.lstrip().startswith("Hello")
    assert '<html lang="en"' in html_part(message) and "Hello" in html_part(message)
