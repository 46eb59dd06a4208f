"""Wagtail's and wagtail-localize's page reports, counting and listing only the user's pages."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.urls import path
from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page
from wagtail_localize.views.report import TranslationsReportView

from cms.admin_scope import visible_pages

__all__ = ["ScopedPageTypesUsageReportView", "ScopedTranslationsReportView", "urlpatterns"]


class ScopedPageTypesUsageReportView(PageTypesUsageReportView):
    """Page types with the number and the last edited of the user's own pages only."""

    def get_queryset(self):
        user = self.request.user
        if user.is_superuser:
            return super().get_queryset()
        pages = visible_pages(user)
        queryset = ContentType.objects.filter(model__in=self.page_models)
        page_type = ContentType.objects.get_for_model(Page)
        if not pages.filter(depth__gt=1, content_type=page_type).exists():
            queryset = queryset.exclude(id=page_type.id)
        self.queryset = queryset
        queryset = self.filter_queryset(queryset)
        language_code = self.filters.form.cleaned_data.get("page_locale", None)
        site_root_path = self.filters.form.cleaned_data.get("site", None)
        latest = pages.filter(content_type=OuterRef("pk"))
        counted = Q(pages__in=pages.values("pk"))
        if language_code:
            latest = latest.filter(locale__language_code=language_code)
            counted &= Q(pages__locale__language_code=language_code)
        if site_root_path:
            latest = latest.filter(path__startswith=site_root_path)
            counted &= Q(pages__path__startswith=site_root_path)
        latest = latest.order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        )
        queryset = queryset.annotate(
            count=Count("pages", filter=counted),
            last_edited_page_id=Subquery(latest.values("pk")[:1]),
        )
        return queryset.order_by("-count", "app_label", "model")


class ScopedTranslationsReportView(TranslationsReportView):
    """Translations of the user's own pages only."""

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if user.is_superuser:
            return queryset
        keys = visible_pages(user).values("translation_key")
        return queryset.filter(source__object_id__in=keys)


def _admin(view):
    return never_cache(require_admin_access(view))


# Mounted in front of the admin's own URLs, under the same addresses and names.
urlpatterns = [
    path(
        "admin/reports/page-types-usage/",
        _admin(ScopedPageTypesUsageReportView.as_view()),
        name="scoped_page_types_usage",
    ),
    path(
        "admin/reports/page-types-usage/results/",
        _admin(ScopedPageTypesUsageReportView.as_view(results_only=True)),
        name="scoped_page_types_usage_results",
    ),
    path(
        "admin/localize/reports/translations/",
        _admin(ScopedTranslationsReportView.as_view()),
        name="scoped_translations_report",
    ),
    path(
        "admin/localize/reports/translations/results/",
        _admin(ScopedTranslationsReportView.as_view(results_only=True)),
        name="scoped_translations_report_results",
    ),
]
