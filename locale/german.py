"""German ("Sie") forms of library messages the site shows, applied by `make messages`.

See ``cms/voice.py``: these msgids come from Django REST framework, whose German catalogue says
"du"; the project catalogue outranks it.
"""

DE = {
    "Enter a valid URL.": "Bitte geben Sie eine gültige Adresse (URL) ein.",
    "Enter a valid email address.": "Bitte geben Sie eine gültige E-Mail-Adresse ein.",
    'Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.': "Bitte geben Sie ein gültiges Kürzel aus Buchstaben, Ziffern, Unterstrichen oder Bindestrichen ein.",
    'Enter a valid "slug" consisting of Unicode letters, numbers, underscores, or hyphens.': "Bitte geben Sie ein gültiges Kürzel aus Unicode-Buchstaben, Ziffern, Unterstrichen oder Bindestrichen ein.",
    "Ensure this field has at least {min_length} characters.": "Bitte geben Sie mindestens {min_length} Zeichen ein.",
    "Ensure this field has no more than {max_length} characters.": "Bitte geben Sie höchstens {max_length} Zeichen ein.",
    "Ensure this filename has at most {max_length} characters (it has {length}).": "Der Dateiname darf höchstens {max_length} Zeichen lang sein (er hat {length}).",
    "Ensure this value is greater than or equal to {min_value}.": "Der Wert muss größer oder gleich {min_value} sein.",
    "Ensure this value is less than or equal to {max_value}.": "Der Wert muss kleiner oder gleich {max_value} sein.",
    "Ensure that there are no more than {max_digits} digits in total.": "Die Zahl darf insgesamt höchstens {max_digits} Ziffern haben.",
    "Ensure that there are no more than {max_decimal_places} decimal places.": "Die Zahl darf höchstens {max_decimal_places} Nachkommastellen haben.",
    "Ensure that there are no more than {max_whole_digits} digits before the decimal point.": "Die Zahl darf höchstens {max_whole_digits} Stellen vor dem Komma haben.",
}
