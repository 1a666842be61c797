let pyodide = null;

self.onmessage = async ({ data }) => {
  if (data === "ping") {
    pyodide.runPython("None");
    self.postMessage("pong");
    return;
  }
  importScripts(new URL("pyodide.js", data).href);
  pyodide = await loadPyodide({ indexURL: data });
  await pyodide.loadPackage("numpy");
  pyodide.runPython("import numpy");
  self.postMessage("ready");
};
