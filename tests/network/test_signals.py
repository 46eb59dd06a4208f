"""Every write to network data bumps the project's data version; bulk paths bump once."""

from network.models import Contact, Cooperation, Institution, Membership
from network.signals import bulk_changes


def version(project):
    project.refresh_from_db(fields=["data_version"])
    return project.data_version


def test_save_delete_and_m2m_changes_bump_the_version(kaarst, kl, three, categories):
    a, b, _ = three
    start = version(kaarst)
    coop = Cooperation.objects.create(project=kaarst, source=a, target=b)
    assert version(kaarst) == start + 1
    a.sectors.add(categories["bildung"])
    assert version(kaarst) == start + 2
    contact = Contact.objects.create(project=kaarst, name="Erika Muster")
    coop.contacts.add(contact)
    assert version(kaarst) == start + 4
    Membership.objects.create(institution=a, contact=contact, role="Vorsitz")
    assert version(kaarst) == start + 5
    coop.delete()
    assert version(kaarst) == start + 6
    assert version(kl) == 0


def test_bulk_changes_bump_once(kaarst):
    start = version(kaarst)
    with bulk_changes(kaarst):
        for i in range(5):
            Institution.objects.create(project=kaarst, name=f"Verein {i}")
        assert version(kaarst) == start
    assert version(kaarst) == start + 1
