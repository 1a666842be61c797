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
// build made one: listed in runtime.json beside this script, each file fetched with its integrity checked,
// then handed to Pyodide as it fetched it. Pyodide's core still comes from `runtime`.
async function derivedFiles() {
  const manifestURL = new URL("runtime.json", self.location.href);
  const response = await fetch(manifestURL);
  if (!response.ok) throw new Error(`runtime.json: HTTP ${response.status}`);
  const derived = await response.json();
  if (!derived.stdlib) return {};
  const at = (url) => new URL(url, manifestURL).href;
  const checked = async ({ url, integrity }) => {
    const file = await fetch(at(url), { integrity }).catch(() => {
      throw new Error(`${url}: download failed or its integrity check did not pass`);
    });
    if (!file.ok) throw new Error(`${url}: HTTP ${file.status}`);
    return file.blob();
  };
  const [stdlib, lockFile] = await Promise.all([checked(derived.stdlib), checked(derived.lock)]);
  const lock = JSON.parse(await lockFile.text());
  // Pyodide resolves a package's file_name against indexURL: the derived wheels are named in full. Each
  // starts downloading now, checked against the lock, while Pyodide starts; Pyodide's own request for it
  // later is answered by the HTTP cache.
  for (const entry of Object.values(lock.packages)) {
    if (!derived.wheels[entry.file_name]) continue;
    entry.file_name = at(derived.wheels[entry.file_name]);
    const integrity = `sha256-${btoa(entry.sha256.match(/../g).map((h) => String.fromCharCode(parseInt(h, 16))).join(""))}`;
    fetch(entry.file_name, { integrity }).catch(() => {});
  }
  return {
    stdLibURL: URL.createObjectURL(stdlib),
    lockFileURL: URL.createObjectURL(new Blob([JSON.stringify(lock)], { type: "application/json" })),
    env: { PYTHON_STDLIB_REST_URL: at(derived.rest) },
  };
}

async function startPyodide(runtime) {
  const derived = derivedFiles();
  derived.catch(() => {}); // reported below, once Pyodide's own script is in
  importScripts(new URL("pyodide.js", runtime).href);
  return loadPyodide({ indexURL: runtime, ...(await derived) });
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
