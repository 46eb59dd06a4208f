"""The accessibility statement names status, barriers, dates, feedback and the state's arbitration body."""

import re

from tests.cms.demo_case import DemoContentTestCase


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


class AccessibilityStatementTests(DemoContentTestCase):
    def get(self, slug, path):
        response = self.client.get(path, HTTP_HOST=self.host(slug))
        self.assertEqual(response.status_code, 200)
        return response

    def test_kaarst_names_the_ombudsstelle_of_north_rhine_westphalia(self):
        response = self.get("kaarst", "/barrierefreiheit/")
        body = text(response)
        self.assertIn(
            "mit den Anforderungen an barrierefreie Informationstechnik teilweise vereinbar", body
        )
        self.assertIn(
            "Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen",
            body,
        )
        self.assertIn("Fürstenwall 25 40219 Düsseldorf", body)
        self.assertIn("Erklärung erstellt am: 2. November 2026", body)
        self.assertIn("Zuletzt überprüft am: 1. Dezember 2026", body)
        self.assertIn("Gebärdensprache", body)
        html = response.content.decode()
        self.assertIn('href="mailto:ombudsstelle-barrierefreie-it@mags.nrw.de"', html)
        self.assertIn('href="/kontakt/?anliegen=Barrierefreiheit"', html)
        self.assertIn('href="mailto:integration@kaarst.example.org"', html)
        self.assertIn('dir="ltr" href="tel:01789423032"', html)
        self.assertNotIn("Rheinland-Pfalz", body)

    def test_kaiserslautern_names_the_body_of_rhineland_palatinate(self):
        response = self.get("kaiserslautern", "/barrierefreiheit/")
        body = text(response)
        self.assertIn("Durchsetzungsstelle zur digitalen Barrierefreiheit", body)
        self.assertIn("Bauhofstraße 9 55116 Mainz", body)
        self.assertIn("BITV RP", body)
        html = response.content.decode()
        self.assertIn('href="mailto:durchsetzungsstelle@mastd.rlp.de"', html)
        self.assertIn('dir="ltr" href="tel:06131165342"', html)
        self.assertNotIn("Nordrhein-Westfalen", body)

    def test_the_arabic_statement_speaks_arabic_and_marks_the_german_parts(self):
        response = self.get("kaarst", "/ar/barrierefreiheit/")
        html = response.content.decode()
        self.assertIn("الإبلاغ عن العوائق", html)
        self.assertIn('<address lang="de">', html)
        self.assertIn('href="/ar/kontakt/?anliegen=Barrierefreiheit"', html)

    def test_the_feedback_link_preselects_the_accessibility_subject_in_every_language(self):
        german = self.get("kaarst", "/kontakt/?anliegen=Barrierefreiheit").content.decode()
        self.assertIn('<option value="Barrierefreiheit" selected>Barrierefreiheit</option>', german)
        arabic = self.get("kaarst", "/ar/kontakt/?anliegen=Barrierefreiheit").content.decode()
        self.assertIn('<option value="إمكانية الوصول" selected>إمكانية الوصول</option>', arabic)
        plain = self.get("kaarst", "/kontakt/").content.decode()
        self.assertNotIn("selected>Barrierefreiheit", plain)
        unknown = self.get("kaarst", "/kontakt/?anliegen=Unbekannt").content.decode()
        self.assertEqual(unknown.count(" selected>"), plain.count(" selected>"))
