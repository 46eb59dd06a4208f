"""Fill the English msgstrs from locale/english.py and tidy both headers (run by `make messages`)."""

import sys
from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from english import EN  # noqa: E402

for language in ("de", "en"):
    po = polib.pofile(str(HERE / language / "LC_MESSAGES" / "django.po"))
    po.metadata_is_fuzzy = False
    po.metadata["Language"] = language
    po.metadata["Project-Id-Version"] = "Quartiersnetz"
    po.metadata["Language-Team"] = "Quartiersnetz"
    if language == "en":
        for entry in po:
            if entry.msgid in EN and not entry.msgid_plural:
                entry.msgstr = EN[entry.msgid]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
    po.save()
    print(f"{language}: {po.percent_translated()}% of {len(po)} strings translated")
