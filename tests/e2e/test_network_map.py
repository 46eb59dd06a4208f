"""A network manager explores the map; a resident sees the public partner map on a phone."""

from tests.e2e.conftest import login, screenshot

SETUP = """
from cms.models import Project
from network.models import Cooperation, Institution, Sector
project = Project.objects.get(slug="kaarst")
names = ["Kartentest Sprachtreff", "Kartentest Elternschule", "Kartentest Jugendhaus"]
made = [
    Institution.objects.get_or_create(project=project, name=name, defaults={"public": i < 2})[0]
    for i, name in enumerate(names)
]
Cooperation.objects.get_or_create(project=project, source=made[0], target=made[1])
Cooperation.objects.get_or_create(project=project, source=made[1], target=made[2])
# A field of action only the first two test institutions work in.
sector = Sector.objects.get_or_create(project=project, name="Kartentest-Feld")[0]
for institution in made[:2]:
    institution.sectors.add(sector)
result = {
    "all": Institution.objects.filter(project=project, active=True).count(),
    "public": Institution.objects.filter(project=project, active=True, public=True).count(),
    "elternschule": made[1].pk,
}
"""


def collect_errors(page):
    """Script errors and Content-Security-Policy refusals (not unrelated missing resources)."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if "Content Security Policy" in message.text or "Worker" in message.text
            else None
        ),
    )
    return errors


def node_position(page, institution_id):
    """Where the map draws an institution, in window pixels (the map's read-only hook)."""
    return page.evaluate(
        "(id) => document.querySelector('[data-netmap]').netmapNodePosition(id)",
        str(institution_id),
    )


def test_manager_filters_the_map_by_sector_and_clicks_an_institution(page, server):
    counts = server.query(SETUP)
    errors = collect_errors(page)
    login(page, server, "netzwerk-kaarst")
    page.goto(server.url("kaarst.localhost", "/admin/network/map/"))
    root = page.locator("[data-netmap][data-state=ready]")
    root.wait_for()
    assert int(root.get_attribute("data-nodes")) == counts["all"]

    # The sector filter of the filter panel: only the two test institutions of that sector.
    page.locator(".qn-netmap__filter-panel summary").click()
    page.get_by_label("Kartentest-Feld", exact=True).check()
    page.get_by_role("button", name="Filter anwenden").click()
    page.wait_for_url("**/admin/network/map/?*sector=*")
    root = page.locator("[data-netmap][data-state=ready]")
    root.wait_for()
    assert int(root.get_attribute("data-nodes")) == 2
    assert int(root.get_attribute("data-edges")) == 1

    # Click the node on the canvas where the renderer draws it, once the layout has settled.
    page.wait_for_selector("[data-netmap][data-layout=stopped]", timeout=30_000)
    page.locator("[data-netmap-part=stage]").scroll_into_view_if_needed()
    position = node_position(page, counts["elternschule"])
    assert position is not None
    page.mouse.click(position["x"], position["y"])
    details = page.locator("[data-netmap-part=details]")
    details.wait_for()
    assert details.locator("h3").inner_text() == "Kartentest Elternschule"
    # Only the partner inside the filtered network; the youth centre has another sector.
    assert details.locator(".qn-netmap__partners li").all_inner_texts() == [
        "Kartentest Sprachtreff"
    ]
    screenshot(page, "netzwerkkarte-kaarst")
    assert errors == []


HISTORY = """
import datetime
from cms.models import Project
from network.models import Cooperation, CooperationType, Institution
project = Project.objects.get(slug="kaarst")
language, youth = (
    Institution.objects.get(project=project, name=name)
    for name in ("Kartentest Sprachtreff", "Kartentest Jugendhaus")
)
Cooperation.objects.get_or_create(
    project=project, source=language, target=youth, type=CooperationType.ROOMS,
    defaults={"status": "beendet", "valid_from": datetime.date(2021, 3, 1),
              "valid_to": datetime.date(2021, 12, 31)},
)
result = True
"""

MOVE_SLIDER = """(input, step) => {
    input.value = String(step === null ? input.max : step);
    input.dispatchEvent(new Event("input", {bubbles: true}));
}"""


def test_manager_replays_the_growth_with_ended_cooperations(page, server):
    server.query(SETUP)
    server.query(HISTORY)
    errors = collect_errors(page)
    login(page, server, "netzwerk-kaarst")
    page.goto(server.url("kaarst.localhost", "/admin/network/map/"))
    page.locator("[data-netmap][data-state=ready]").wait_for()
    page.fill("[data-netmap-control=search]", "Jugendhaus")
    page.keyboard.press("Enter")
    partners = page.locator("[data-netmap-part=details] .qn-netmap__partners li")
    partners.first.wait_for()
    # Today the room sharing with the Sprachtreff has ended: only the Elternschule.
    assert partners.all_inner_texts() == ["Kartentest Elternschule"]
    # June 2021: the room sharing was under way and reappears on the map.
    step = page.evaluate(
        "() => document.querySelector('[data-netmap]').netmap.months"
        ".indexOf(Date.UTC(2021, 5, 1) / 86400000)"
    )
    assert step >= 0
    slider = page.locator("[data-netmap-control=date]")
    slider.evaluate(MOVE_SLIDER, step)
    assert partners.all_inner_texts() == ["Kartentest Elternschule", "Kartentest Sprachtreff"]
    # January 2022: it had ended.
    slider.evaluate(MOVE_SLIDER, step + 7)
    assert partners.all_inner_texts() == ["Kartentest Elternschule"]
    slider.evaluate(MOVE_SLIDER, None)
    assert partners.all_inner_texts() == ["Kartentest Elternschule"]
    assert errors == []


def test_resident_sees_public_partner_map_on_a_phone(phone, server):
    counts = server.query(SETUP)
    errors = collect_errors(phone)
    phone.goto(server.url("kaarst.localhost", "/partnerkarte/"))
    root = phone.locator("[data-netmap][data-state=ready]")
    root.wait_for()
    assert int(root.get_attribute("data-nodes")) == counts["public"]
    table = phone.locator(".qn-netmap__table tbody").inner_text()
    assert "Kartentest Sprachtreff" in table
    assert "Kartentest Jugendhaus" not in table
    screenshot(phone, "partnerkarte-kaarst-phone")
    assert errors == []  # no script or worker blocked by the Content-Security-Policy
