"""German messages in one voice: the site says "Sie", so do the libraries' messages it shows.

Django REST framework's German catalogue speaks with "du" ("Gib eine gültige URL ein."). As an
installed app it outranks Django's own catalogue for the messages both define, so the contact
form's e-mail field said "Gib eine gültige E-Mail Adresse an." to residents, and the API answered
managers in "du" while the admin says "Sie". The project catalogue (``LOCALE_PATHS``) outranks
every app: the msgids below bring those library messages into it, and ``locale/german.py`` gives
them their "Sie" form. ``tests/cms/test_voice.py`` finds any new "du" message of these catalogues.
"""

from django.utils.translation import gettext_noop

LIBRARY_MESSAGES = (
    gettext_noop("Enter a valid URL."),
    gettext_noop("Enter a valid email address."),
    gettext_noop('Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'),
    gettext_noop(
        'Enter a valid "slug" consisting of Unicode letters, numbers, underscores, or hyphens.'
    ),
    gettext_noop("Ensure this field has at least {min_length} characters."),
    gettext_noop("Ensure this field has no more than {max_length} characters."),
    gettext_noop("Ensure this filename has at most {max_length} characters (it has {length})."),
    gettext_noop("Ensure this value is greater than or equal to {min_value}."),
    gettext_noop("Ensure this value is less than or equal to {max_value}."),
    gettext_noop("Ensure that there are no more than {max_digits} digits in total."),
    gettext_noop("Ensure that there are no more than {max_decimal_places} decimal places."),
    gettext_noop(
        "Ensure that there are no more than {max_whole_digits} digits before the decimal point."
    ),
)
