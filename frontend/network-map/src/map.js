// Interactive network map: graphology graph drawn by sigma.js (WebGL), laid out by
// ForceAtlas2 in a web worker. Configured by a <script type="application/json"> block and
// server-rendered controls; without JavaScript the page shows the same data as a table.
import { MultiGraph } from "graphology";
import FA2Layout from "graphology-layout-forceatlas2/worker.js";
import fa2Helpers from "graphology-layout-forceatlas2/helpers.js";
import Sigma from "sigma";
import { NodePointProgram } from "sigma/rendering";
import { createNodeBorderProgram } from "@sigma/node-border";

const DAY_MS = 86400000;
const PALETTE = [
  "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9",
  "#8c564b", "#6a3d9a", "#b8a100", "#17becf", "#7f7f7f", "#e377c2",
];
const OTHER_COLOR = "#b0b0b0";
const DIM_NODE = "#e8e8e8";
// A dark ring around every dot keeps it at more than 3:1 against the white map (WCAG 1.4.11)
// whatever its fill; dimmed dots get a light ring so that they stay in the background.
const NODE_RING = "#1f2328";
const DIM_RING = "#b6bcc4";
const RingedCircle = createNodeBorderProgram({
  borders: [
    { size: { value: 1.5, mode: "pixels" }, color: { attribute: "borderColor", defaultValue: NODE_RING } },
    { size: { fill: true }, color: { attribute: "color" } },
  ],
});
const EDGE_COLOR = "#c3c7cc";
const EDGE_EGO_COLOR = "#5a6470";

const DEFAULT_LABELS = {
  loading: "Netzwerk wird geladen …",
  ready: "{nodes} Institutionen, {edges} Kooperationen",
  visible: "{nodes} Institutionen mit Kooperationen, {edges} Kooperationen sichtbar",
  layoutRunning: "Anordnung wird berechnet …",
  layoutStart: "Anordnung fortsetzen",
  layoutStop: "Anordnung anhalten",
  error: "Die Karte konnte nicht geladen werden. Die Tabelle zeigt dieselben Daten.",
  noWebgl: "Ihr Browser kann die Karte nicht darstellen (WebGL fehlt). Die Tabelle zeigt dieselben Daten.",
  allDates: "alle Zeiträume",
  other: "weitere",
  none: "ohne Angabe",
  type: "Typ",
  sectors: "Handlungsfelder",
  district: "Stadtteil",
  community: "Gruppe",
  partners: "Kooperationspartner",
  edit: "Institution bearbeiten",
  close: "Schließen",
  noResults: "Keine Treffer",
  play: "Entwicklung abspielen",
  pause: "Anhalten",
  website: "Website",
};

// ---------------------------------------------------------------------------------------------
// Small helpers

function dayNumber(value) {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return null;
  return Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY_MS;
}

function monthStart(day) {
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
}

function addMonths(day, n) {
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1) / DAY_MS;
}

function formatMonth(day) {
  const d = new Date(day * DAY_MS);
  return String(d.getUTCMonth() + 1).padStart(2, "0") + "/" + d.getUTCFullYear();
}

function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, k) => (k in values ? values[k] : ""));
}

function formatNumber(value) {
  if (typeof value !== "number" || !isFinite(value)) return String(value ?? "");
  if (Number.isInteger(value)) return value.toLocaleString("de-DE");
  return value.toLocaleString("de-DE", { maximumFractionDigits: 3 });
}

// Deterministic pseudo-random numbers (mulberry32), so the initial placement is stable.
function random(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  if (attrs) for (const k in attrs) node.setAttribute(k, attrs[k]);
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

// Measures sit in node.metrics (graph API) or on the node itself.
function metricOf(raw, key) {
  if (raw.metrics && key in raw.metrics) return raw.metrics[key];
  return raw[key];
}

function labelOf(node) {
  return String(node.label || node.short_name || node.name || node.id);
}

// Accept the node-link JSON of networkx ("edges" or "links") and a plain
// {institutions, cooperations} shape.
// The admin map asks the graph API for the network's history too (ended cooperations, archived
// institutions), so the date slider can replay its growth; the public map's data has no history.
function withHistory(url) {
  return url + (url.indexOf("?") === -1 ? "?" : "&") + "history=true";
}

function normalise(data) {
  const nodes = data.nodes || data.institutions || [];
  const edges = data.edges || data.links || data.cooperations || [];
  return { nodes, edges, directed: !!data.directed, communities: data.communities || [] };
}

// The supervisor builds its worker from a blob: URL, which a strict CSP forbids; load the
// same worker code from a same-origin file instead when its URL is known.
function useWorkerUrl(url) {
  if (!url) return;
  fa2Helpers.createWorker = function () {
    return new Worker(url);
  };
}

// Node labels go to the side of the node that has room for them, so names near the right
// edge of the map are not cut off; sigma's own drawers always put them on the right.
function labelFont(settings) {
  return settings.labelWeight + " " + settings.labelSize + "px " + settings.labelFont;
}

// The side of the node a label goes to: the right one when the label fits there, else the
// left one when it fits there, else the wider one, where the label is shortened with "…"
// (the details panel and the table carry the full name).
function placeLabel(context, data, settings) {
  const label = String(data.label);
  const full = context.measureText(label).width;
  const room = context.canvas.offsetWidth;
  const gap = data.size + 3;
  const right = room - data.x - gap - 4;
  const left = data.x - gap - 4;
  const onLeft = !!room && full > right && (full <= left || left > right);
  const text = room ? fitLabel(context, label, onLeft ? left : right) : label;
  return {
    text,
    onLeft,
    width: context.measureText(text).width,
    x: onLeft ? data.x - gap : data.x + gap,
    y: data.y + settings.labelSize / 3,
  };
}

function fitLabel(context, label, room) {
  if (context.measureText(label).width <= room) return label;
  let lo = 0;
  let hi = label.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (context.measureText(label.slice(0, mid).trimEnd() + "…").width <= room) lo = mid;
    else hi = mid - 1;
  }
  return lo ? label.slice(0, lo).trimEnd() + "…" : "";
}

