"""Registry of personal data: each app declares its models here; rights and retention follow."""

from cms.privacy.registry import (
    Declaration,
    Exemption,
    Retention,
    Subject,
    declarations,
    exemptions,
    register,
    register_exemption,
)

__all__ = [
    "Declaration",
    "Exemption",
    "Retention",
    "Subject",
    "declarations",
    "exemptions",
    "register",
    "register_exemption",
]
