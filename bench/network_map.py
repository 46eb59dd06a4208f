"""Measure the network map in headless Chromium on a synthetic network; prints figures.

Usage::

    .venv/bin/python bench/network_map.py [--nodes 5000] [--screenshots DIR]
    .venv/bin/python bench/network_map.py --url http://kaarst.localhost:8240/admin/netzwerk/karte/ \
        --user admin --password ... [--synthetic 5000]

Without ``--url`` the map runs in a small harness page (``frontend/network-map/dev/index.html``)
with the committed bundle. With ``--url`` it opens the real admin page on a running server; with
``--synthetic N`` the page's graph request is answered with a synthetic network of N institutions.

Figures printed (all measured in the page with ``performance`` timings):
- fetch / build / first render: ``performance.measure`` marks set by the map script,
- layout: ForceAtlas2 iterations per second in the web worker during the automatic run,
- fps while the layout runs and while the camera zooms (``requestAnimationFrame`` count / time),
- the longest main-thread task while the camera zooms.
Chromium runs with ``--disable-gpu``, so WebGL is software-rendered (SwiftShader); a real GPU
is faster.
"""

import argparse
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from network.vocabulary import SECTORS as ALL_SECTORS  # noqa: E402
from network.vocabulary import TYPES  # noqa: E402

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# The demo's first eight sectors, so figures stay comparable with earlier runs.
SECTORS = ALL_SECTORS[:8]
DISTRICTS = [f"Stadtteil {i}" for i in range(1, 13)]