// Sigma spaces labels as if each stood right of its node; with labels also on the left, the
// boxes drawn in the current frame are kept (reset before each render) and a label that
// would cover one of them is left out; hovering its node still shows it.
function paintLabel(context, data, settings, boxes) {
  context.font = labelFont(settings);
  const place = placeLabel(context, data, settings);
  if (!place.text) return;
  if (boxes) {
    const x0 = place.onLeft ? place.x - place.width : place.x;
    const half = settings.labelSize / 2 + 1;
    const box = [x0 - 2, data.y - half, x0 + place.width + 2, data.y + half];
    const covers = (b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3];
    if (!data.forceLabel && boxes.some(covers)) return;
    boxes.push(box);
  }
  context.textAlign = place.onLeft ? "right" : "left";
  // A white outline keeps names readable where they cross edges.
  context.strokeStyle = "#fff";
  context.lineWidth = 3;
  context.lineJoin = "round";
  context.strokeText(place.text, place.x, place.y);
  context.fillStyle = settings.labelColor.color || "#000";
  context.fillText(place.text, place.x, place.y);
  context.textAlign = "left";
}

function drawLabel(context, data, settings) {
  if (!data.label) return;
  const canvas = context.canvas;
  if (!canvas.qnLabelBoxes) canvas.qnLabelBoxes = [];
  paintLabel(context, data, settings, canvas.qnLabelBoxes);
}

function drawHover(context, data, settings) {
  const pad = 2;
  context.font = labelFont(settings);
  context.fillStyle = "#fff";
  context.shadowOffsetX = 0;
  context.shadowOffsetY = 0;
  context.shadowBlur = 8;
  context.shadowColor = "#000";
  context.beginPath();
  context.arc(data.x, data.y, data.size + pad, 0, Math.PI * 2);
  if (data.label) {
    const place = placeLabel(context, data, settings);
    const height = settings.labelSize + 2 * pad;
    const reach = data.size + 3 + place.width + pad;
    context.rect(place.onLeft ? data.x - reach : data.x, data.y - height / 2, reach, height);
  }
  context.fill();
  context.shadowBlur = 0;
  if (data.label) paintLabel(context, data, settings, null);
}

// Texts of buttons styled by KERN sit in a <span class="kern-label">.
function setButtonText(button, text) {
  (button.querySelector(".kern-label") || button).textContent = text;
}

// ---------------------------------------------------------------------------------------------
// The map

class NetworkMap {
  constructor(root, config) {
    this.root = root;
    this.config = config;
    this.labels = Object.assign({}, DEFAULT_LABELS, config.labels || {});
    this.q = (name) => root.querySelector('[data-netmap-part="' + name + '"]');
    this.stage = this.q("stage");
    this.status = this.q("status");
    this.details = this.q("details");
    this.legend = this.q("legend");
    this.controls = this.q("controls");
    this.colorSelect = root.querySelector('[data-netmap-control="color"]');
    this.sizeSelect = root.querySelector('[data-netmap-control="size"]');
    this.searchInput = root.querySelector('[data-netmap-control="search"]');
    this.searchResults = this.q("search-results");
    this.dateInput = root.querySelector('[data-netmap-control="date"]');
    this.dateOutput = this.q("date-label");
    this.playButton = root.querySelector('[data-netmap-control="play"]');
    this.layoutButton = root.querySelector('[data-netmap-control="layout"]');
    this.egoSelect = root.querySelector('[data-netmap-control="radius"]');

    this.selected = null; // node key
    this.egoMask = null; // Uint8Array by node index, 1 = in ego network
    this.cut = null; // day number of the date slider, null = today's network
    this.searchMask = null;
    this.playTimer = null;
    this.layout = null;
    this.layoutTimer = null;
    this.edgesHiddenForLayout = false;
  }

