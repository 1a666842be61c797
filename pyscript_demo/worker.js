// The Python side of the live demos: Pyodide and numpy in a Web Worker, so the page never blocks.
//
// Messages in:  {type: "init", runtime, moduleBase, modules, entry}
//               {type: "call", id, kwargs}
// Messages out: {type: "progress", text} while loading, then {type: "ready"} or {type: "failed", message};
//               {type: "result", id, value} or {type: "error", id, message} for each call.

let entry = null;

function progress(text) {
  self.postMessage({ type: "progress", text });
}

async function init({ runtime, moduleBase, modules, entry: entryName }) {
  progress("Downloading the Python runtime…");
  importScripts(new URL("pyodide.js", runtime).href);
  const pyodide = await loadPyodide({ indexURL: runtime });
  progress("Loading numpy…");
  await pyodide.loadPackage("numpy", { messageCallback: () => {} });
  progress("Loading this page's Python…");
  const [moduleName, functionName] = entryName.split(":");
  const packageDir = `/demo/${moduleName.split(".")[0]}`;
  pyodide.FS.mkdirTree(packageDir);
  await Promise.all(
    modules.map(async (name) => {
      const response = await fetch(new URL(name, moduleBase));
      if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
      pyodide.FS.writeFile(`${packageDir}/${name}`, await response.text());
    }),
  );
  pyodide.runPython("import sys; sys.path.insert(0, '/demo')");
  entry = pyodide.pyimport(moduleName)[functionName];
}

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    try {
      await init(data);
      self.postMessage({ type: "ready" });
    } catch (err) {
      self.postMessage({ type: "failed", message: String(err && err.message ? err.message : err) });
    }
  } else if (data.type === "call") {
    try {
      const result = entry.callKwargs(data.kwargs);
      const value = result.toJs({ dict_converter: Object.fromEntries });
      result.destroy();
      self.postMessage({ type: "result", id: data.id, value });
    } catch (err) {
      self.postMessage({ type: "error", id: data.id, message: String(err && err.message ? err.message : err) });
    }
  }
};
