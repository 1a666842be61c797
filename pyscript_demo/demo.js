// Makes the page's live demos live. The page is complete without this script; it only wires events
// to the demo's Python (running in one Web Worker for the whole visit) and swaps in the markup that
// Python returns. It knows nothing of any demo: controls say what they do in data attributes.
//
//   data-action="NAME" [data-value]  a control that sends action NAME to Python (inputs send their value)
//   data-control="KEY"               an input that shows controls[KEY] from Python's answer
//   data-run="NAME" data-value       a toggle that repeats action NAME, one call per animation frame
//   data-part="NAME" [data-text]     a region replaced by parts[NAME] (as text with data-text)
//   data-needs-prediction            a button usable only when controls["can-reveal"] is true
(() => {
  if (window.conceptDemos) return; // already running: instant navigation does not reload scripts

  const BASE = new URL(".", document.currentScript.src);
  const BUSY_MS = 1500; // a call slower than this can be stopped by the reader
  const SAVE_DATA = Boolean(navigator.connection && navigator.connection.saveData);

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
      this.state = "idle";
      this.message = "";
    }

    start() {
      this.state = "loading";
      this.stage = 0;
      this.stages = 3;
      this.message = "starting";
      this.started = false;
      const worker = (this.worker = new Worker(new URL("worker.js", BASE)));
      // A worker that ends without a word (a crash, the browser stopping it) sends no message and fires no
      // event: it holds a Web Lock for its whole life, and the page learns it is gone when it is freed.
      const lifeLock = navigator.locks && `concept-demos:${Date.now()}:${Math.random()}`;
      this.worker.onmessage = ({ data }) => {
        if (data.type === "progress" && data.stage === 0 && data.holdsLifeLock) {
          navigator.locks.request(lifeLock, () => this.lost(worker)).catch(() => {});
        }
        this.receive(data);
      };
      this.worker.onerror = (event) => {
        event.preventDefault();
        this.fail(event.message || "the Python worker stopped");
      };
      this.worker.postMessage({ type: "init", moduleBase: BASE.href, lifeLock, ...this.config });
      this.notify();
    }

    restart() {
      this.worker?.terminate();
      this.rejectCalls("Python was restarted");
      this.start();
    }

    receive(message) {
      if (message.type === "progress") {
        Object.assign(this, { stage: message.stage, stages: message.stages, message: message.text });
      } else if (message.type === "ready") {
        this.state = "ready";
        this.started = true;
      } else if (message.type === "failed") {
        return this.fail(message.message);
      } else {
        const call = this.calls.get(message.id);
        this.calls.delete(message.id);
        if (!call) return;
        if (message.type === "result") call.resolve(message.value);
        else call.reject(new Error(message.message));
        return;
      }
      this.notify();
    }

    lost(worker) {
      if (worker === this.worker && this.state !== "failed") this.fail("its worker stopped unexpectedly");
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

    call(message) {
      const id = this.nextId++;
      return new Promise((resolve, reject) => {
        this.calls.set(id, { resolve, reject });
        this.worker.postMessage({ type: "call", id, message });
      });
    }

    subscribe(listener) {
      this.listeners.add(listener);
      listener();
      return () => this.listeners.delete(listener);
    }

    notify() {
      for (const listener of [...this.listeners]) listener();
    }
  }

  let runtime = null;

  function runtimeFor(section) {
    if (!runtime) {
      runtime = new PythonRuntime({
        // A self-hosted runtime is named relative to this script; a CDN's URL is absolute.
        runtime: new URL(section.dataset.runtime, BASE).href,
        modules: section.dataset.modules.split(" "),
        entry: section.dataset.entry,
      });
    }
    return runtime;
  }

  const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)");

  function nextFrame() {
    // With reduced motion a run updates the figure once a second instead of every frame.
    if (reducedMotion.matches) return new Promise((resolve) => setTimeout(resolve, 1000));
    return new Promise((resolve) => requestAnimationFrame(resolve));
  }

  function mount(section, signal) {
    const python = runtimeFor(section);
    const el = (selector) => section.querySelector(selector);
    const status = el("[data-status]");
    const progress = el("[data-progress]");
    const buttons = { load: el("[data-load]"), stop: el("[data-stop]"), retry: el("[data-retry]") };
    const runToggle = el("[data-run]");
    const listen = (target, type, handler) => target.addEventListener(type, handler, { signal });

    let state = JSON.parse(section.dataset.initialState);
    let queue = []; // actions waiting for Python, in order
    let busy = false;
    let running = false;
    let notice = ""; // the last thing that went wrong in a call, shown until the next success
    let canReveal = false;

    // Only a changed status is written, so screen readers announce news, not every slider step.
    const say = (text) => {
      if (status.textContent !== text) status.textContent = text;
    };

    // Consecutive moves of one control collapse into the latest: a fast slider skips stale values.
    // fromRun marks the Run loop's own steps, which Pause and Stop drop; the reader's clicks stay.
    function enqueue(action, value, { fromRun = false } = {}) {
      const last = queue[queue.length - 1];
      if (last && last.action === action && action.startsWith("set-")) last.value = value;
      else queue.push({ action, value, fromRun });
      render();
      if (python.state === "ready") drain();
      else section.querySelectorAll("[data-part]").forEach((part) => part.setAttribute("data-stale", ""));
    }

    // One drain at a time; callers share its promise, so a run waits for its own step to land.
    let draining = null;
    function drain() {
      draining ??= drainQueue().finally(() => (draining = null));
      return draining;
    }

    async function drainQueue() {
      while (queue.length && python.state === "ready" && !signal.aborted) {
        busy = true;
        const { action, value } = queue.shift();
        const watchdog = setTimeout(() => {
          buttons.stop.hidden = false;
          render();
        }, BUSY_MS);
        try {
          const answer = JSON.parse(await python.call(JSON.stringify({ state, action, value })));
          if (signal.aborted) return;
          state = answer.state;
          apply(answer);
          notice = "";
        } catch (err) {
          if (python.state === "ready") {
            notice = `The demo's Python raised an error: ${errorText(err)}`;
            queue = [];
          } else {
            // Python stopped under this call (Stop, a crash): the reader's changes since wait for the restart.
            queue = queue.filter((queued) => !queued.fromRun);
          }
          running = false;
        } finally {
          clearTimeout(watchdog);
          busy = false;
          buttons.stop.hidden = true;
        }
        render();
      }
    }

    function apply({ parts, controls }) {
      for (const region of section.querySelectorAll("[data-part]")) {
        const markup = parts[region.dataset.part];
        if (markup === undefined) continue;
        if (region.hasAttribute("data-text")) region.textContent = markup;
        else region.innerHTML = markup;
        region.removeAttribute("data-stale");
      }
      for (const input of section.querySelectorAll("[data-control]")) {
        const value = controls[input.dataset.control];
        if (input.type === "radio") input.checked = input.value === value;
        else if (input !== document.activeElement || input.type === "range") input.value = value;
      }
      canReveal = controls["can-reveal"];
    }

    function render() {
      const live = python.state === "ready";
      for (const control of section.querySelectorAll("button[data-action], [data-run]")) {
        // A reveal waits until Python has taken every pending choice, so it reveals what the reader chose.
        const settled = canReveal && !busy && !queue.length;
        const usable = live && (settled || !control.hasAttribute("data-needs-prediction"));
        control.setAttribute("aria-disabled", String(!usable));
      }
      section.toggleAttribute("data-busy", busy || queue.length > 0);
      runToggle.setAttribute("aria-pressed", String(running));
      runToggle.textContent = running ? "Pause" : "Run";
      buttons.load.hidden = python.state !== "idle";
      buttons.retry.hidden = !(python.state === "failed" || notice);
      progress.hidden = python.state !== "loading";
      progress.value = python.stage ?? 0;
      const waiting = queue.length ? " Your changes so far will be applied as soon as it is ready." : "";
      if (python.state === "idle") {
        section.dataset.state = "static";
        say(
          "Data saver is on, so Python (about 16 MB) has not been downloaded. The figure and numbers " +
          "below were computed when this page was built. Load Python to make them follow your changes.",
        );
      } else if (python.state === "loading") {
        section.dataset.state = "loading";
        say(
          `Loading Python, step ${python.stage + 1} of ${python.stages}: ${python.message}. ` +
          "Until it is ready, the figure and numbers below are the ones computed when this page was built." +
          waiting,
        );
      } else if (python.state === "failed" && python.started) {
        section.dataset.state = "failed";
        say(
          `Python stopped (${python.message}). The rest of the page works; the figure and numbers below ` +
          "are the last ones it computed. Try again to restart it; your settings are kept.",
        );
      } else if (python.state === "failed") {
        section.dataset.state = "failed";
        say(
          `Python could not start (${python.message}). The rest of the page works; the figure and ` +
          "numbers below are the ones computed when this page was built.",
        );
      } else if (notice) {
        section.dataset.state = "error";
        say(`${notice}. The last good figure is shown; try again to restart Python.`);
      } else {
        section.dataset.state = "live";
        // Until the slow call ends, a change the reader makes does not make the page claim to be live.
        say(
          buttons.stop.hidden
            ? "Live: numpy is running in your browser and follows your changes."
            : "Python is still computing. You can stop it; your settings are kept.",
        );
      }
    }

    let looping = false; // a Pause then Run while a step is in flight resumes the same loop
    async function run() {
      running = !running;
      // Pausing drops the run's queued steps; the one Python is already computing still lands.
      if (!running) queue = queue.filter((queued) => !queued.fromRun);
      render();
      if (!running || looping) return;
      looping = true;
      while (running && !signal.aborted && python.state === "ready") {
        enqueue(runToggle.dataset.run, runToggle.dataset.value, { fromRun: true });
        await drain();
        await nextFrame();
      }
      looping = false;
      running = false;
      render();
    }

    // Disabled controls stay focusable and say why they do nothing yet (no silent dead controls).
    function explainDisabled() {
      if (python.state !== "ready") {
        const why = python.state !== "failed" ? "is not ready yet" : python.started ? "has stopped" : "could not start";
        say(`That needs Python, which ${why}.`);
      } else if (busy || queue.length) say("Python is still taking in your last change.");
      else say("Choose a point and commit a prediction first.");
    }

    for (const control of section.querySelectorAll("[data-action]")) {
      const event = control.matches("button") ? "click" : control.type === "radio" ? "change" : "input";
      listen(control, event, () => {
        if (control.getAttribute("aria-disabled") === "true") return explainDisabled();
        if (control.dataset.control && control.type !== "radio") {
          if (control.value === "" || !Number.isFinite(Number(control.value))) return;
          // The slider and its exact field show one value: keep the other in step while typing.
          for (const twin of section.querySelectorAll(`[data-control="${control.dataset.control}"]`)) {
            if (twin !== control) twin.value = control.value;
          }
        }
        enqueue(control.dataset.action, control.dataset.value ?? control.value);
      });
    }
    // A click or tap on a point in the figure chooses it, like its radio button does.
    listen(section, "click", (event) => {
      const point = event.target.closest && event.target.closest("svg [data-index]");
      if (!point) return;
      const radio = section.querySelector(`input[data-action="select"][value="${point.dataset.index}"]`);
      radio.checked = true;
      radio.dispatchEvent(new Event("change", { bubbles: true }));
    });
    listen(runToggle, "click", () => (runToggle.getAttribute("aria-disabled") === "true" ? explainDisabled() : run()));
    listen(buttons.load, "click", () => python.start());
    listen(buttons.retry, "click", () => {
      notice = "";
      python.restart();
    });
    listen(buttons.stop, "click", () => {
      running = false;
      python.restart();
    });

    let wasReady = false;
    const unsubscribe = python.subscribe(() => {
      render();
      // (Re)started: bring the figure to the reader's state, then apply what they did meanwhile.
      if (python.state === "ready" && !wasReady) {
        queue.unshift({ action: "view" });
        drain();
      }
      wasReady = python.state === "ready";
    });
    signal.addEventListener("abort", () => {
      running = false;
      unsubscribe();
    });
    if (python.state === "idle" && !SAVE_DATA) python.start();
  }

  let current = null;

  function mountAll() {
    current?.abort();
    current = new AbortController();
    for (const section of document.querySelectorAll("section.live-demo[data-demo]")) {
      mount(section, current.signal);
    }
  }

  // Start Python as soon as this script runs, not when the page's other scripts are done.
  const first = document.querySelector("section.live-demo[data-demo]");
  if (first && !SAVE_DATA) runtimeFor(first).start();

  window.conceptDemos = {
    mountAll,
    get runtime() {
      return runtime;
    },
  };

  // Loaded async, this may run before Material's bundle has defined document$, which emits for the
  // first page and after each instant navigation; without Material, mount once.
  function follow() {
    if (typeof document$ !== "undefined") document$.subscribe(mountAll);
    else mountAll();
  }
  if (typeof document$ !== "undefined" || document.readyState !== "loading") follow();
  else document.addEventListener("DOMContentLoaded", follow, { once: true });
})();
