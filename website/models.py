"""The project's own models: only the two-factor setup codes (website/two_factor/models.py)."""

from website.two_factor.models import TwoFactorSetupCode

__all__ = ["TwoFactorSetupCode"]
