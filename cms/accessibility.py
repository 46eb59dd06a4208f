"""Wagtail's accessibility checker for editors, set to the rule set the public site is tested with."""

from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem

#: The WCAG 2.1 A/AA rules of axe-core, as in ``tests/e2e/test_accessibility.py``.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class WcagCheckerItem(ContentCheckerItem):
    """The userbar and editor "checks" panel run every WCAG 2.1 A/AA rule of axe-core."""

    axe_run_only = WCAG_TAGS


@hooks.register("construct_wagtail_userbar")
def use_wcag_rule_set(request, items, page=None):
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, WcagCheckerItem):
            items[index] = WcagCheckerItem(in_editor=item.in_editor)
