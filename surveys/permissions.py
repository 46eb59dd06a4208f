"""Who may build and evaluate surveys: the editors and managers of the survey's project."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404

from wagtail.permission_policies.base import BasePermissionPolicy

from cms.models import Project, user_can_access_project

__all__ = ["SurveyPermissionPolicy"]


class SurveyPermissionPolicy(BasePermissionPolicy):
    """Project membership (editor or manager group) grants every action on its surveys.

    A survey of another project does not exist for the user: instance checks raise
    ``Http404`` instead of answering "no", so no admin view reveals it.
    """

    def user_has_permission(self, user, action):
        return Project.objects.for_user(user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        project = getattr(instance, "project", None)
        if project is None:
            return self.user_has_permission(user, action)
        if not user_can_access_project(user, project):
            raise Http404
        return True

    def instances_user_has_any_permission_for(self, user, actions):
        return self.model._default_manager.filter(project__in=Project.objects.for_user(user))

    def users_with_any_permission(self, actions):
        groups = Project.objects.values_list("editor_group", "manager_group")
        group_ids = {gid for pair in groups for gid in pair if gid}
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__in=group_ids), is_active=True)
            .distinct()
        )

    def users_with_any_permission_for_instance(self, actions, instance):
        project = instance.project
        group_ids = [g for g in (project.editor_group_id, project.manager_group_id) if g]
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__in=group_ids), is_active=True)
            .distinct()
        )
