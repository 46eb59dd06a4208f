// ForceAtlas2 web worker, served as a same-origin static file so that the
// Content-Security-Policy ('self') allows it (the library's default worker is a blob: URL).
// Each request from the page runs as many iterations as fit in a short time slice instead of
// one, so the layout advances even while the page is busy drawing.
import workerFunction from "graphology-layout-forceatlas2/webworker.js";

const SLICE_MS = 20;
const post = self.postMessage.bind(self);
const listen = self.addEventListener.bind(self);
let iterateOnce = null;
let result = null;

self.addEventListener = function (type, fn) {
  if (type === "message") iterateOnce = fn;
  else listen(type, fn);
};
self.postMessage = function (message) {
  result = message;
};
workerFunction.call(self);

listen("message", function (event) {
  const settings = event.data.settings;
  const started = performance.now();
  iterateOnce(event);
  let iterations = 1;
  while (performance.now() - started < SLICE_MS) {
    iterateOnce({ data: { settings, nodes: result.nodes } });
    iterations++;
  }
  result.iterations = iterations;
  post(result, [result.nodes]);
});