  setStatus(text) {
    if (this.status) this.status.textContent = text;
  }

  async start() {
    this.setStatus(this.labels.loading);
    performance.mark("netmap:fetch-start");
    let data;
    try {
      if (this.config.dataElement) {
        data = JSON.parse(document.getElementById(this.config.dataElement).textContent);
      } else {
        const response = await fetch(withHistory(this.config.graphUrl), {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        if (!response.ok) throw new Error("HTTP " + response.status);
        data = await response.json();
      }
    } catch (err) {
      this.fail(this.labels.error, err);
      return;
    }
    performance.mark("netmap:fetch-end");
    this.build(normalise(data));
    performance.mark("netmap:build-end");
    try {
      this.render();
    } catch (err) {
      this.fail(this.labels.noWebgl, err);
      return;
    }
    performance.mark("netmap:render-end");
    performance.measure("netmap:fetch", "netmap:fetch-start", "netmap:fetch-end");
    performance.measure("netmap:build", "netmap:fetch-end", "netmap:build-end");
    performance.measure("netmap:first-render", "netmap:build-end", "netmap:render-end");
    if (this.controls) this.controls.hidden = false;
    this.root.classList.add("qn-netmap--ready");
    this.bindControls();
    this.applyColor();
    this.applySize();
    this.setupDates();
    this.updateCounts();
    // Read-only: where a node is drawn (for browser tests and tools that point at nodes).
    this.root.netmapNodePosition = (key) => this.nodeViewportPosition(key);
    this.root.dataset.state = "ready";
    this.startLayout();
  }

  // Where the node with institution id ``key`` is drawn, in CSS pixels of the browser
  // window ({x, y, size}), or null when the map does not show it.
  nodeViewportPosition(key) {
    key = String(key);
    if (!this.renderer || !this.graph.hasNode(key)) return null;
    const data = this.renderer.getNodeDisplayData(key);
    if (!data || data.hidden) return null;
    const point = this.renderer.framedGraphToViewport(data);
    const box = this.stage.getBoundingClientRect();
    return { x: box.left + point.x, y: box.top + point.y, size: data.size };
  }

  fail(message, err) {
    if (window.console) console.error(err); // eslint-disable-line no-console
    this.setStatus(message);
    this.root.dataset.state = "error";
    this.root.classList.add("qn-netmap--failed");
  }

  // -- graph -----------------------------------------------------------------------------------

  build({ nodes, edges, communities }) {
    this.communityLabels = new Map(communities.map((c) => [String(c.id), c.label]));
    const graph = new MultiGraph({ type: "mixed", allowSelfLoops: false });
    const n = nodes.length;
    this.nodeKeys = new Array(n);
    this.searchLabels = new Array(n);
    this.keyIndex = new Map();
    // With history: whether a node belongs to today's network, and the day it was archived.
    this.nodeCurrent = new Uint8Array(n);
    this.nodeGone = new Float64Array(n);
    let current = 0;

    // Communities (or types) start in their own disc, placed on a sunflower spiral: the first
    // picture already shows the groups, and ForceAtlas2 converges sooner.
    const groupOf = (node) => String(node.community ?? node.type ?? "");
    const sizes = new Map();
    for (const node of nodes) sizes.set(groupOf(node), (sizes.get(groupOf(node)) || 0) + 1);
    const order = Array.from(sizes.keys()).sort((a, b) => sizes.get(b) - sizes.get(a));
    const centres = new Map();
    const unit = 10;
    const gap = 2.4 * Math.sqrt(n / Math.max(order.length, 1)) * unit;
    order.forEach((g, k) => {
      const angle = k * 2.399963;
      const r = Math.sqrt(k) * gap;
      centres.set(g, [Math.cos(angle) * r, Math.sin(angle) * r, Math.sqrt(sizes.get(g)) * unit]);
    });
    const rand = random(42);
    for (let i = 0; i < n; i++) {
      const node = nodes[i];
      const key = String(node.id);
      const [cx, cy, radius] = centres.get(groupOf(node));
      const r = Math.sqrt(rand()) * radius;
      const a = rand() * 2 * Math.PI;
      this.nodeKeys[i] = key;
      this.keyIndex.set(key, i);
      this.nodeCurrent[i] = node.current === false ? 0 : 1;
      current += this.nodeCurrent[i];
      const gone = dayNumber(node.archived_on);
      this.nodeGone[i] = gone === null ? Infinity : gone;
      this.searchLabels[i] = (labelOf(node) + " " + (node.name || "")).toLowerCase();
      graph.addNode(key, {
        i,
        x: cx + Math.cos(a) * r,
        y: cy + Math.sin(a) * r,
        label: labelOf(node),
        size: 4,
        color: OTHER_COLOR,
        raw: node,
      });
    }

    const m = edges.length;
    this.edgeSource = new Int32Array(m);
    this.edgeTarget = new Int32Array(m);
    this.edgeFrom = new Float64Array(m);
    this.edgeTo = new Float64Array(m);
    this.edgeCurrent = new Uint8Array(m);
    this.activeDegree = new Int32Array(n);
    let kept = 0;
    let currentEdges = 0;
    this.minDay = Infinity;
    this.maxDay = -Infinity;
    for (let j = 0; j < m; j++) {
      const e = edges[j];
      const s = String(e.source);
      const t = String(e.target);
      const si = this.keyIndex.get(s);
      const ti = this.keyIndex.get(t);
      if (si === undefined || ti === undefined || si === ti) continue;
      const vf = dayNumber(e.valid_from);
      const vt = dayNumber(e.valid_to);
      if (vf !== null) {
        this.minDay = Math.min(this.minDay, vf);
        this.maxDay = Math.max(this.maxDay, vf);
      }
      if (vt !== null) this.maxDay = Math.max(this.maxDay, vt);
      const intensity = +e.intensity || 1;
      const attrs = {
        j: kept,
        si,
        ti,
        vf: vf === null ? -Infinity : vf,
        vt: vt === null ? Infinity : vt,
        cur: e.current !== false,
        weight: intensity,
        size: 0.6 + intensity * 0.35,
        color: EDGE_COLOR,
        type: e.directed ? "arrow" : "line",
        raw: e,
      };
      this.edgeSource[kept] = si;
      this.edgeTarget[kept] = ti;
      this.edgeFrom[kept] = attrs.vf;
      this.edgeTo[kept] = attrs.vt;
      this.edgeCurrent[kept] = attrs.cur ? 1 : 0;
      if (attrs.cur) currentEdges++;
      if (e.directed) graph.addDirectedEdge(s, t, attrs);
      else graph.addUndirectedEdge(s, t, attrs);
      kept++;
    }
    this.edgeCount = kept;
    this.graph = graph;
    // Today's network; the history adds what ended before.
    this.currentNodes = current;
    this.root.dataset.nodes = String(current);
    this.root.dataset.edges = String(currentEdges);
    this.root.dataset.historyEdges = String(kept);
  }

  // Whether an edge shows at the slider's position: today only today's network, on a past day
  // every cooperation valid then between institutions not yet archived.
  edgeShown(attr) {
    const cut = this.cut;
    if (cut === null) return attr.cur;
    return attr.vf <= cut && attr.vt >= cut && this.nodeGone[attr.si] > cut && this.nodeGone[attr.ti] > cut;
  }

  nodeShown(i) {
    const cut = this.cut;
    return cut === null ? this.nodeCurrent[i] === 1 : this.nodeGone[i] > cut;
  }

  render() {
    const large = this.graph.order > 1500;
    const self = this;
    this.renderer = new Sigma(this.graph, this.stage, {
      hideEdgesOnMove: large,
      hideLabelsOnMove: large,
      labelRenderedSizeThreshold: large ? 11 : 5,
      labelDensity: large ? 0.35 : 0.8,
      labelFont: getComputedStyle(this.stage).fontFamily || "system-ui, sans-serif",
      labelSize: 14,
      defaultDrawNodeLabel: drawLabel,
      defaultDrawNodeHover: drawHover,
      stagePadding: 36,
      zIndex: true,
      defaultEdgeType: "line",
      // Point sprites cost a fraction of the ringed circles on software WebGL.
      nodeProgramClasses: { circle: large ? NodePointProgram : RingedCircle },
      minEdgeThickness: large ? 1 : 1.7,
      // Reducers receive a shallow copy made by sigma; they change it in place and allocate nothing.
      nodeReducer(key, attr) {
        return self.reduceNode(key, attr);
      },
      edgeReducer(key, attr) {
        return self.reduceEdge(key, attr);
      },
    });
    const labelCanvas = this.renderer.getCanvases().labels;
    this.renderer.on("beforeRender", () => {
      labelCanvas.qnLabelBoxes = [];
    });
    this.renderer.on("clickNode", ({ node }) => this.select(node));
    this.renderer.on("clickStage", () => this.select(null));
    this.renderer.on("enterNode", () => {
      this.stage.style.cursor = "pointer";
    });
    this.renderer.on("leaveNode", () => {
      this.stage.style.cursor = "";
    });
  }

  reduceNode(key, attr) {
    const i = attr.i;
    const cut = this.cut;
    if (!this.nodeShown(i)) {
      attr.hidden = true;
      return attr;
    }
    if (this.egoMask !== null) {
      if (this.egoMask[i] === 0) {
        attr.color = DIM_NODE;
        attr.borderColor = DIM_RING;
        attr.size = Math.min(attr.size, 3);
        attr.label = null;
        attr.zIndex = 0;
      } else {
        attr.zIndex = 2;
        attr.forceLabel = true;
        if (key === this.selected) attr.highlighted = true;
      }
    } else if (cut !== null && this.activeDegree[i] === 0) {
      attr.color = DIM_NODE;
      attr.borderColor = DIM_RING;
      attr.label = null;
      attr.zIndex = 0;
    } else {
      attr.zIndex = 1;
    }
    if (this.searchMask !== null && this.searchMask[i] === 1) {
      attr.highlighted = true;
      attr.forceLabel = true;
      attr.zIndex = 3;
    }
    return attr;
  }

  reduceEdge(key, attr) {
    if (this.edgesHiddenForLayout) {
      attr.hidden = true;
      return attr;
    }
    if (!this.edgeShown(attr)) {
      attr.hidden = true;
      return attr;
    }
    if (this.egoMask !== null) {
      if (this.egoMask[attr.si] === 1 && this.egoMask[attr.ti] === 1) {
        attr.color = EDGE_EGO_COLOR;
        attr.zIndex = 1;
      } else {
        attr.hidden = true;
      }
    }
    return attr;
  }

  // -- colour, size, legend -----------------------------------------------------------------------

  categoryOf(raw, by) {
    if (by === "sector") {
      const s = raw.sectors;
      if (Array.isArray(s) && s.length) return String(s[0]);
      return "";
    }
    if (by === "community") return raw.community === undefined || raw.community === null ? "" : String(raw.community);
    if (by === "district") return raw.district ? String(raw.district) : "";
    return raw.type ? String(raw.type) : "";
  }

  communityName(value) {
    const label = this.communityLabels.get(String(value));
    return label || this.labels.community + " " + value;
  }

  applyColor() {
    const by = this.colorSelect ? this.colorSelect.value : "type";
    const counts = new Map();
    const names = new Map();
    this.graph.forEachNode((key, attr) => {
      const c = this.categoryOf(attr.raw, by);
      counts.set(c, (counts.get(c) || 0) + 1);
      if (!names.has(c)) names.set(c, by === "community" && c !== "" ? this.communityName(c) : c);
    });
    const ordered = Array.from(counts.keys()).sort((a, b) => {
      if (a === "") return 1;
      if (b === "") return -1;
      return counts.get(b) - counts.get(a) || String(names.get(a)).localeCompare(String(names.get(b)), "de");
    });
    const colors = new Map();
    let p = 0;
    let otherCount = 0;
    for (const c of ordered) {
      if (c !== "" && p < PALETTE.length - 1) colors.set(c, PALETTE[p++]);
      else {
        colors.set(c, OTHER_COLOR);
        otherCount += counts.get(c);
      }
    }
    this.graph.updateEachNodeAttributes(
      (key, attr) => {
        attr.color = colors.get(this.categoryOf(attr.raw, by));
        return attr;
      },
      { attributes: ["color"] },
    );
    if (this.legend) {
      this.legend.replaceChildren();
      for (const c of ordered) {
        if (colors.get(c) === OTHER_COLOR) continue;
        this.legend.append(this.legendItem(colors.get(c), names.get(c), counts.get(c)));
      }
      if (otherCount) {
        this.legend.append(this.legendItem(OTHER_COLOR, this.labels.other + " / " + this.labels.none, otherCount));
      }
    }
  }

  legendItem(color, name, count) {
    const li = el("li");
    const swatch = el("span", { class: "qn-netmap__swatch", "aria-hidden": "true" });
    swatch.style.background = color;
    li.append(swatch, document.createTextNode(name + " (" + formatNumber(count) + ")"));
    return li;
  }

  applySize() {
    const metric = this.sizeSelect ? this.sizeSelect.value : "";
    const large = this.graph.order > 1500;
    const minSize = large ? 1 : 3;
    const maxSize = large ? 8 : 16;
    let lo = Infinity;
    let hi = -Infinity;
    if (metric) {
      this.graph.forEachNode((key, attr) => {
        const v = +metricOf(attr.raw, metric);
        if (isFinite(v)) {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      });
    }
    const span = hi - lo;
    this.graph.updateEachNodeAttributes(
      (key, attr) => {
        const v = metric ? +metricOf(attr.raw, metric) : NaN;
        attr.size = isFinite(v) && span > 0 ? minSize + Math.sqrt((v - lo) / span) * (maxSize - minSize) : (minSize + maxSize) / 3;
        return attr;
      },
      { attributes: ["size"] },
    );
  }

  // -- controls ---------------------------------------------------------------------------------

  bindControls() {
    if (this.colorSelect) this.colorSelect.addEventListener("change", () => this.applyColor());
    if (this.sizeSelect) this.sizeSelect.addEventListener("change", () => this.applySize());
    if (this.egoSelect) this.egoSelect.addEventListener("change", () => this.select(this.selected));
    if (this.layoutButton) {
      this.layoutButton.addEventListener("click", () => {
        if (this.layout && this.layout.isRunning()) this.stopLayout();
        else this.startLayout(true);
      });
    }
    if (this.searchInput) {
      let timer = null;
      this.searchInput.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(() => this.search(this.searchInput.value), 120);
      });
      this.searchInput.addEventListener("keydown", (event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          clearTimeout(timer);
          this.search(this.searchInput.value);
          const first = this.searchResults && this.searchResults.querySelector("button");
          if (first) first.click();
        }
      });
    }
    this.root.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && this.selected !== null) this.select(null);
    });
  }

  search(query) {
    const q = query.trim().toLowerCase();
    if (this.searchResults) this.searchResults.replaceChildren();
    if (!q) {
      this.searchMask = null;
      this.renderer.refresh({ skipIndexation: true });
      return;
    }
    const n = this.nodeKeys.length;
    if (this.searchMask === null) this.searchMask = new Uint8Array(n);
    else this.searchMask.fill(0);
    let found = 0;
    for (let i = 0; i < n; i++) {
      if (this.searchLabels[i].includes(q)) {
        this.searchMask[i] = 1;
        if (found < 8 && this.searchResults) {
          const key = this.nodeKeys[i];
          const li = el("li");
          const button = el("button", { type: "button", class: "qn-netmap__link" }, this.graph.getNodeAttribute(key, "label"));
          button.addEventListener("click", () => {
            this.searchResults.replaceChildren();
            this.select(key, true);
          });
          li.append(button);
          this.searchResults.append(li);
        }
        found++;
      }
    }
    if (!found && this.searchResults) this.searchResults.append(el("li", null, this.labels.noResults));
    this.renderer.refresh({ skipIndexation: true });
  }

  select(key, focus) {
    if (key === null || key === undefined || !this.graph.hasNode(key)) {
      this.selected = null;
      this.egoMask = null;
      if (this.details) {
        this.details.hidden = true;
        this.details.replaceChildren();
      }
      this.renderer.refresh({ skipIndexation: true });
      return;
    }
    this.selected = key;
    const radius = this.egoSelect ? +this.egoSelect.value || 1 : 1;
    this.egoMask = this.egoMask || new Uint8Array(this.nodeKeys.length);
    this.egoMask.fill(0);
    let frontier = [key];
    this.egoMask[this.keyIndex.get(key)] = 1;
    for (let step = 0; step < radius; step++) {
      const next = [];
      for (const node of frontier) {
        this.graph.forEachEdge(node, (edge, attr, source, target) => {
          if (!this.edgeShown(attr)) return;
          const other = source === node ? target : source;
          const idx = this.keyIndex.get(other);
          if (this.egoMask[idx] === 0) {
            this.egoMask[idx] = 1;
            next.push(other);
          }
        });
      }
      frontier = next;
    }
    this.showDetails(key);
    this.renderer.refresh({ skipIndexation: true });
    if (focus) this.focusEgo();
  }

  // Move the camera so that the whole ego network fits the view.
  focusEgo() {
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    for (let i = 0; i < this.egoMask.length; i++) {
      if (this.egoMask[i] === 0) continue;
      const pos = this.renderer.getNodeDisplayData(this.nodeKeys[i]);
      if (!pos) continue;
      if (pos.x < x0) x0 = pos.x;
      if (pos.x > x1) x1 = pos.x;
      if (pos.y < y0) y0 = pos.y;
      if (pos.y > y1) y1 = pos.y;
    }
    if (!isFinite(x0)) return;
    const ratio = Math.min(1, Math.max(0.06, Math.max(x1 - x0, y1 - y0) * 1.3));
    this.renderer.getCamera().animate({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio }, { duration: 400 });
  }

  showDetails(key) {
    if (!this.details) return;
    const attr = this.graph.getNodeAttributes(key);
    const raw = attr.raw;
    const L = this.labels;
    const box = this.details;
    box.replaceChildren();
    const head = el("div", { class: "qn-netmap__details-head" });
    const title = el("h3", { id: "qn-netmap-details-title", tabindex: "-1" }, raw.name || attr.label);
    const close = el("button", { type: "button", class: "qn-netmap__close", "aria-label": L.close }, "×");
    close.addEventListener("click", () => this.select(null));
    head.append(title, close);
    box.append(head);

    const dl = el("dl");
    const row = (term, value) => {
      if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
      dl.append(el("dt", null, term), el("dd", null, Array.isArray(value) ? value.join(", ") : formatNumber(value)));
    };
    row(L.type, raw.type);
    row(L.sectors, raw.sectors);
    row(L.district, raw.district);
    if (raw.community !== undefined && raw.community !== null) row(L.community, this.communityName(raw.community));
    for (const metric of this.config.metrics || []) row(metric.label, metricOf(raw, metric.key));
    box.append(dl);
    if (raw.website && /^https?:\/\//.test(raw.website)) {
      const p = el("p");
      p.append(el("a", { href: raw.website, rel: "noopener" }, L.website));
      box.append(p);
    }
    if (this.config.editUrlTemplate) {
      const p = el("p");
      p.append(el("a", { href: this.config.editUrlTemplate.replace("__id__", encodeURIComponent(raw.id)), class: "button button-small button-secondary" }, L.edit));
      box.append(p);
    }

    const partners = [];
    const seen = new Set();
    this.graph.forEachEdge(key, (edge, eattr, source, target) => {
      if (!this.edgeShown(eattr)) return;
      const other = source === key ? target : source;
      if (!seen.has(other)) {
        seen.add(other);
        partners.push(other);
      }
    });
    partners.sort((a, b) => this.graph.getNodeAttribute(a, "label").localeCompare(this.graph.getNodeAttribute(b, "label"), "de"));
    box.append(el("h4", null, L.partners + " (" + formatNumber(partners.length) + ")"));
    const list = el("ul", { class: "qn-netmap__partners" });
    for (const other of partners.slice(0, 60)) {
      const li = el("li");
      const button = el("button", { type: "button", class: "qn-netmap__link" }, this.graph.getNodeAttribute(other, "label"));
      button.addEventListener("click", () => this.select(other, true));
      li.append(button);
      list.append(li);
    }
    if (partners.length > 60) list.append(el("li", null, "…"));
    box.append(list);
    box.hidden = false;
    title.focus({ preventScroll: true });
  }

  // -- date slider --------------------------------------------------------------------------------

  setupDates() {
    if (!this.dateInput) return;
    const wrapper = this.q("dates");
    if (!isFinite(this.minDay)) {
      if (wrapper) wrapper.hidden = true;
      return;
    }
    const today = Math.floor(Date.now() / DAY_MS);
    const first = monthStart(this.minDay);
    const last = monthStart(Math.min(Math.max(this.maxDay, first), today));
    const months = [];
    for (let d = first; d <= last; d = addMonths(d, 1)) months.push(d);
    this.months = months;
    this.dateInput.min = "0";
    this.dateInput.max = String(months.length); // the last step shows today's network
    this.dateInput.step = "1";
    this.dateInput.value = String(months.length);
    this.dateInput.addEventListener("input", () => this.setDateStep(+this.dateInput.value));
    if (this.playButton) this.playButton.addEventListener("click", () => this.togglePlay());
    this.setDateStep(months.length);
  }

  setDateStep(step) {
    const months = this.months;
    if (step >= months.length) {
      this.cut = null;
      if (this.dateOutput) this.dateOutput.textContent = this.labels.allDates;
      this.dateInput.setAttribute("aria-valuetext", this.labels.allDates);
    } else {
      // Snapshot at the end of the month.
      this.cut = addMonths(months[step], 1) - 1;
      const text = formatMonth(months[step]);
      if (this.dateOutput) this.dateOutput.textContent = text;
      this.dateInput.setAttribute("aria-valuetext", text);
    }
    this.updateCounts();
    if (this.selected !== null) this.select(this.selected);
    else this.renderer.refresh({ skipIndexation: true });
  }

  togglePlay() {
    if (this.playTimer !== null) {
      this.stopPlay();
      return;
    }
    let step = +this.dateInput.value;
    if (step >= this.months.length) step = 0;
    this.playButton.textContent = this.labels.pause;
    this.playButton.setAttribute("aria-pressed", "true");
    const tick = () => {
      this.dateInput.value = String(step);
      this.setDateStep(step);
      step += 1;
      if (step > this.months.length) this.stopPlay();
    };
    tick();
    this.playTimer = setInterval(tick, Math.max(120, Math.min(500, 24000 / this.months.length)));
  }

  stopPlay() {
    clearInterval(this.playTimer);
    this.playTimer = null;
    if (this.playButton) {
      this.playButton.textContent = this.labels.play;
      this.playButton.setAttribute("aria-pressed", "false");
    }
  }

  updateCounts() {
    const cut = this.cut;
    const deg = this.activeDegree;
    deg.fill(0);
    let edges = 0;
    const gone = this.nodeGone;
    for (let j = 0; j < this.edgeCount; j++) {
      const si = this.edgeSource[j];
      const ti = this.edgeTarget[j];
      if (cut === null) {
        if (this.edgeCurrent[j] === 0) continue;
      } else if (this.edgeFrom[j] > cut || this.edgeTo[j] < cut || gone[si] <= cut || gone[ti] <= cut) {
        continue;
      }
      deg[this.edgeSource[j]]++;
      deg[this.edgeTarget[j]]++;
      edges++;
    }
    if (cut === null) {
      this.setStatus(format(this.labels.ready, { nodes: formatNumber(this.currentNodes), edges: formatNumber(edges) }));
      return;
    }
    let nodes = 0;
    for (let i = 0; i < deg.length; i++) if (deg[i] > 0) nodes++;
    this.setStatus(format(this.labels.visible, { nodes: formatNumber(nodes), edges: formatNumber(edges) }));
  }

  // -- layout -------------------------------------------------------------------------------------

  // ForceAtlas2 runs in a worker on a position-only copy of the graph, so its iterations never
  // trigger sigma; positions are copied to the drawn graph once per frame (small networks) or a
  // few times per second (large ones), which keeps the main thread free for panning and zooming.
  startLayout(manual) {
    const n = this.graph.order;
    if (!n || typeof Worker === "undefined") return;
    if (!this.layout) {
      useWorkerUrl(this.config.workerUrl);
      const shadow = new MultiGraph({ type: "mixed", allowSelfLoops: false });
      this.graph.forEachNode((key, attr) => shadow.addNode(key, { x: attr.x, y: attr.y }));
      this.graph.forEachEdge((edge, attr, source, target, sa, ta, undirected) => {
        if (undirected) shadow.addUndirectedEdge(source, target, { weight: attr.weight });
        else shadow.addDirectedEdge(source, target, { weight: attr.weight });
      });
      this.shadow = shadow;
      try {
        this.layout = new FA2Layout(shadow, {
          getEdgeWeight: "weight",
          settings: {
            barnesHutOptimize: n > 1000,
            strongGravityMode: true,
            gravity: 0.05,
            scalingRatio: 10,
            slowDown: 1 + Math.log(n),
            edgeWeightInfluence: 0.5,
          },
        });
      } catch (err) {
        if (window.console) console.error(err); // eslint-disable-line no-console
        return;
      }
      this.iterations = 0;
      this.layoutDirty = false;
      shadow.on("eachNodeAttributesUpdated", () => {
        this.layoutDirty = true;
      });
      this.layout.worker.addEventListener("message", (event) => {
        this.iterations += event.data.iterations || 1;
      });
      this.copyPositions = () => {
        if (!this.layoutDirty) return;
        this.layoutDirty = false;
        const positions = this.shadow;
        this.graph.updateEachNodeAttributes(
          (key, attr) => {
            const p = positions.getNodeAttributes(key);
            attr.x = p.x;
            attr.y = p.y;
            return attr;
          },
          { attributes: ["x", "y"] },
        );
      };
    }
    this.layoutStarted = performance.now();
    this.layoutStartIterations = this.iterations;
    this.layout.start();
    // Large networks move without their edges: drawing thousands of long edges per frame would
    // take the processor away from the layout worker on machines without a graphics card.
    this.edgesHiddenForLayout = n > 1500;
    const interval = n > 3000 ? 1000 : n > 1500 ? 400 : n > 500 ? 100 : 0;
    const pump = () => {
      this.copyPositions();
      if (this.layout.isRunning()) this.layoutFrame = interval ? setTimeout(pump, interval) : requestAnimationFrame(pump);
    };
    pump();
    this.root.dataset.layout = "running";
    if (this.layoutButton) setButtonText(this.layoutButton, this.labels.layoutStop);
    // Automatic runs stop after a budget that grows with the network; a click runs another budget.
    const budget = n < 300 ? 2500 : n < 2000 ? 5000 : 10000;
    clearTimeout(this.layoutTimer);
    this.layoutTimer = setTimeout(() => this.stopLayout(), manual ? budget / 2 : budget);
  }

  stopLayout() {
    clearTimeout(this.layoutTimer);
    if (!this.layout || !this.layout.isRunning()) return;
    this.layout.stop();
    this.copyPositions();
    if (this.edgesHiddenForLayout) {
      this.edgesHiddenForLayout = false;
      this.renderer.refresh({ skipIndexation: true });
    }
    const ms = performance.now() - this.layoutStarted;
    const iterations = this.iterations - this.layoutStartIterations;
    this.root.dataset.layout = "stopped";
    this.root.dataset.layoutMs = String(Math.round(ms));
    this.root.dataset.layoutIterations = String(iterations);
    if (this.layoutButton) setButtonText(this.layoutButton, this.labels.layoutStart);
    this.root.dispatchEvent(new CustomEvent("netmap:layoutstop", { detail: { ms, iterations } }));
  }
}

function init(root) {
  if (root.dataset.state) return;
  root.dataset.state = "loading";
  const configElement = document.getElementById(root.dataset.netmapConfig);
  const config = configElement ? JSON.parse(configElement.textContent) : {};
  const map = new NetworkMap(root, config);
  root.netmap = map; // for benchmarks and browser tests
  map.start();
}

function boot() {
  document.querySelectorAll("[data-netmap]").forEach(init);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
else boot();
