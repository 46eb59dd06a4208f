"""Uploaded text files decode from every encoding spreadsheet programs write; others are refused."""

import codecs
import random

import pytest

from cms.textfiles import UndecodableFile, decode_text

TEXT = "name;stadtteil\r\nBürgerhaus Büttgen;Büttgen\r\nFörderverein Straße e. V.;Holzbüttgen\r\n"


@pytest.mark.parametrize(
    "content",
    [
        TEXT.encode("cp850"),  # Excel "CSV (MS-DOS)": ü is 0x81, ö 0x94, ß 0xe1
        TEXT.encode("cp1252"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with its byte-order mark, as Excel's "Unicode-Text"
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    ],
    ids=["cp850", "cp1252", "utf-8-bom", "utf-8", "utf-16", "utf-16-be"],
)
def test_every_spreadsheet_encoding_gives_the_exact_umlauts(content):
    assert decode_text(content) == TEXT


def test_cp850_bytes_are_read_as_cp850_not_cp1252():
    assert TEXT.encode("cp850")[17:18] == b"\x81"  # undefined in cp1252
    assert decode_text("Straße;Düsseldorf".encode("cp850")) == "Straße;Düsseldorf"


def test_random_bytes_are_refused_naming_the_line():
    rng = random.Random(3)
    content = b"name\nKita\n" + bytes(rng.getrandbits(8) for _ in range(300))
    with pytest.raises(UndecodableFile) as caught:
        decode_text(content)
    assert caught.value.line == 3
    assert str(caught.value) == (
        "Zeile 3: Die Datei lässt sich nicht als Text lesen (weder UTF-8, UTF-16, Windows-1252 "
        "noch DOS-850). Bitte in der Tabellenkalkulation als „CSV UTF-8“ speichern und erneut "
        "hochladen."
    )


def test_broken_utf16_and_binary_control_bytes_are_refused():
    with pytest.raises(UndecodableFile) as caught:
        decode_text(codecs.BOM_UTF16_LE + "a\nb\nc".encode("utf-16-le")[:-1])
    assert caught.value.line == 3
    with pytest.raises(UndecodableFile) as caught:
        decode_text(b"name\nA\nB\x00\x01C\n")
    assert caught.value.line == 3
