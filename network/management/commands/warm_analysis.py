"""Compile the analysis kernels into numba's on-disk cache, e.g. while building an image."""

import datetime
import time

from django.core.management.base import BaseCommand

import networkx as nx

from network.analysis import IndexedGraph, analyse, kernels
from network.analysis.evolution import evolution


class Command(BaseCommand):
    help = (
        "Übersetzt die Analyse-Kernels einmal auf einem kleinen Beispielnetz, damit die erste "
        "Netzwerkanalyse eines Servers nicht darauf warten muss (Cache: NUMBA_CACHE_DIR)."
    )

    def handle(self, *args, **options):
        start = time.perf_counter()
        graph = nx.karate_club_graph()  # 34 members of a club, 78 friendships
        for node in graph:
            graph.nodes[node].update(
                name=f"Einrichtung {node}",
                sectors=["Bildung"] if node % 2 else ["Kultur"],
                type="Verein",
                district="Nord" if node < 17 else "Süd",
            )
        result = analyse(graph)
        cooperations = [
            {
                "id": index,
                "source": source,
                "target": target,
                "valid_from": datetime.date(2025, 1 + index % 12, 1),
                "valid_to": None,
            }
            for index, (source, target) in enumerate(graph.edges())
        ]
        evolution(graph, cooperations, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
        # Only networks above the exact limit take the sweep that bounds their diameter.
        indexed = IndexedGraph(graph, weight=None)
        kernels.farthest(indexed.indptr, indexed.dst, 0, indexed.n)
        self.stdout.write(
            f"Analyse-Kernels bereit: {len(result['nodes'])} Knoten, "
            f"{len(result['communities'])} Gemeinschaften, "
            f"{time.perf_counter() - start:.1f} s."
        )
