"""Safe text for spreadsheets and from the public: control characters out, formulas defused.

Every CSV and XLSX the product writes passes its cells through :func:`neutralise`; public
form posts and API bodies pass their text through :func:`clean_input` (see
``cms.middleware.ControlCharacterMiddleware`` and ``cms.api_parsers``). A spreadsheet
program would run a text cell starting with ``=``, ``+``, ``-`` or ``@`` (also after
leading blanks, or starting with a tab or carriage return) as a formula; such a cell gets
a leading apostrophe (the OWASP rule against CSV injection). Numbers stay numbers.
"""

import re

from django.http import QueryDict
from django.utils.functional import Promise

__all__ = [
    "FORMULA_STARTS",
    "clean_data",
    "clean_input",
    "clean_querydict",
    "neutralise",
    "neutralise_row",
    "strip_control",
]

#: Characters a spreadsheet reads as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# C0 controls except tab, newline and carriage return; DEL; C1 controls. XLSX (XML 1.0)
# cannot hold the C0 ones at all, and none of them belongs in a resident's text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Input keeps the null character: Django's and DRF's fields refuse it with a message.
INPUT_CONTROL_CHARACTERS = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_control(text):
    """``text`` without control characters; tab, newline and carriage return are kept.

    >>> strip_control("Kita\\x1b[31m Sonnenschein\\tOst\\r\\n")
    'Kita[31m Sonnenschein\\tOst\\r\\n'
    """
    return CONTROL_CHARACTERS.sub("", text)


def clean_input(text):
    """Posted ``text`` without control characters, except tab, newline, carriage return and
    the null character (which the form and serializer fields refuse with a message).

    >>> clean_input("Kita\\x1b Ost\\x00")
    'Kita Ost\\x00'
    """
    return INPUT_CONTROL_CHARACTERS.sub("", text)


def neutralise(value):
    """A spreadsheet cell that is safe to open; numbers, dates and ``None`` pass unchanged.

    Text loses its control characters and gets a leading apostrophe where a spreadsheet
    would read it as a formula.

    >>> neutralise("=HYPERLINK(1)"), neutralise("  -5"), neutralise("AWO\\x1b"), neutralise(-3)
    ("'=HYPERLINK(1)", "'  -5", 'AWO', -3)
    """
    if isinstance(value, Promise):
        value = str(value)
    if not isinstance(value, str):
        return value
    value = strip_control(value)
    if value.startswith(FORMULA_STARTS) or value.lstrip().startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_row(row):
    """:func:`neutralise` applied to every cell of ``row`` (a list)."""
    return [neutralise(value) for value in row]


def clean_data(data):
    """``data`` (parsed JSON: dicts, lists, strings, numbers) with :func:`clean_input` on
    every string, keys included; walks without recursion, so any depth the parser accepted
    is fine.

    >>> clean_data({"name\\x07": ["a\\x1bb", {"x": 1}]})
    {'name': ['ab', {'x': 1}]}
    """

    def clean(value):
        return clean_input(value) if isinstance(value, str) else value

    if not isinstance(data, (dict, list)):
        return clean(data)
    root = {} if isinstance(data, dict) else []
    stack = [(data, root)]
    while stack:
        source, target = stack.pop()
        items = source.items() if isinstance(source, dict) else enumerate(source)
        for key, value in items:
            if isinstance(value, (dict, list)):
                child = {} if isinstance(value, dict) else []
                stack.append((value, child))
            else:
                child = clean(value)
            if isinstance(target, dict):
                target[clean(key)] = child
            else:
                target.append(child)
    return root


def clean_querydict(data):
    """Form data (a ``QueryDict``) with :func:`clean_input` on every name and value.

    Returns ``data`` itself when nothing needed cleaning, else an immutable copy.

    >>> clean_querydict(QueryDict("name=A%1Bb&x=1")).dict()
    {'name': 'Ab', 'x': '1'}
    """
    lists = list(data.lists())
    if not any(
        INPUT_CONTROL_CHARACTERS.search(key)
        or any(INPUT_CONTROL_CHARACTERS.search(v) for v in values)
        for key, values in lists
    ):
        return data
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in lists:
        cleaned.setlist(clean_input(key), [clean_input(v) for v in values])
    cleaned._mutable = False
    return cleaned
