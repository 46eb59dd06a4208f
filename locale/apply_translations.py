"""Fill the English and Arabic msgstrs from english.py and arabic.py and tidy the headers.

Run by `make messages` after makemessages. The dictionaries are the source of the
translations: a catalogue that conflicts after a rebase is regenerated, never merged by
hand. Entries that makemessages guessed ("fuzzy") and the dictionaries do not know are
emptied, so no guessed text ever reaches a page; obsolete entries are dropped.
"""

import re
import sys
from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from arabic import AR  # noqa: E402
from english import EN  # noqa: E402
from german import DE  # noqa: E402

# German msgids are their own text, except library messages given their "Sie" form (german.py);
# those msgids are English already, so English keeps them as they are.
TRANSLATIONS = {"de": DE, "en": {**{msgid: msgid for msgid in DE}, **EN}, "ar": AR}
TEAMS = {"de": "Quartiersnetz", "en": "Quartiersnetz", "ar": "Quartiersnetz (Arabic)"}


def plural_count(po):
    """The number of plural forms the catalogue's header declares (2 without one)."""
    header = po.metadata.get("Plural-Forms", "")
    return int(re.search(r"nplurals\s*=\s*(\d+)", header).group(1)) if header else 2


def apply(entry, value, count):
    """Set the msgstr (or the ``count`` plural forms, given as a tuple) of ``entry``."""
    if entry.msgid_plural:
        forms = value if isinstance(value, tuple) else (value,)
        entry.msgstr_plural = {i: forms[min(i, len(forms) - 1)] for i in range(count)}
    else:
        entry.msgstr = value[0] if isinstance(value, tuple) else value


for language, translations in TRANSLATIONS.items():
    po = polib.pofile(str(HERE / language / "LC_MESSAGES" / "django.po"))
    po.metadata_is_fuzzy = False
    po.metadata["Language"] = language
    po.metadata["Project-Id-Version"] = "Quartiersnetz"
    po.metadata["Language-Team"] = TEAMS[language]
    for entry in po.obsolete_entries():
        po.remove(entry)
    count = plural_count(po)
    for entry in po:
        if entry.msgid in translations:
            apply(entry, translations[entry.msgid], count)
        elif "fuzzy" in entry.flags or (entry.msgid_plural and len(entry.msgstr_plural) != count):
            entry.msgstr = ""
            entry.msgstr_plural = {i: "" for i in range(count)} if entry.msgid_plural else {}
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        entry.previous_msgid_plural = None
    po.save()
    print(f"{language}: {po.percent_translated()}% of {len(po)} strings translated")
