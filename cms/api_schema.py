"""OpenAPI schema hooks: the published schema describes our own REST API only."""

API_PREFIX = "/api/v1/"


def only_own_api(endpoints, **kwargs):
    """Keep the endpoints under ``/api/v1/``; Wagtail's admin and pages APIs are not ours to publish."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PREFIX)]
