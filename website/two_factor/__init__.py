"""Two-factor login for the Wagtail admin: TOTP devices from django-otp, a step after the password.

Why a step after the password rather than a field on the login form: the same step serves
enrolment (a user who must use two factors but has no device yet) and verification, the
login form stays Wagtail's own, and the form does not tell an attacker which accounts have
a device. RequireTwoFactorMiddleware keeps every other admin page closed until the step is done.
"""
