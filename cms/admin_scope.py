"""The admin's view of the instance, narrowed to the user's own projects, decided in one place.

Wagtail scopes editing through page, collection and site permissions, but several of its
listings (page chooser, reports, the admin API, wagtail-localize's translation report) list every
object, and its object views answer a redirect to the dashboard for an object the user may not
touch while a missing id answers 404. Here every admin address that names an object by id is
checked before its view runs: an object outside the user's projects answers 404, exactly like a
missing one, and the listings are filtered with the same querysets.
"""

from django.apps import apps
from django.db.models import Q
from django.http import Http404
from django.urls import Resolver404, resolve

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.models import Project

__all__ = [
    "AdminScopeMiddleware",
    "check_admin_object",
    "visible_documents",
    "visible_images",
    "visible_pages",
    "visible_translation_keys",
]

MEDIA_ACTIONS = ["add", "change", "delete", "choose"]
PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")


def _unrestricted(user):
    return user.is_active and user.is_superuser


def _project_roots(user):
    """Home pages of the user's projects in every language."""
    homes = Page.objects.filter(
        sites_rooted_here__project__in=Project.objects.for_user(user)
    ).values_list("translation_key", flat=True)
    return Page.objects.filter(translation_key__in=list(homes), depth=2)


def visible_pages(user, with_root=False):
    """Pages of the user's projects (every language, drafts included); all for superusers.

    ``with_root`` adds the tree's root page, which the explorer and chooser show as the way in.
    """
    if _unrestricted(user):
        return Page.objects.all()
    condition = Q(pk__in=[])
    for path in _project_roots(user).values_list("path", flat=True):
        condition |= Q(path__startswith=path)
    if with_root:
        condition |= Q(depth=1)
    return Page.objects.filter(condition)


def _visible_media(model, user):
    if _unrestricted(user):
        return model.objects.all()
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(model)
    return policy.instances_user_has_any_permission_for(user, MEDIA_ACTIONS)


def visible_images(user):
    """Images in the collections the user may work with."""
    return _visible_media(get_image_model(), user)


def visible_documents(user):
    """Documents in the collections the user may work with."""
    return _visible_media(get_document_model(), user)


def visible_translation_keys(user):
    """Translation keys of the translatable objects (pages) the user may see."""
    return visible_pages(user).values("translation_key")


def _visible_snippets(model, user):
    """Objects of a snippet model the user may see, or ``None`` when the model is not scoped."""
    for_user = getattr(model._default_manager, "for_user", None)
    if for_user is None:
        return None
    return for_user(user)


def _exists(queryset, pk):
    try:
        return queryset.filter(pk=pk).exists()
    except (TypeError, ValueError):
        return False


def _model(app_label, model_name):
    try:
        return apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return None


def _translation_visible(user, translation_id=None, source_id=None):
    from wagtail_localize.models import TranslationSource

    if translation_id is not None:
        sources = TranslationSource.objects.filter(translations__pk=translation_id)
    else:
        sources = TranslationSource.objects.filter(pk=source_id)
    source = sources.select_related("specific_content_type").first()
    if source is None:
        return False
    model = source.specific_content_type.model_class()
    if model is not None and issubclass(model, Page):
        return visible_pages(user).filter(translation_key=source.object_id).exists()
    scoped = _visible_snippets(model, user) if model is not None else None
    if scoped is not None:
        return scoped.filter(translation_key=source.object_id).exists()
    return True


def _snippet_model(match):
    """The snippet model a snippet or snippet chooser address works on, if any."""
    for namespace in match.namespaces:
        for prefix in ("wagtailsnippets_", "wagtailsnippetchoosers_"):
            if namespace.startswith(prefix):
                app_label, _, model_name = namespace[len(prefix) :].partition("_")
                return _model(app_label, model_name)
    return None


def check_admin_object(user, match):
    """Raise ``Http404`` when the admin address ``match`` names an object foreign to ``user``."""
    if _unrestricted(user):
        return
    kwargs = match.kwargs
    name = match.view_name
    for key in PAGE_KWARGS:
        if key in kwargs and not _exists(visible_pages(user, with_root=True), kwargs[key]):
            raise Http404
    pk = kwargs.get("pk")
    if pk is not None:
        if name.startswith(("wagtailadmin_pages:", "wagtailadmin_api:pages:")):
            if not _exists(visible_pages(user, with_root=True), pk):
                raise Http404
        elif name.startswith(("wagtailimages_chooser:", "wagtailadmin_api:images:")):
            if not _exists(visible_images(user), pk):
                raise Http404
        elif name.startswith(("wagtaildocs_chooser:", "wagtailadmin_api:documents:")):
            if not _exists(visible_documents(user), pk):
                raise Http404
        elif name.startswith("wagtailsettings:"):
            model = _model(kwargs.get("app_name"), kwargs.get("model_name"))
            if model is not None and issubclass(model, BaseSiteSetting):
                sites = Project.objects.for_user(user, role="editor").values("site_id")
                try:
                    if not Project.objects.filter(site_id=int(pk), site_id__in=sites).exists():
                        raise Http404
                except ValueError as error:
                    raise Http404 from error
        elif name.startswith("wagtail_localize:"):
            model = _model(kwargs.get("app_label"), kwargs.get("model_name"))
            scoped = _visible_snippets(model, user) if model is not None else None
            if scoped is not None and not _exists(scoped, pk):
                raise Http404
        else:
            model = _snippet_model(match)
            scoped = _visible_snippets(model, user) if model is not None else None
            if scoped is not None and not _exists(scoped, pk):
                raise Http404
    if "image_id" in kwargs and not _exists(visible_images(user), kwargs["image_id"]):
        raise Http404
    for key in ("document_id", "doc_id"):
        if key in kwargs and not _exists(visible_documents(user), kwargs[key]):
            raise Http404
    if "translation_id" in kwargs and not _translation_visible(
        user, translation_id=kwargs["translation_id"]
    ):
        raise Http404
    if "translation_source_id" in kwargs and not _translation_visible(
        user, source_id=kwargs["translation_source_id"]
    ):
        raise Http404


class AdminScopeMiddleware:
    """Answer 404 for an admin address naming an object outside the user's projects."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not view_kwargs:
            return None
        match = getattr(request, "resolver_match", None)
        if match is None:
            try:
                match = resolve(request.path_info)
            except Resolver404:
                return None
        if not match.route.startswith("admin/"):
            return None
        check_admin_object(user, match)
        return None
