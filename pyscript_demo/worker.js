// The Python side of the live demos: Pyodide in a Web Worker, so the page never blocks. One worker serves
// every demo of the visit; each demo is loaded once, with its own packages, modules and entry point.
//
// Messages in:  {type: "init", runtime, lifeLock}              (lifeLock: a Web Lock name, held for life)
//               {type: "load", demo, moduleBase, modules, packages, entry, warm}   (entry: "module:attr.path";
//               warm: a message the entry takes, the demo's starting view)
//               {type: "call", id, demo, message}               (message: the JSON string the entry takes)
// Messages out: {type: "started", holdsLifeLock} once the life lock is held (or refused);
//               {type: "progress", demo, stage, stages, text} while a demo loads, then {type: "ready", demo}
//               or {type: "failed", demo, message};
//               {type: "result", id, value} or {type: "error", id, message, traceback} for each call.

let python = null; // the promise of Pyodide, started by "init"
const demos = new Map(); // demo name: the promise of its entry function
const SIZES = { numpy: "about 3 MB" }; // told to the reader while a package downloads
// Calls of a demo's starting view made before it is ready. The browser first runs Python's interpreter from
// quickly compiled, slower code and optimises what turns out hot: the first moves of a slider took two to
// three times as long as later ones. These calls (about 0.1 s in all) make that happen before the reader
// moves anything.
const WARM_CALLS = 10;

async function loadPackages(pyodide, packages) {
  // loadPackage reports a failed download or a wrong sha256 through errorCallback, not by throwing.
  const problems = [];
  await pyodide.loadPackage(packages, { messageCallback: () => {}, errorCallback: (m) => problems.push(m) });
  if (problems.length) throw new Error(problems.join(" "));
}

function errorMessage(err) {
  return String(err && err.message ? err.message : err);
}

// The site's own build of the runtime's Python files (precompiled, the standard library trimmed), when the
// build made one: runtime.json, beside this script, lists them with their integrity hashes. Pyodide fetches
// them itself, in parallel with its core from `runtime`; the worker's fetch adds each file's integrity
// check to those requests, and names in full the derived wheels in the lock file (Pyodide resolves a
// package against indexURL). Returns loadPyodide's options, and `refused()`: the first file refused.
async function derivedFiles() {
  const manifestURL = new URL("runtime.json", self.location.href);
  const response = await fetch(manifestURL);
  if (!response.ok) throw new Error(`runtime.json: HTTP ${response.status}`);
  const derived = await response.json();
  if (!derived.stdlib) return { options: {}, refused: () => null };
  const at = (url) => new URL(url, manifestURL).href;
  let refused = null;
  const checked = new Map([
    [at(derived.stdlib.url), { ...derived.stdlib, adapt: (file) => file }],
    [at(derived.lock.url), { ...derived.lock, adapt: (file) => withFullWheelNames(file, derived.wheels, at) }],
  ]);
  // Pyodide starts the standard library's download long before it waits for it: a refusal that comes first
  // would also be logged as an unhandled rejection, though startPython reports it.
  self.addEventListener("unhandledrejection", (event) => {
    if (refused && event.reason === refused) event.preventDefault();
  });
  const plainFetch = self.fetch.bind(self);
  self.fetch = async (input, init) => {
    const file = checked.get(String(input));
    if (!file) return plainFetch(input, init);
    try {
      return await file.adapt(await plainFetch(input, { ...init, integrity: file.integrity }));
    } catch {
      refused ??= new Error(`${file.url}: download failed or its integrity check did not pass`);
      throw refused;
    }
  };
  const options = {
    stdLibURL: at(derived.stdlib.url),
    lockFileURL: at(derived.lock.url),
    env: { PYTHON_STDLIB_REST_URL: at(derived.rest), PYTHON_NUMPY_REST_URL: at(derived.numpyRest) },
  };
  return { options, refused: () => refused };
}

