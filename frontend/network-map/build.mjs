// Bundles the network map, its ForceAtlas2 worker and the dashboard charts into static/, minified.
// Chart.js itself is the vendored UMD file in static/vendor/chartjs/.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, "../../static/network");
mkdirSync(out, { recursive: true });

const common = { bundle: true, minify: true, target: ["es2019"], legalComments: "linked", logLevel: "info" };

await build({ ...common, entryPoints: [resolve(here, "src/map.js")], outfile: resolve(out, "network-map.js"), format: "iife" });
await build({ ...common, entryPoints: [resolve(here, "src/fa2-worker.js")], outfile: resolve(out, "fa2-worker.js"), format: "iife" });
await build({ ...common, entryPoints: [resolve(here, "src/dashboard.js")], outfile: resolve(out, "network-dashboard.js"), format: "iife" });
await build({ ...common, entryPoints: [resolve(here, "src/map.css")], outfile: resolve(out, "network-map.css") });

