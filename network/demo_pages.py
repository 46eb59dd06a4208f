"""Demo content of the network app's pages: a partner map on each project's site."""

from django.db import transaction

from wagtail import hooks

from network.pages import PartnerMapPage

SLUG = "partnerkarte"
TITLE = "Partnerkarte"
INTRO = (
    "<p>Diese Organisationen arbeiten mit uns im Netzwerk zusammen und haben zugestimmt, "
    "hier zu erscheinen. Die Karte zeigt, wer mit wem kooperiert; die Tabelle darunter "
    "enthält dieselben Angaben.</p>"
)


def place_partner_map(project):
    """The partner map page below the project's home page, created once: (page, created)."""
    from cms.pages import HomePage

    home = project.site.root_page.specific
    if not isinstance(home, HomePage):
        return None, False
    existing = PartnerMapPage.objects.child_of(home).filter(slug=SLUG).first()
    if existing is not None:
        return existing, False
    page = home.add_child(
        instance=PartnerMapPage(title=TITLE, slug=SLUG, intro=INTRO, show_in_menus=True)
    )
    page.save_revision().publish()
    return page, True


@hooks.register("load_demo_data", order=15)
def load_demo_partner_maps(projects, stdout=None):
    """A published "Partnerkarte" on each demo site, also in English and Arabic; idempotent."""
    from cms.demo_translations import translate_below_translated_parent

    with transaction.atomic():
        for _slug, project in sorted(projects.items()):
            page, created = place_partner_map(project)
            if created and stdout is not None:
                stdout.write(f"Partnerkarte für {project.name}: {page.url_path}")
            if page is not None:
                translate_below_translated_parent(page)