async function withFullWheelNames(response, wheels, at) {
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const lock = await response.json();
  for (const entry of Object.values(lock.packages)) {
    if (wheels[entry.file_name]) entry.file_name = at(wheels[entry.file_name]);
  }
  return new Response(JSON.stringify(lock), { headers: { "Content-Type": "application/json" } });
}

// The one place Pyodide is loaded.
async function startPython(runtime) {
  const derived = derivedFiles();
  derived.catch(() => {}); // reported below, once Pyodide's own script is in
  importScripts(new URL("pyodide.js", runtime).href);
  const { options, refused } = await derived;
  try {
    const pyodide = await loadPyodide({ indexURL: runtime, ...options });
    if (refused()) throw refused();
    return pyodide;
  } catch (err) {
    throw refused() || err;
  }
}

// A Python traceback's last line says what went wrong; the whole of it is for the author's console.
function shortMessage(text) {
  const lines = text.trim().split("\n");
  return lines[lines.length - 1];
}

async function holdLifeLock(lifeLock) {
  // Held until this worker ends, however it ends: the page waits on it to learn that Python is gone.
  // A browser that denies the site storage refuses the lock too: Python then starts without it.
  let holds = false;
  if (lifeLock) {
    await new Promise((held) => {
      navigator.locks
        .request(lifeLock, () => ((holds = true), held(), new Promise(() => {})))
        .catch(() => held());
    });
  }
  self.postMessage({ type: "started", holdsLifeLock: holds });
}

async function load({ demo, moduleBase, modules, packages, entry, warm }) {
  const STAGES = [
    "downloading and starting the Python runtime (Pyodide, about 13 MB)",
    `downloading ${packages.map((name) => (SIZES[name] ? `${name} (${SIZES[name]})` : name)).join(", ") || "no packages"}`,
    "loading this page's Python",
  ];
  const progress = (stage) =>
    self.postMessage({ type: "progress", demo, stage, stages: STAGES.length, text: STAGES[stage] });
  // The demo's own modules download while Pyodide starts; a failure is reported once Pyodide is up.
  const sources = Promise.all(
    modules.map(async (path) => {
      const response = await fetch(new URL(path, moduleBase));
      if (!response.ok) throw new Error(`${path.split("/").pop()}: HTTP ${response.status}`);
      return [path, await response.text()];
    }),
  );
  sources.catch(() => {});
  progress(0);
  const pyodide = await python;
  progress(1);
  await loadPackages(pyodide, packages);
  progress(2);
  for (const [path, text] of await sources) {
    pyodide.FS.mkdirTree(`/demo/${path.slice(0, path.lastIndexOf("/"))}`);
    pyodide.FS.writeFile(`/demo/${path}`, text);
  }
  // New files under a folder Python has already listed are found only once its caches are dropped.
  pyodide.runPython("import importlib, sys; sys.path.insert(0, '/demo') if '/demo' not in sys.path else None; importlib.invalidate_caches()");
  const [moduleName, attributes] = entry.split(":");
  let fn = pyodide.pyimport(moduleName);
  for (const name of attributes.split(".")) fn = fn[name];
  try {
    for (let i = 0; warm && i < WARM_CALLS; i++) fn(warm);
  } catch {
    // A demo whose view fails says so on the page's first call, where the reader sees it.
  }
  return fn;
}

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    python = holdLifeLock(data.lifeLock).then(() => startPython(data.runtime));
    python.catch(() => {});
  } else if (data.type === "load") {
    const loading = load(data);
    demos.set(data.demo, loading);
    try {
      await loading;
      self.postMessage({ type: "ready", demo: data.demo });
    } catch (err) {
      self.postMessage({ type: "failed", demo: data.demo, message: shortMessage(errorMessage(err)) });
    }
  } else if (data.type === "call") {
    try {
      const entry = await demos.get(data.demo);
      self.postMessage({ type: "result", id: data.id, value: entry(data.message) });
    } catch (err) {
      const text = errorMessage(err);
      self.postMessage({ type: "error", id: data.id, message: shortMessage(text), traceback: text });
    }
  }
};