def synthetic_graph(n, seed=7, per_node=2.5):
    """Node-link JSON of ``n`` institutions in communities with ~``per_node`` cooperations each."""
    rng = random.Random(seed)
    communities = max(4, n // 120)
    nodes = []
    for i in range(n):
        c = i % communities
        nodes.append(
            {
                "id": i + 1,
                "label": f"Institution {i + 1}",
                "type": TYPES[rng.randrange(len(TYPES))],
                "sectors": rng.sample(SECTORS, rng.randint(1, 3)),
                "district": DISTRICTS[c % len(DISTRICTS)],
                "community": c,
                "public": rng.random() < 0.2,
            }
        )
    members = {}
    for node in nodes:
        members.setdefault(node["community"], []).append(node["id"])
    edges = []
    seen = set()
    start = date(2020, 1, 1)
    degree = {node["id"]: 0 for node in nodes}
    for node in nodes:
        for _ in range(int(per_node) + (rng.random() < per_node % 1)):
            pool = members[node["community"]] if rng.random() < 0.85 else None
            other = rng.choice(pool) if pool else rng.randint(1, n)
            pair = tuple(sorted((node["id"], other)))
            if other == node["id"] or pair in seen:
                continue
            seen.add(pair)
            degree[node["id"]] += 1
            degree[other] += 1
            valid_from = start + timedelta(days=rng.randrange(0, 5 * 365))
            valid_to = (
                valid_from + timedelta(days=rng.randrange(200, 1500))
                if rng.random() < 0.2
                else None
            )
            edges.append(
                {
                    "source": node["id"],
                    "target": other,
                    "type": "kooperation",
                    "intensity": rng.randint(1, 5),
                    "directed": rng.random() < 0.1,
                    "valid_from": valid_from.isoformat(),
                    "valid_to": valid_to.isoformat() if valid_to else None,
                }
            )
    for node in nodes:
        node["degree"] = degree[node["id"]]
        node["betweenness_centrality"] = round(rng.random() ** 4, 4)
        node["pagerank"] = round(1 / n * (0.5 + degree[node["id"]] / 5), 6)
    return {"directed": False, "nodes": nodes, "edges": edges}


MEASURE_JS = """
async () => {
  const root = document.querySelector('[data-netmap]');
  const measures = {};
  for (const m of performance.getEntriesByType('measure')) {
    if (m.name.startsWith('netmap:')) measures[m.name.slice(7)] = Math.round(m.duration);
  }
  // Frames while ForceAtlas2 is running (positions change every worker iteration).
  const countFrames = (ms) => new Promise((resolve) => {
    let frames = 0; const t0 = performance.now();
    const step = (t) => { frames++; if (t - t0 < ms) requestAnimationFrame(step); else resolve(frames / ((t - t0) / 1000)); };
    requestAnimationFrame(step);
  });
  const layoutRunning = root.dataset.layout === 'running';
  const fpsLayout = layoutRunning ? await countFrames(2000) : null;
  return { measures, fpsLayout, layoutRunning, nodes: +root.dataset.nodes, edges: +root.dataset.edges };
}
"""

ZOOM_JS = """
async () => {
  // Zoom in and out with the mouse wheel over the map for three seconds; count frames and
  // the longest gap between two frames (a stand-in for the longest main-thread task).
  const stage = document.querySelector('[data-netmap-part="stage"]');
  const rect = stage.getBoundingClientRect();
  let frames = 0, longest = 0, last = performance.now();
  const t0 = last; let running = true;
  const step = (t) => { frames++; longest = Math.max(longest, t - last); last = t; if (running) requestAnimationFrame(step); };
  requestAnimationFrame(step);
  let i = 0;
  while (performance.now() - t0 < 3000) {
    stage.querySelector('canvas:last-of-type').dispatchEvent(new WheelEvent('wheel', {
      deltaY: (Math.floor(i / 10) % 2 ? 120 : -120), clientX: rect.x + rect.width / 2,
      clientY: rect.y + rect.height / 2, bubbles: true, cancelable: true }));
    i++;
    await new Promise((r) => setTimeout(r, 50));
  }
  running = false;
  const seconds = (performance.now() - t0) / 1000;
  return { fpsZoom: frames / seconds, longestFrameMs: Math.round(longest) };
}
"""


def run(args):
    """Open the map, wait for the layout, print the figures and take screenshots."""
    graph = (
        synthetic_graph(args.synthetic or args.nodes) if (args.synthetic or not args.url) else None
    )
    payload = json.dumps(graph) if graph else None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for label, viewport in (("desktop", (1440, 900)), ("phone", (390, 844))):
            context = browser.new_context(
                viewport={"width": viewport[0], "height": viewport[1]},
                device_scale_factor=1,
                is_mobile=label == "phone",
                has_touch=label == "phone",
            )
            page = context.new_page()
            if args.url:
                if args.user:
                    login = args.url.split("/admin/")[0] + "/admin/login/"
                    page.goto(login)
                    page.fill("input[name=username]", args.user)
                    page.fill("input[name=password]", args.password)
                    page.click("button[type=submit]")
                    page.wait_for_load_state()
                if payload:
                    page.route(
                        "**/network/graph/**",
                        lambda route: route.fulfill(
                            status=200, content_type="application/json", body=payload
                        ),
                    )
                url = args.url
            else:
                serve_harness(page, payload)
                url = "http://netmap.test/"
            page.goto(url)
            page.wait_for_selector("[data-netmap][data-state=ready]", timeout=120_000)
            figures = page.evaluate(MEASURE_JS)
            page.wait_for_selector("[data-netmap][data-layout=stopped]", timeout=120_000)
            root = page.locator("[data-netmap]")
            layout_ms = int(root.get_attribute("data-layout-ms"))
            iterations = int(root.get_attribute("data-layout-iterations"))
            if args.screenshots:
                out = Path(args.screenshots)
                out.mkdir(parents=True, exist_ok=True)
                name = f"map-{figures['nodes']}-{label}.png"
                page.screenshot(path=str(out / name), full_page=label == "phone")
                if args.select:
                    page.fill("[data-netmap-control=search]", args.select)
                    page.keyboard.press("Enter")
                    page.wait_for_timeout(800)
                    page.screenshot(path=str(out / f"map-{figures['nodes']}-{label}-selected.png"))
            zoom = page.evaluate(ZOOM_JS) if label == "desktop" else {}
            print(
                f"[{label} {viewport[0]}x{viewport[1]}] nodes={figures['nodes']} edges={figures['edges']} "
                f"fetch={figures['measures'].get('fetch')}ms build={figures['measures'].get('build')}ms "
                f"first_render={figures['measures'].get('first-render')}ms "
                f"layout={layout_ms}ms/{iterations} it ({iterations / (layout_ms / 1000):.1f} it/s) "
                f"fps_during_layout={figures['fpsLayout'] and round(figures['fpsLayout'], 1)}"
                + (
                    f" fps_zoom={zoom['fpsZoom']:.1f} longest_frame={zoom['longestFrameMs']}ms"
                    if zoom
                    else ""
                )
            )
            context.close()
        browser.close()


def serve_harness(page, payload):
    """Answer the harness page, the built static files and the graph from memory."""
    files = {
        "/": ROOT / "frontend/network-map/dev/index.html",
        "/static/network/network-map.js": ROOT / "static/network/network-map.js",
        "/static/network/network-map.css": ROOT / "static/network/network-map.css",
        "/static/network/fa2-worker.js": ROOT / "static/network/fa2-worker.js",
    }
    types = {".html": "text/html", ".js": "text/javascript", ".css": "text/css"}

    def handle(route):
        path = "/" + route.request.url.split("netmap.test/", 1)[1].split("?")[0]
        if path == "/graph.json":
            return route.fulfill(status=200, content_type="application/json", body=payload)
        if path in files:
            return route.fulfill(
                status=200, content_type=types[files[path].suffix], body=files[path].read_bytes()
            )
        return route.fulfill(status=404, body="")

    page.route("http://netmap.test/**", handle)


def main():
    """Parse arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--url")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--synthetic", type=int, default=0)
    parser.add_argument("--screenshots")
    parser.add_argument("--select", help="search for this name and screenshot the selection")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
