from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    """What a campaign says: campaigns, guides, video walkthroughs, services, ward help desks."""

    name = "campaigns"
    verbose_name = "Chiến dịch"
