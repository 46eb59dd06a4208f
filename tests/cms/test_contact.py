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

    def test_the_required_topic_starts_empty_and_must_be_chosen(self):
        html = self.client.get("/kontakt/", headers=HOST).content.decode()
        select = re.search(r'<select [^>]*name="anliegen"[^>]*>(.*?)</select>', html, re.S)
        self.assertIsNotNone(select)
        first = re.search(r"<option[^>]*>[^<]*</option>", select.group(1)).group(0)
        self.assertEqual(first, '<option value="" selected>Bitte wählen</option>')
        self.assertNotIn("selected", select.group(1).replace(first, ""))
        response = self.post(self.valid_data(anliegen=""))
        self.assertEqual(response.status_code, 400)
        self.assertFormError(
            response.context["form"], "anliegen", "Dieses Feld muss ausgefüllt werden."
        )
        self.assertFalse(FormSubmission.objects.exists())

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

    def multipart(self, message):
        fields = {**contact_message(), "nachricht": None}
        parts = [
            f'--GRENZE\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            for name, value in fields.items()
            if value is not None
        ]
        parts.append(
            b'--GRENZE\r\nContent-Disposition: form-data; name="nachricht"\r\n\r\n'
            + message
            + b"\r\n--GRENZE--\r\n"
        )
        return self.client.generic(
            "POST",
            "/kontakt/",
            b"".join(parts),
            content_type="multipart/form-data; boundary=GRENZE",
            headers=HOST,
        )

    def test_multipart_data_that_is_not_utf8_is_refused_and_stores_nothing(self):
        response = self.multipart("Grüße".encode("latin-1"))
        self.assertContains(response, "Anfrage nicht lesbar", status_code=400)
        self.assertFalse(FormSubmission.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_multipart_data_in_utf8_is_stored(self):
        response = self.multipart("Grüße".encode())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(FormSubmission.objects.get().get_data()["nachricht"], "Grüße")


LIMIT_CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "a"},
    "unreachable": {"BACKEND": "tests.unreachable_cache.UnreachableCache"},
}


