"""Wagtail hooks of the monitoring app: demo data (admin area follows in admin_views)."""

from monitoring import demo  # noqa: F401  (registers the load_demo_data hook)
