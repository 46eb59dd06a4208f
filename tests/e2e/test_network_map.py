"""A network manager explores the map; a resident sees the public partner map on a phone."""

from tests.e2e.conftest import login, screenshot

SETUP = """
from cms.models import Project
from network.models import Cooperation, Institution
project = Project.objects.get(slug="kaarst")
names = ["Kartentest Sprachtreff", "Kartentest Elternschule", "Kartentest Jugendhaus"]
made = [
    Institution.objects.get_or_create(project=project, name=name, defaults={"public": i < 2})[0]
    for i, name in enumerate(names)
]
Cooperation.objects.get_or_create(project=project, source=made[0], target=made[1])
Cooperation.objects.get_or_create(project=project, source=made[1], target=made[2])
result = {
    "all": Institution.objects.filter(project=project, active=True).count(),
    "public": Institution.objects.filter(project=project, active=True, public=True).count(),
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


def test_manager_selects_an_institution_on_the_map(page, server):
    counts = server.query(SETUP)
    errors = collect_errors(page)
    login(page, server, "netzwerk-kaarst")
    page.goto(server.url("kaarst.localhost", "/admin/network/map/"))
    root = page.locator("[data-netmap][data-state=ready]")
    root.wait_for()
    assert int(root.get_attribute("data-nodes")) == counts["all"]
    page.fill("[data-netmap-control=search]", "Elternschule")
    page.keyboard.press("Enter")
    details = page.locator("[data-netmap-part=details]")
    details.wait_for()
    assert details.locator("h3").inner_text() == "Kartentest Elternschule"
    assert details.locator(".qn-netmap__partners li").all_inner_texts() == [
        "Kartentest Jugendhaus",
        "Kartentest Sprachtreff",
    ]
    page.wait_for_selector("[data-netmap][data-layout=stopped]", timeout=30_000)
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
