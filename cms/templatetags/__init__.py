"""Template tags of the CMS app."""
