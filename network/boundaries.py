"""Checks of district boundaries (GeoJSON in EPSG:4326) with shapely, in German.

shapely is imported inside the function: web workers must not load it at start-up.
The ring-closure check is done here before shapely sees the coordinates, because shapely
closes open rings silently instead of reporting them.
"""

import json

from django.utils.translation import gettext as _

__all__ = ["BoundaryError", "validate_boundary", "parse_boundary"]

GEOMETRY_TYPES = ("Polygon", "MultiPolygon")


class BoundaryError(ValueError):
    """The boundary is no valid polygon; the message says why, in German."""


def _polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def _check_rings(geometry):
    polygons = _polygons(geometry)
    if not isinstance(polygons, list) or not polygons:
        raise BoundaryError(_("Die Grenze enthält keine Koordinaten."))
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            raise BoundaryError(_("Ein Polygon der Grenze hat keinen Ring."))
        for ring in polygon:
            if not isinstance(ring, list) or len(ring) < 4:
                raise BoundaryError(
                    _(
                        "Ein Ring der Grenze braucht mindestens vier Punkte (der letzte = der erste)."
                    )
                )
            for point in ring:
                if (
                    not isinstance(point, list | tuple)
                    or len(point) < 2
                    or not all(isinstance(c, int | float) for c in point[:2])
                ):
                    raise BoundaryError(
                        _("Ein Punkt der Grenze ist kein Zahlenpaar [Länge, Breite].")
                    )
                lon, lat = point[0], point[1]
                if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                    raise BoundaryError(
                        _(
                            "Der Punkt [%(lon)s, %(lat)s] liegt außerhalb von WGS 84 (EPSG:4326): "
                            "Länge −180…180, Breite −90…90. Ist die Datei in einem anderen "
                            "Koordinatensystem (z. B. UTM)?"
                        )
                        % {"lon": lon, "lat": lat}
                    )
            if list(ring[0][:2]) != list(ring[-1][:2]):
                raise BoundaryError(
                    _(
                        "Ein Ring der Grenze ist nicht geschlossen (der letzte Punkt muss der erste sein)."
                    )
                )


def parse_boundary(value):
    """The geometry dict of ``value`` (a dict, a JSON text, a Feature or a FeatureCollection
    with one feature)."""
    if isinstance(value, str | bytes):
        try:
            value = json.loads(value)
        except ValueError as error:
            raise BoundaryError(_("Die Grenze ist kein gültiges GeoJSON.")) from error
    if not isinstance(value, dict):
        raise BoundaryError(_("Die Grenze ist kein GeoJSON-Objekt."))
    if value.get("type") == "FeatureCollection":
        features = value.get("features") or []
        if len(features) != 1:
            raise BoundaryError(_("Bitte genau eine Fläche je Einheit angeben."))
        value = features[0]
    if value.get("type") == "Feature":
        value = value.get("geometry") or {}
    return value


def validate_boundary(value):
    """The checked GeoJSON geometry of ``value``; raises :class:`BoundaryError` otherwise.

    >>> square = {"type": "Polygon", "coordinates": [[[7, 49], [7.1, 49], [7.1, 49.1], [7, 49]]]}
    >>> validate_boundary(square)["type"]
    'Polygon'
    >>> validate_boundary({"type": "Point", "coordinates": [7, 49]})
    Traceback (most recent call last):
    ...
    network.boundaries.BoundaryError: Die Grenze muss ein Polygon oder MultiPolygon sein, nicht „Point“.
    """
    from shapely.geometry import shape
    from shapely.validation import explain_validity

    geometry = parse_boundary(value)
    kind = geometry.get("type")
    if kind not in GEOMETRY_TYPES:
        raise BoundaryError(
            _("Die Grenze muss ein Polygon oder MultiPolygon sein, nicht „%s“.") % kind
        )
    _check_rings(geometry)
    try:
        shapely_geometry = shape(geometry)
    except (ValueError, TypeError, AttributeError) as error:
        raise BoundaryError(_("Die Grenze lässt sich nicht als Fläche lesen.")) from error
    if not shapely_geometry.is_valid:
        raise BoundaryError(
            _("Die Grenze ist kein gültiges Polygon (%s), z. B. weil sie sich selbst schneidet.")
            % explain_validity(shapely_geometry)
        )
    if shapely_geometry.is_empty or shapely_geometry.area == 0:
        raise BoundaryError(_("Die Grenze umschließt keine Fläche."))
    return {"type": kind, "coordinates": geometry["coordinates"]}
