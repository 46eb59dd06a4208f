"""Decoding of uploaded text files (CSV) whatever encoding the spreadsheet program chose.

Excel and LibreOffice save CSV as UTF-8 (with or without byte-order mark), UTF-16
("Unicode-Text"), Windows-1252 ("CSV (Trennzeichen-getrennt)") or DOS code page 850
("CSV (MS-DOS)"). A byte-order mark or valid UTF-8 decides at once; otherwise
charset-normalizer chooses between the two legacy code pages by which reads as text.
What none of them reads as text (binary data, other code pages) is refused with the line
of the first byte that does not fit.
"""

import codecs
import re

from django.utils.translation import gettext as _

from charset_normalizer import from_bytes

__all__ = ["LEGACY_ENCODINGS", "UndecodableFile", "decode_text"]

#: The code pages besides UTF-8/UTF-16 that German spreadsheet programs write.
LEGACY_ENCODINGS = ["cp1252", "cp850"]

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters no text file holds (tab, newline, carriage return and form feed are fine;
# a null character is left to the importer, which names its cell).
BINARY = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f]")


class UndecodableFile(ValueError):
    """The bytes are no text in any supported encoding; ``line`` is where it shows (1-based)."""

    def __init__(self, line):
        self.line = line
        super().__init__(
            _(
                "Zeile %(line)d: Die Datei lässt sich nicht als Text lesen (weder UTF-8, "
                "UTF-16, Windows-1252 noch DOS-850). Bitte in der Tabellenkalkulation als "
                "„CSV UTF-8“ speichern und erneut hochladen."
            )
            % {"line": line}
        )


def _line_of(text, index):
    return text.count("\n", 0, index) + 1


def _checked(text):
    found = BINARY.search(text)
    if found:
        raise UndecodableFile(_line_of(text, found.start()))
    return text


def decode_text(content):
    """The text of ``content`` (bytes); raises :class:`UndecodableFile` naming the line.

    >>> decode_text("Bürgerhaus;Straße".encode("cp850"))
    'Bürgerhaus;Straße'
    >>> decode_text(b"\\xef\\xbb\\xbfK\\xc3\\xb6ln")
    'Köln'
    """
    for bom, encoding in BOMS:
        if content.startswith(bom):
            try:
                return _checked(content.decode(encoding))
            except UnicodeDecodeError as error:
                raise UndecodableFile(content[: error.start].count(b"\n") + 1) from error
    try:
        return _checked(content.decode("utf-8"))
    except UnicodeDecodeError as error:
        first_bad_line = content[: error.start].count(b"\n") + 1
    match = from_bytes(content, cp_isolation=LEGACY_ENCODINGS).best()
    if match is None:
        raise UndecodableFile(first_bad_line)
    return _checked(str(match))
