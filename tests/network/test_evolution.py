"""Network figures per period with cooperations gained and lost."""

import datetime
import random

import networkx as nx
import pytest

from network.analysis.evolution import evolution, periods, snapshot

D = datetime.date


def cooperations():
    return [
        {"id": 1, "source": "a", "target": "b", "valid_from": D(2023, 3, 1), "valid_to": None},
        {
            "id": 2,
            "source": "b",
            "target": "c",
            "valid_from": D(2024, 2, 1),
            "valid_to": D(2024, 8, 31),
        },
        {"id": 3, "source": "c", "target": "d", "valid_from": None, "valid_to": D(2023, 12, 31)},
        {"id": 4, "source": "a", "target": "d", "valid_from": D(2024, 5, 5), "valid_to": None},
    ]


def institutions():
    G = nx.Graph()
    G.add_nodes_from(["a", "b", "c"])
    G.add_node("d", archived_on=D(2025, 1, 1))
    return G


def test_periods_by_quarter_and_year():
    assert [p[0] for p in periods(D(2023, 11, 15), D(2024, 4, 1))] == [
        "2023-Q4",
        "2024-Q1",
        "2024-Q2",
    ]
    assert periods(D(2023, 11, 15), D(2024, 4, 1), "year") == [
        ("2023", D(2023, 11, 15), D(2023, 12, 31)),
        ("2024", D(2024, 1, 1), D(2024, 4, 1)),
    ]


def test_yearly_evolution_counts_gains_and_losses():
    rows = evolution(institutions(), cooperations(), D(2023, 1, 1), D(2025, 6, 30), "year")
    summary = [
        (r["period"], r["cooperations"], r["institutions"], r["gained_ids"], r["lost_ids"])
        for r in rows
    ]
    # Before 2023: only 3 (c–d, open start). End of 2023: 1 and 3 (3 ends on 31 Dec).
    # End of 2024: 1 and 4 (2 ended in August, 3 is over). 2025: d archived, so 4 drops.
    assert summary == [
        ("2023", 2, 4, [1], []),
        ("2024", 2, 4, [4], [3]),
        ("2025", 1, 3, [], [4]),
    ]


def test_quarterly_evolution_sees_short_cooperations():
    rows = evolution(institutions(), cooperations(), D(2024, 1, 1), D(2024, 12, 31))
    assert [(r["period"], r["gained_ids"], r["lost_ids"]) for r in rows] == [
        ("2024-Q1", [2], [3]),
        ("2024-Q2", [4], []),
        ("2024-Q3", [], [2]),
        ("2024-Q4", [], []),
    ]
    assert rows[1]["density"] == 0.5  # a–b, b–c, a–d among 4 institutions: 3 of 6


def test_snapshot_keeps_node_attributes():
    G = institutions()
    G.nodes["a"]["name"] = "Awo"
    H = snapshot(G, cooperations(), D(2024, 6, 1))
    assert H.nodes["a"]["name"] == "Awo"
    assert sorted(H.edges()) == [("a", "b"), ("a", "d"), ("b", "c")]


def random_history(seed, size=120, count=400):
    rng = random.Random(seed)
    G = nx.Graph()
    for v in range(size):
        archived = D(2021, 1, 1) + datetime.timedelta(days=rng.randrange(1500))
        G.add_node(v, archived_on=archived if rng.random() < 0.1 else None)
    result = []
    for i in range(count):
        u = rng.randrange(size)
        start = D(2020, 1, 1) + datetime.timedelta(days=rng.randrange(1800))
        result.append(
            {
                "id": i + 1,
                "source": u,
                "target": (u + rng.randint(1, 12)) % size,
                "valid_from": start if rng.random() < 0.9 else None,
                "valid_to": start + datetime.timedelta(days=rng.randrange(900))
                if rng.random() < 0.3
                else None,
            }
        )
    return G, result


@pytest.mark.parametrize("seed,freq", [(1, "year"), (2, "quarter")])
def test_evolution_equals_networkx_on_each_snapshot(seed, freq):
    G, history = random_history(seed)
    rows = evolution(G, history, D(2020, 3, 1), D(2025, 6, 30), freq)
    assert len(rows) == len(periods(D(2020, 3, 1), D(2025, 6, 30), freq))
    for row, (_, _, last) in zip(rows, periods(D(2020, 3, 1), D(2025, 6, 30), freq), strict=True):
        H = snapshot(G, history, last)
        largest = H.subgraph(max(nx.connected_components(H), key=len))
        assert row["institutions"] == len(H)
        assert row["cooperations"] == H.number_of_edges()
        assert row["components"] == nx.number_connected_components(H)
        assert row["isolates"] == nx.number_of_isolates(H)
        assert row["largest_component_size"] == len(largest)
        assert row["diameter"] == nx.diameter(largest)
        assert row["average_shortest_path_length"] == pytest.approx(
            nx.average_shortest_path_length(largest), abs=1e-12
        )
        assert row["density"] == pytest.approx(nx.density(H), abs=1e-12)
        assert row["transitivity"] == pytest.approx(nx.transitivity(H), abs=1e-12)
        assert row["average_clustering"] == pytest.approx(nx.average_clustering(H), abs=1e-12)
