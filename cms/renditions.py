"""Image renditions are made when an image is saved, never while a visitor waits for a page.

The filter specs are read from the templates (every ``{% image … spec %}``), so a template
that starts using a new size gets it pre-generated without a second list to keep in step.
"""

import functools
import re
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save

from wagtail.images import get_image_model

SPEC_IN_TEMPLATE = re.compile(r"{%\s*image\s+\S+\s+((?:[a-z]+-[\w.]+\|?)+)")
#: Specs used from Python code (Open Graph meta data) rather than from a template tag.
CODE_SPECS = {"fill-1200x630"}


def _template_dirs():
    dirs = []
    for engine in settings.TEMPLATES:
        dirs.extend(Path(d) for d in engine.get("DIRS", []))
    return dirs


@functools.cache
def filter_specs():
    """Every rendition filter spec the site's templates and code ask for, sorted."""
    specs = set(CODE_SPECS)
    for directory in _template_dirs():
        for template in directory.rglob("*.html"):
            specs.update(
                m.group(1).strip("|") for m in SPEC_IN_TEMPLATE.finditer(template.read_text())
            )
    return sorted(specs)


def generate_renditions(image):
    """Create (or find) every rendition the site uses for ``image``; return them."""
    if not image.file:
        return []
    return list(image.get_renditions(*filter_specs()).values())


def _on_image_saved(sender, instance, **kwargs):
    transaction.on_commit(lambda: generate_renditions(instance))


def connect():
    post_save.connect(
        _on_image_saved, sender=get_image_model(), dispatch_uid="pregenerate_renditions"
    )
