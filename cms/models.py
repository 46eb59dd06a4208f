"""The models of the CMS app, gathered from their modules so that Django registers them.

Projects live in ``cms.projects``, the proof of erasure in ``cms.erasure``, page types in ``cms.pages``, site settings in
``cms.site_settings`` and snippets in ``cms.snippets``; none of them imports this module at
import time, so there is no cycle. ``from cms.models import Project`` keeps working.
"""

from cms.erasure import ErasureRecord
from cms.pages import *  # noqa: F403
from cms.pages import __all__ as _page_names
from cms.projects import Project, ProjectQuerySet, user_can_access_project
from cms.site_settings import (
    OfficeHourException,
    OfficeHourSlot,
    SiteSettings,
)
from cms.snippets import OfferLanguage, Person, TargetGroup, Weekday

__all__ = [
    "ErasureRecord",
    "OfferLanguage",
    "OfficeHourException",
    "OfficeHourSlot",
    "Person",
    "Project",
    "ProjectQuerySet",
    "SiteSettings",
    "TargetGroup",
    "Weekday",
    "user_can_access_project",
    *_page_names,
]
