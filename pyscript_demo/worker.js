// The Python side of the live demos: Pyodide and numpy in a Web Worker, so the page never blocks.
//
// Messages in:  {type: "init", runtime, moduleBase, modules, entry, lifeLock}  (lifeLock: a Web Lock name)
//               {type: "call", id, message}       (message: the JSON string the entry takes)
// Messages out: {type: "progress", stage, stages, text, holdsLifeLock} while loading, then {type: "ready"}
//               or {type: "failed", message};
//               {type: "result", id, value} or {type: "error", id, message} for each call.

const STAGES = [
  "downloading and starting the Python runtime (Pyodide, about 13 MB)",
  "downloading numpy (about 3 MB)",
  "loading this page's Python",
];

let entry = null;

let holdsLifeLock = false;

function progress(stage) {
  self.postMessage({ type: "progress", stage, stages: STAGES.length, text: STAGES[stage], holdsLifeLock });
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
    env: { PYTHON_STDLIB_REST_URL: at(derived.rest) },
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

async function startPyodide(runtime) {
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

async function init({ runtime, moduleBase, modules, entry: entryName, lifeLock }) {
  // The demo's own modules download while Pyodide starts; a failure is reported once Pyodide is up.
  const sources = Promise.all(
    modules.map(async (name) => {
      const response = await fetch(new URL(name, moduleBase));
      if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
      return [name, await response.text()];
    }),
  );
  sources.catch(() => {});
  // Held until this worker ends, however it ends: the page waits on it to learn that Python is gone.
  // A browser that denies the site storage refuses the lock too: Python then starts without it.
  if (lifeLock) {
    await new Promise((held) => {
      navigator.locks
        .request(lifeLock, () => ((holdsLifeLock = true), held(), new Promise(() => {})))
        .catch(() => held());
    });
  }
  progress(0);
  const pyodide = await startPyodide(runtime);
  progress(1);
  // loadPackage reports a failed download or a wrong sha256 through errorCallback, not by throwing.
  const problems = [];
  await pyodide.loadPackage("numpy", { messageCallback: () => {}, errorCallback: (m) => problems.push(m) });
  if (problems.length) throw new Error(problems.join(" "));
  progress(2);
  const [moduleName, functionName] = entryName.split(":");
  const packageDir = `/demo/${moduleName.split(".")[0]}`;
  pyodide.FS.mkdirTree(packageDir);
  for (const [name, text] of await sources) pyodide.FS.writeFile(`${packageDir}/${name}`, text);
  pyodide.runPython("import sys; sys.path.insert(0, '/demo')");
  entry = pyodide.pyimport(moduleName)[functionName];
}

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    try {
      await init(data);
      self.postMessage({ type: "ready" });
    } catch (err) {
      self.postMessage({ type: "failed", message: errorMessage(err) });
    }
  } else if (data.type === "call") {
    try {
      self.postMessage({ type: "result", id: data.id, value: entry(data.message) });
    } catch (err) {
      self.postMessage({ type: "error", id: data.id, message: errorMessage(err) });
    }
  }
};
