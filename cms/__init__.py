"""Quartiersnetz CMS: Django project, editorial pages, site settings and projects."""
