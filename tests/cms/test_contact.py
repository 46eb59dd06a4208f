"""The contact form stores and mails valid messages; consent, honeypot, fill time and rate limit."""

import re

from django.core import mail
from django.core.cache import cache
from django.test import override_settings

from wagtail.contrib.forms.models import FormSubmission

from cms.spam import sign_timestamp
from tests.cms.demo_case import DemoContentTestCase
from tests.demo_data import contact_message

HOST = {"host": "kaarst.localhost"}


class ContactFormTests(DemoContentTestCase):
    def valid_data(self, **changes):
        return contact_message(**changes)

    def post(self, data):
        return self.client.post("/kontakt/", data, headers=HOST)

    def test_form_shows_consent_linking_the_privacy_page(self):
        response = self.client.get("/kontakt/", headers=HOST)
        self.assertContains(response, 'href="/datenschutz/"')
        self.assertContains(response, 'name="website"')
        self.assertContains(response, 'name="form_started"')

    def test_spam_trap_is_hidden_from_screen_readers_as_in_the_survey(self):
        html = self.client.get("/kontakt/", headers=HOST).content.decode()
        trap = re.search(r'<div class="qn-hp"[^>]*>.*?<input [^>]*name="website"[^>]*>', html, re.S)
        self.assertIsNotNone(trap)
        self.assertIn('<div class="qn-hp" aria-hidden="true">', trap.group(0))
        self.assertIn('tabindex="-1"', trap.group(0))

    def test_valid_submission_is_stored_once_and_mailed_once(self):
        response = self.post(self.valid_data())
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "cms/contact_page_landing.html")
        submission = FormSubmission.objects.get()
        data = submission.get_data()
        self.assertEqual(data["name"], "Erika Mustermann")
        self.assertNotIn("website", submission.form_data)
        self.assertNotIn("form_started", submission.form_data)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["integration@kaarst.example.org"])
        self.assertIn("Ich möchte Bücher spenden.", mail.outbox[0].body)

    def test_missing_consent_gives_german_error_and_stores_nothing(self):
        response = self.post(self.valid_data(consent=None))
        self.assertEqual(response.status_code, 400)
        self.assertFormError(
            response.context["form"],
            "consent",
            "Bitte stimmen Sie der Datenschutzerklärung zu, damit wir Ihre Nachricht "
            "bearbeiten dürfen.",
        )
        self.assertContains(
            response, "Bitte stimmen Sie der Datenschutzerklärung zu", status_code=400
        )
        self.assertFalse(FormSubmission.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_filled_honeypot_stores_and_sends_nothing(self):
        response = self.post(self.valid_data(website="http://spam.example"))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(FormSubmission.objects.exists())
        self.assertEqual(mail.outbox, [])

    @override_settings(FORM_MIN_FILL_SECONDS=60)
    def test_too_fast_submission_is_refused(self):
        response = self.post(self.valid_data())
        self.assertContains(response, "Das ging sehr schnell", status_code=400)
        self.assertFalse(FormSubmission.objects.exists())

    def test_forged_timestamp_is_refused(self):
        response = self.post(self.valid_data(form_started="12345:forged"))
        self.assertContains(response, "Das Formular ist abgelaufen", status_code=400)
        self.assertFalse(FormSubmission.objects.exists())

    @override_settings(FORM_RATE_LIMIT="2/h")
    def test_rate_limit_per_client(self):
        self.assertEqual(self.post(self.valid_data()).status_code, 200)
        self.assertEqual(self.post(self.valid_data()).status_code, 200)
        third = self.post(self.valid_data())
        self.assertEqual(third.status_code, 429)
        self.assertContains(third, "sehr viele Nachrichten", status_code=429)
        self.assertEqual(FormSubmission.objects.count(), 2)
        # Another client is not affected.
        other = self.client.post(
            "/kontakt/", self.valid_data(), headers=HOST, REMOTE_ADDR="10.0.0.9"
        )
        self.assertEqual(other.status_code, 200)
        self.assertEqual(FormSubmission.objects.count(), 3)
        # The cache holds keyed hashes, never the addresses themselves.
        keys = [key for key in cache._cache if "ratelimit:contact:" in key]
        self.assertEqual(len(keys), 2)
        self.assertFalse([key for key in keys if "127.0.0.1" in key or "10.0.0.9" in key])


class TranslatedContactFormTests(DemoContentTestCase):
    """Residents write in their language; staff get every message stored and mailed in German."""

    def fields(self, path):
        html = self.client.get(path, headers=HOST).content.decode()
        labels = re.findall(r'<label class="kern-label" for="id_(\w+)">\s*([^<*]+?)\s*[<*]', html)
        options = re.findall(r'<option value="([^"]+)"', html)
        return labels, options

    def test_labels_and_options_are_in_the_page_language_names_stay_german(self):
        names = ["name", "e_mail", "telefon", "anliegen", "nachricht"]
        expected = {
            "/kontakt/": (
                ["Name", "E-Mail", "Telefon", "Anliegen", "Nachricht"],
                ["Ehrenamtlich engagieren", "Spenden", "Frage", "Sonstiges"],
            ),
            "/en/kontakt/": (
                ["Name", "Email", "Phone", "Your request", "Message"],
                ["Volunteering", "Donating", "Question", "Other"],
            ),
            "/ar/kontakt/": (
                ["الاسم", "البريد الإلكتروني", "الهاتف", "موضوع الرسالة", "الرسالة"],
                ["التطوع", "التبرع", "سؤال", "أمر آخر"],
            ),
        }
        for path, (labels, options) in expected.items():
            with self.subTest(path=path):
                shown, shown_options = self.fields(path)
                self.assertEqual([name for name, _label in shown][:5], names)
                self.assertEqual([label for _name, label in shown][:5], labels)
                self.assertEqual(shown_options, options)

    def test_arabic_message_is_stored_and_mailed_in_german(self):
        response = self.client.post(
            "/ar/kontakt/",
            {
                "name": "ليلى",
                "e_mail": "laila@example.org",
                "anliegen": "سؤال",
                "nachricht": "متى يبدأ مقهى اللغة؟",
                "consent": "on",
                "form_started": sign_timestamp(),
            },
            headers=HOST,
        )
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "cms/contact_page_landing.html")
        submission = FormSubmission.objects.get()
        self.assertEqual(submission.page.locale.language_code, "ar")
        self.assertEqual(
            submission.form_data,
            {
                "name": "ليلى",
                "e_mail": "laila@example.org",
                "telefon": "",
                "anliegen": "Frage",
                "nachricht": "متى يبدأ مقهى اللغة؟",
                "consent": True,
            },
        )
        self.assertEqual(
            mail.outbox[0].body,
            "Name: ليلى\n"
            "E-Mail: laila@example.org\n"
            "Telefon: \n"
            "Anliegen: Frage\n"
            "Nachricht: متى يبدأ مقهى اللغة؟\n"
            "Einwilligung: ja\n"
            "Sprache des Formulars: Arabisch",
        )

    def test_a_field_an_editor_adds_takes_the_language_of_its_page(self):
        from cms.models import ContactPage, FormField

        for language in ("de", "ar"):
            with self.subTest(language=language):
                page = ContactPage.objects.get(
                    url_path__endswith="/kontakt/",
                    locale__language_code=language,
                    url_path__startswith="/kaarst",
                )
                page.form_fields.add(
                    FormField(label=f"Rückruf {language}", field_type="singleline")
                )
                page.save_revision().publish()
                field = FormField.objects.get(label=f"Rückruf {language}")
                self.assertEqual(field.locale.language_code, language)
                self.assertEqual(field.clean_name, f"ruckruf_{language}")
