"""Wagtail's admin spreadsheet exports with every cell neutralised (see ``cms.spreadsheets``).

Wagtail writes the values of its CSV exports as they are: a visitor's ``=HYPERLINK(…)`` in a
contact-form submission or a search term (the search-terms report) reaches the spreadsheet as
a formula, and a control character makes the XLSX export fail. Every admin view with
Wagtail's ``SpreadsheetExportMixin`` (form submissions, reports, listings) shares the two
methods patched here, so one place covers the exports Wagtail and its apps bring along.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from cms.spreadsheets import neutralise

__all__ = ["neutralise_wagtail_exports"]


def neutralise_wagtail_exports():
    """Neutralise headings and values of every ``SpreadsheetExportMixin`` export (idempotent)."""
    if getattr(SpreadsheetExportMixin, "_cells_neutralised", False):
        return
    preprocess, heading = (
        SpreadsheetExportMixin.preprocess_field_value,
        SpreadsheetExportMixin.get_heading,
    )

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(preprocess(self, field, value, export_format))

    def get_heading(self, queryset, field):
        return neutralise(heading(self, queryset, field))

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.get_heading = get_heading
    SpreadsheetExportMixin._cells_neutralised = True
