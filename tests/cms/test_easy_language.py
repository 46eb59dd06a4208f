"""Leichte Sprache and sign language: linked from every page header, one sentence per line."""

import re

from tests.cms.demo_case import DemoContentTestCase


class EasyLanguageTests(DemoContentTestCase):
    def get(self, slug, path):
        response = self.client.get(path, HTTP_HOST=self.host(slug))
        self.assertEqual(response.status_code, 200, path)
        return response.content.decode()

    def test_every_page_header_links_the_page_in_leichte_sprache(self):
        link = '<a class="qn-easy-link" href="/leichte-sprache/" lang="de" hreflang="de">'
        for slug in ("kaarst", "kaiserslautern"):
            for path in ("/", "/kontakt/", "/angebote/", "/en/", "/ar/kontakt/", "/suche/?q=Kurs"):
                self.assertIn(link, self.get(slug, path), (slug, path))

    def test_the_page_explains_the_site_one_sentence_per_line(self):
        html = self.get("kaarst", "/leichte-sprache/")
        self.assertIn('<div class="qn-container qn-page qn-easy" lang="de" dir="ltr">', html)
        sentences = re.findall(r"<p>([^<]+)</p>", html.split('class="qn-block qn-easy__text"')[1])
        self.assertEqual(
            sentences[:4],
            [
                "Diese Website ist von: Albert-Einstein-Forum Kaarst.",
                "Wir helfen Menschen aus vielen Ländern.",
                "Wir helfen beim Ankommen in der Stadt.",
                "Unsere Hilfe kostet kein Geld.",
            ],
        )
        self.assertIn('href="/leichte-sprache/angebote/">Unsere Angebote</a>', html)
        self.assertIn('href="/leichte-sprache/kontakt/">So erreichen Sie uns</a>', html)

    def test_the_sign_language_video_has_captions_and_a_transcript(self):
        html = self.get("kaiserslautern", "/leichte-sprache/")
        video = re.search(r"<video .*?</video>", html, re.S).group(0)
        self.assertRegex(
            video,
            r'<source src="/documents/\d+/gebaerdensprache-platzhalter[^"]*\.webm" type="video/webm">',
        )
        self.assertRegex(
            video,
            r'<track kind="captions" src="/documents/\d+/[^"]+\.vtt" srclang="de" label="Deutsch" default>',
        )
        self.assertIn("Platzhalter: Hier steht bald ein Video in Deutscher Gebärdensprache.", html)
        captions = re.search(r'<track kind="captions" src="([^"]+)"', video).group(1)
        response = self.client.get(captions, HTTP_HOST=self.host("kaiserslautern"))
        body = b"".join(response.streaming_content) if response.streaming else response.content
        self.assertTrue(body.startswith(b"WEBVTT"))

    def test_contact_in_leichte_sprache_names_phone_and_address(self):
        html = self.get("kaiserslautern", "/leichte-sprache/kontakt/")
        self.assertIn("<p>Unsere Telefon-Nummer ist: 0631 365-0000.</p>", html)
        self.assertIn(
            "<p>Unsere Adresse ist: Willy-Brandt-Platz 1, 67657 Kaiserslautern.</p>", html
        )
