// Derives the site's Python runtime by running the pinned Pyodide itself under Node.
//
//   node in_node.js PYODIDE_DIR WORK_DIR
//
// WORK_DIR holds demo/pyscript_demo/ (the demos to trace) and receives out/ (the derived files) and
// result.json. Two fresh interpreters: one traces the demos' imports on the pinned runtime and then
// compiles, one runs the demos again on the derived files.
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const [pyodideDir, work] = process.argv.slice(2).map((p) => path.resolve(p) + "/");
const { loadPyodide } = require(path.join(pyodideDir, "pyodide.js"));
const code = fs.readFileSync(path.join(__dirname, "in_pyodide.py"), "utf8");
const fallback = fs.readFileSync(path.join(__dirname, "sitecustomize.py"), "utf8");
const quiet = { stdout: () => {}, stderr: (line) => console.error(line) };

async function python(indexURL, packages) {
  const pyodide = await loadPyodide({ indexURL, env: { PYTHONHASHSEED: "0" }, packages, ...quiet });
  pyodide.FS.mkdirTree("/work");
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: work }, "/work");
  pyodide.runPython(code);
  return pyodide;
}

// The packages the demos are traced with: a demo that imports another fails the trace, saying so.
const TRACED_WITH = ["numpy"];

// A failure to report in one line, without a stack: the demos' code, not this script, went wrong.
class Failure extends Error {}

function traced(pyodide) {
  const result = JSON.parse(pyodide.runPython("import json; json.dumps(trace('/work/demo'))"));
  if (result.failure) {
    const why = result.missing ? ` (the trace loads the packages ${TRACED_WITH.join(", ")} alone)` : "";
    throw new Failure(`${result.failure}${why}`);
  }
  return [result.used, result.computed, result.numpy];
}

(async () => {
  const lock = JSON.parse(fs.readFileSync(path.join(pyodideDir, "pyodide-lock.json"), "utf8"));
  const numpy = lock.packages.numpy;
  const out = path.join(work, "out");
  fs.mkdirSync(out, { recursive: true });

  const compiler = await python(pyodideDir, TRACED_WITH);
  const [used, computed, numpyUsed] = traced(compiler);
  compiler.globals.set("used", compiler.toPy(used));
  compiler.globals.set("numpy_used", compiler.toPy(numpyUsed));
  compiler.globals.set("fallback", fallback);
  const numpyRest = compiler
    .runPython(`wheel("/work/in/${numpy.file_name}", "/work/out/${numpy.file_name}", "/work/out/numpy_rest.zip", numpy_used)`)
    .toJs({ dict_converter: Object.fromEntries });
  compiler.globals.set("numpy_rest", compiler.toPy(numpyRest));
  const rest = compiler.runPython(`
stdlib("/work/in/python_stdlib.zip", used, fallback, "/work/out", numpy_rest)
`).toJs();

  // The lock file as published, with the derived wheel's sha256: Pyodide checks each wheel against it.
  const wheelSha256 = crypto.createHash("sha256").update(fs.readFileSync(path.join(out, numpy.file_name))).digest("hex");
  const original = fs.readFileSync(path.join(pyodideDir, "pyodide-lock.json"), "utf8");
  if (original.split(numpy.sha256).length !== 2) throw new Error("numpy's sha256 is not once in the lock file");
  fs.writeFileSync(path.join(out, "pyodide-lock.json"), original.replace(numpy.sha256, wheelSha256));

  // The derived runtime, as the browser will see it: the core files with the derived ones beside them.
  const check = path.join(work, "check");
  fs.mkdirSync(check, { recursive: true });
  for (const name of ["pyodide.asm.js", "pyodide.asm.wasm"]) fs.copyFileSync(path.join(pyodideDir, name), path.join(check, name));
  for (const name of fs.readdirSync(out)) fs.copyFileSync(path.join(out, name), path.join(check, name));
  const derived = await python(check + "/", TRACED_WITH);
  const [usedAfter, computedAfter, numpyAfter] = traced(derived);
  const numpyFile = derived.runPython("import numpy; numpy.__file__");
  fs.writeFileSync(
    path.join(work, "result.json"),
    JSON.stringify(
      { used, computed, rest, numpyUsed, numpyRest, usedAfter, computedAfter, numpyAfter, numpyFile, wheelSha256 },
      null,
      1,
    ),
  );
})().catch((err) => {
  // One line for whoever runs `make mirror`: a Python error's last line says what it was.
  const lines = String(err && err.message ? err.message : err).trim().split("\n");
  console.error(err instanceof Failure ? err.message : `${err && err.name}: ${lines[lines.length - 1]}`);
  process.exit(1);
});
