"""Demo content of both projects (filled in by the CMS work)."""


def load(stdout=None):
    """Create or update both projects with their sites and pages; return them by slug."""
    return {}


def load_users(projects, stdout=None):
    """Create the demo users; return the new password or None if nothing was created."""
    return None