@override_settings(FORM_RATE_LIMIT="2/h")
class ContactRateLimitTests(DemoContentTestCase):
    """Accepted messages count per resident (behind trusted proxies), site and form."""

    def post(self, data=None, host="kaarst.localhost", path="/kontakt/", **meta):
        return self.client.post(path, data or contact_message(), headers={"host": host}, **meta)

    def statuses(self, count, **meta):
        return [self.post(**meta).status_code for _ in range(count)]

    def test_third_message_of_one_client_is_refused_in_german(self):
        self.assertEqual(self.statuses(2), [200, 200])
        third = self.post()
        self.assertContains(
            third,
            "Sie haben in kurzer Zeit sehr viele Nachrichten gesendet.",
            status_code=429,
        )
        self.assertEqual(FormSubmission.objects.count(), 2)
        self.assertEqual(len(mail.outbox), 2)
        # Another address is not affected.
        self.assertEqual(self.statuses(1, REMOTE_ADDR="10.0.0.9"), [200])
        # The cache holds hashes only: neither address nor its keyed hash in any key.
        keys = list(cache._cache)
        self.assertTrue(keys)
        for address in ("127.0.0.1", "10.0.0.9", "10-0-0-9", "10.0.0"):
            self.assertFalse([key for key in keys if address in key], address)

    def test_spoofed_forwarded_for_without_trusted_proxy_changes_nothing(self):
        spoofed = [
            self.post(HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(1, 5)
        ]
        self.assertEqual(spoofed, [200, 200, 429, 429])
        self.assertEqual(FormSubmission.objects.count(), 2)

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_residents_behind_one_trusted_proxy_are_counted_apart(self):
        proxy = {"REMOTE_ADDR": "10.1.1.1"}
        first = self.statuses(3, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
        second = self.statuses(3, HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy)
        # What the resident puts in front of the proxy's entry proves nothing.
        forged = self.statuses(1, HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.7", **proxy)
        self.assertEqual((first, second, forged), ([200, 200, 429], [200, 200, 429], [429]))
        self.assertEqual(FormSubmission.objects.count(), 4)

    def test_failed_submissions_do_not_count(self):
        failed = [self.post(contact_message(consent=None)).status_code for _ in range(3)]
        self.assertEqual(failed, [400, 400, 400])
        self.assertEqual(self.statuses(3), [200, 200, 429])

    def test_each_site_counts_its_own_form(self):
        self.assertEqual(self.statuses(3), [200, 200, 429])
        self.assertEqual(self.statuses(3, host="kaiserslautern.localhost"), [200, 200, 429])
        self.assertEqual(FormSubmission.objects.count(), 4)

    def test_translations_of_a_form_share_its_limit(self):
        self.assertEqual(self.statuses(2), [200, 200])
        arabic = self.post(contact_message(anliegen="سؤال", nachricht="متى؟"), path="/ar/kontakt/")
        self.assertEqual(arabic.status_code, 429)

    @override_settings(CACHES=LIMIT_CACHES, RATELIMIT_USE_CACHE="unreachable")
    def test_unreachable_limit_cache_refuses_in_german_and_keeps_the_input(self):
        with self.assertLogs("cms.ratelimit", "WARNING") as logs:
            response = self.post(contact_message(nachricht="Bitte um Rückruf."))
        self.assertContains(
            response, "Ihre Nachricht kann gerade nicht angenommen werden.", status_code=503
        )
        self.assertContains(response, "Bitte um Rückruf.", status_code=503)
        self.assertFalse(FormSubmission.objects.exists())
        self.assertEqual(
            logs.output, ["WARNING:cms.ratelimit:Rate limit cache unavailable (ConnectionError)"]
        )


class SingleUseStartTokenTests(DemoContentTestCase):
    """A form's start token carries one message; a double click stores it once."""

    def post(self, data):
        return self.client.post("/kontakt/", data, headers=HOST)

    def test_the_same_message_sent_twice_is_stored_once(self):
        data = contact_message()
        first, second = self.post(data), self.post(data)
        self.assertEqual((first.status_code, second.status_code), (200, 200))
        self.assertTemplateUsed(second, "cms/contact_page_landing.html")
        self.assertEqual(FormSubmission.objects.count(), 1)
        self.assertEqual(len(mail.outbox), 1)

    def test_another_message_with_a_used_token_comes_back_with_a_fresh_one(self):
        data = contact_message()
        self.assertEqual(self.post(data).status_code, 200)
        again = self.post({**data, "nachricht": "Noch eine Frage."})
        self.assertContains(again, "Dieses Formular wurde bereits gesendet.", status_code=409)
        self.assertContains(again, "Noch eine Frage.", status_code=409)
        fresh = again.context["form"]["form_started"].value()
        self.assertNotEqual(fresh, data["form_started"])
        self.assertEqual(FormSubmission.objects.count(), 1)
        resent = self.post({**data, "nachricht": "Noch eine Frage.", "form_started": fresh})
        self.assertEqual(resent.status_code, 200)
        self.assertEqual(
            [s.get_data()["nachricht"] for s in FormSubmission.objects.order_by("pk")],
            ["Ich möchte Bücher spenden.", "Noch eine Frage."],
        )

    def test_tokens_of_one_second_differ(self):
        self.assertNotEqual(sign_timestamp(), sign_timestamp())


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
                ["Ehrenamtlich engagieren", "Spenden", "Frage", "Barrierefreiheit", "Sonstiges"],
            ),
            "/en/kontakt/": (
                ["Name", "Email", "Phone", "Your request", "Message"],
                ["Volunteering", "Donating", "Question", "Accessibility", "Other"],
            ),
            "/ar/kontakt/": (
                ["الاسم", "البريد الإلكتروني", "الهاتف", "موضوع الرسالة", "الرسالة"],
                ["التطوع", "التبرع", "سؤال", "إمكانية الوصول", "أمر آخر"],
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
