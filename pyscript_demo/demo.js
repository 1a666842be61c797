// Makes the page's live demos live: one Python worker for the whole visit, shared by every page
// that has a demo, and demos re-mounted on each page that Material's instant navigation shows.
// The page is complete without this script: it only swaps in what the Python returns.
(() => {
  if (window.conceptDemos) return; // already running: instant navigation does not reload scripts

  const BASE = new URL(".", document.currentScript.src);

  function errorText(err) {
    const text = String(err && err.message ? err.message : err).trim();
    return text.split("\n").pop(); // a Python traceback's last line says what went wrong
  }

  class PythonRuntime {
    constructor(config) {
      this.config = config;
      this.listeners = new Set();
      this.calls = new Map();
      this.nextId = 0;
      this.start();
    }

    start() {
      this.state = "loading";
      this.message = "Starting Python…";
      this.worker = new Worker(new URL("worker.js", BASE));
      this.worker.onmessage = ({ data }) => this.receive(data);
      this.worker.onerror = (event) => {
        event.preventDefault();
        this.fail(event.message || "the Python worker stopped");
      };
      this.worker.postMessage({ type: "init", moduleBase: BASE.href, ...this.config });
      this.notify();
    }

    restart() {
      this.worker.terminate();
      this.rejectCalls("Python was restarted");
      this.start();
    }

    receive(message) {
      if (message.type === "progress") {
        this.message = message.text;
      } else if (message.type === "ready") {
        this.state = "ready";
      } else if (message.type === "failed") {
        this.fail(message.message);
        return;
      } else {
        const call = this.calls.get(message.id);
        this.calls.delete(message.id);
        if (message.type === "result") call.resolve(message.value);
        else call.reject(new Error(message.message));
        return;
      }
      this.notify();
    }

    fail(reason) {
      this.worker.terminate();
      this.state = "failed";
      this.message = errorText(reason);
      this.rejectCalls(this.message);
      this.notify();
    }

    rejectCalls(reason) {
      for (const call of this.calls.values()) call.reject(new Error(reason));
      this.calls.clear();
    }

    call(kwargs) {
      const id = this.nextId++;
      return new Promise((resolve, reject) => {
        this.calls.set(id, { resolve, reject });
        this.worker.postMessage({ type: "call", id, kwargs });
      });
    }

    subscribe(listener) {
      this.listeners.add(listener);
      listener();
      return () => this.listeners.delete(listener);
    }

    notify() {
      for (const listener of this.listeners) listener();
    }
  }

  let runtime = null;

  function runtimeFor(section) {
    runtime ??= new PythonRuntime({
      runtime: section.dataset.runtime,
      modules: section.dataset.modules.split(" "),
      entry: section.dataset.entry,
    });
    return runtime;
  }

  function mount(section, signal) {
    const sliders = [...section.querySelectorAll("input[data-param]")];
    const status = section.querySelector("[data-status]");
    const retry = section.querySelector("[data-retry]");
    const readout = section.querySelector("[data-readout]");
    const summary = section.querySelector("[data-summary]");
    const python = runtimeFor(section);
    let busy = false;
    let dirty = false;

    const values = () => Object.fromEntries(sliders.map((s) => [s.dataset.param, Number(s.value)]));

    // At most one call in flight: a fast slider skips stale settings instead of queueing them.
    async function update() {
      if (python.state !== "ready" || signal.aborted) return;
      if (busy) {
        dirty = true;
        return;
      }
      busy = true;
      dirty = false;
      try {
        const result = await python.call(values());
        if (signal.aborted) return;
        readout.innerHTML = result.html;
        readout.removeAttribute("data-stale");
        summary.textContent = result.summary;
      } catch (err) {
        if (python.state === "ready") {
          status.textContent = `The demo's Python raised an error: ${errorText(err)}`;
          section.dataset.state = "error";
        }
      } finally {
        busy = false;
      }
      if (dirty) update();
    }

    function render() {
      const stale = readout.hasAttribute("data-stale");
      readout.setAttribute("aria-busy", String(python.state === "loading"));
      retry.hidden = python.state !== "failed";
      if (python.state === "ready") {
        section.dataset.state = "live";
        status.textContent = "Live: numpy is running in your browser and follows the sliders.";
      } else if (python.state === "failed") {
        section.dataset.state = "failed";
        status.textContent =
          `Python could not start (${python.message}). The rest of the page works; ` +
          "the numbers below are the ones computed when this page was built" +
          (stale ? ", for the sliders' starting values." : ".");
      } else {
        section.dataset.state = "loading";
        status.textContent =
          `${python.message} Until it is ready, the numbers below are the ones computed when ` +
          "this page was built" + (stale ? "; they will follow the sliders as soon as it is." : ".");
      }
    }

    for (const slider of sliders) {
      const output = section.querySelector(`[data-output="${slider.dataset.param}"]`);
      slider.addEventListener(
        "input",
        () => {
          output.textContent = Number(slider.value).toFixed(2);
          if (python.state === "ready") update();
          else {
            readout.setAttribute("data-stale", "");
            render();
          }
        },
        { signal },
      );
    }
    retry.addEventListener("click", () => python.restart(), { signal });

    let wasReady = false;
    const unsubscribe = python.subscribe(() => {
      render();
      if (python.state === "ready" && !wasReady) update();
      wasReady = python.state === "ready";
    });
    signal.addEventListener("abort", unsubscribe);
  }

  let current = null;

  function mountAll() {
    current?.abort();
    current = new AbortController();
    for (const section of document.querySelectorAll("section.live-demo[data-demo]")) {
      mount(section, current.signal);
    }
  }

  window.conceptDemos = { mountAll, get runtime() { return runtime; } };

  if (typeof document$ !== "undefined") {
    document$.subscribe(mountAll); // Material: emits for the first page and after each instant navigation
  } else {
    mountAll();
  }
})();
