"""Institution types and sectors of the demo networks, without Django (benchmarks read them too)."""

__all__ = ["SECTORS", "TYPES"]

TYPES = [
    "Verein",
    "Behörde/Amt",
    "Schule",
    "Kita",
    "Religionsgemeinschaft",
    "Migrantenorganisation",
    "Wohlfahrtsverband",
    "Beratungsstelle",
    "Initiative",
    "Unternehmen",
    "Politik",
    "Sonstige",
]
SECTORS = [
    "Bildung",
    "Sprache",
    "Arbeit",
    "Wohnen",
    "Gesundheit",
    "Kultur",
    "Sport",
    "Religion",
    "Jugend",
    "Senioren",
    "Familie",
    "Beratung",
]
