"""Uploads are limited to harmless types and sizes; documents are never shown inline as web pages."""

import io

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

import pytest
from PIL import Image as PILImage

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
ACTIVE_TYPES = {"html", "htm", "xhtml", "svg", "svgz", "xml", "js", "mjs", "swf", "exe", "php"}


def png_bytes(size=(4, 4)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def admin_client_(db, client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "pw-1234-abcd")
    client.force_login(user)
    return client


def upload(client, kind, name, content):
    collection = Collection.get_first_root_node()
    return client.post(
        f"/admin/{kind}/add/",
        {"title": name, "collection": collection.pk, "file": SimpleUploadedFile(name, content)},
    )


def test_allowed_extensions_exclude_active_content():
    assert ACTIVE_TYPES.isdisjoint(settings.WAGTAILDOCS_EXTENSIONS)
    assert ACTIVE_TYPES.isdisjoint(settings.WAGTAILIMAGES_EXTENSIONS)
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024


@pytest.mark.parametrize(
    ("kind", "name", "content"),
    [
        ("images", "logo.svg", SVG),
        ("images", "seite.html", HTML),
        ("images", "getarnt.png", HTML),
        ("documents", "seite.html", HTML),
        ("documents", "grafik.svg", SVG),
    ],
)
def test_active_content_uploads_are_refused(admin_client_, kind, name, content):
    model = get_image_model() if kind == "images" else get_document_model()
    response = upload(admin_client_, kind, name, content)
    assert response.status_code == 400  # the form again, with its error
    assert response.context["form"].errors["file"]
    assert model.objects.count() == 0


def test_oversized_image_is_refused(admin_client_):
    content = png_bytes() + b"\0" * settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    response = upload(admin_client_, "images", "riesig.png", content)
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert get_image_model().objects.count() == 0


def test_oversized_document_is_refused(admin_client_):
    content = b"a" * (settings.WAGTAILDOCS_MAX_UPLOAD_SIZE + 1)
    response = upload(admin_client_, "documents", "riesig.txt", content)
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert get_document_model().objects.count() == 0


def test_a_normal_image_is_accepted(admin_client_):
    response = upload(admin_client_, "images", "foto.png", png_bytes())
    assert response.status_code == 302
    assert get_image_model().objects.count() == 1


def test_document_with_html_inside_is_served_as_attachment_without_sniffing(admin_client_, client):
    response = upload(admin_client_, "documents", "notiz.txt", HTML)
    assert response.status_code == 302
    document = get_document_model().objects.get()
    served = client.get(document.url)
    assert served.status_code == 200
    assert served["Content-Type"].startswith("text/plain")
    assert served["Content-Disposition"].startswith("attachment")
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Security-Policy"] == "default-src 'none'"
