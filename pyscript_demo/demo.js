// Makes the page's live demos live. The page is complete without this script; it only wires events
// to each demo's Python (all demos share one Web Worker for the whole visit) and swaps in the markup that
// Python returns. It knows nothing of any demo: the block and the controls say what they do in data
// attributes (written by pyscript_demo/kit), each of them optional.
//
//   section[data-demo][data-entry][data-modules][data-packages]   a demo and what the worker loads for it
//   data-action="NAME" [data-value]  a control that sends action NAME to Python (inputs send their value)
//   data-control="KEY"               an input that shows controls[KEY] from Python's answer
//   data-enabled="KEY" [data-why]    a button usable when enabled[KEY] is true (and Python has taken every
//                                    pending change); data-why says why not
//   data-run="NAME" data-value       a toggle that repeats action NAME, one call per animation frame,
//                                    until paused or until Python answers done
//   data-part="NAME" [data-text]     a region replaced by parts[NAME] (as text with data-text)
//   data-choose="KEY" data-value     a mark whose click chooses that value of the choice control KEY
(() => {
  if (window.conceptDemos) return; // already running: instant navigation does not reload scripts

  const BASE = new URL(".", document.currentScript.src);
  const SITE = new URL("..", BASE); // data-modules are paths under the site's root
  const BUSY_MS = 1500; // a call slower than this can be stopped by the reader
  const SAVE_DATA = Boolean(navigator.connection && navigator.connection.saveData);

  function errorText(err) {
    const text = String(err && err.message ? err.message : err).trim();
    return text.split("\n").pop(); // a Python traceback's last line says what went wrong
  }

  function specOf(section) {
    const words = (name) => (section.dataset[name] || "").split(" ").filter(Boolean);
    return {
      demo: section.dataset.demo,
      entry: section.dataset.entry,
      modules: words("modules"),
      packages: words("packages"),
      moduleBase: SITE.href,
      // The starting view, as the entry takes it: data-initial-state is JSON already.
      warm: `{"state": ${section.dataset.initialState}, "action": "view", "tables": []}`,
    };
  }

  // One worker; each demo it serves has its own loading state.
  class PythonRuntime {
    constructor(runtimeUrl) {
      this.runtimeUrl = runtimeUrl;
      this.listeners = new Set();
      this.calls = new Map();
      this.demos = new Map(); // name: {spec, state, stage, stages, message, started}
      this.nextId = 0;
      this.state = "idle"; // the worker's: idle, running, failed
      this.message = "";
    }

    start() {
      this.state = "running";
      const worker = (this.worker = new Worker(new URL("worker.js", BASE)));
      // A worker that ends without a word (a crash, the browser stopping it) sends no message and fires no
      // event: it holds a Web Lock for its whole life, and the page learns it is gone when it is freed.
      const lifeLock = navigator.locks && `concept-demos:${Date.now()}:${Math.random()}`;
      worker.onmessage = ({ data }) => {
        if (data.type === "started" && data.holdsLifeLock) {
          navigator.locks.request(lifeLock, () => this.lost(worker)).catch(() => {});
        }
        this.receive(data);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        this.fail(event.message || "the Python worker stopped");
      };
      worker.postMessage({ type: "init", runtime: this.runtimeUrl, lifeLock });
      for (const demo of this.demos.values()) this.load(demo);
      this.notify();
    }

    // A demo a section shows: loaded now if the worker runs, else when it starts.
    request(spec) {
      if (!this.demos.has(spec.demo)) {
        const demo = { spec, state: "idle", started: false };
        this.demos.set(spec.demo, demo);
        if (this.state === "running") this.load(demo);
      }
    }

    load(demo) {
      Object.assign(demo, { state: "loading", stage: 0, stages: 3, message: "starting" });
      this.worker.postMessage({ type: "load", ...demo.spec });
    }

    status(name) {
      const demo = this.demos.get(name);
      if (this.state === "idle") return { state: "idle", started: false };
      if (this.state === "failed") return { state: "failed", message: this.message, started: demo.started };
      return demo;
    }

    restart() {
      this.worker?.terminate();
      this.rejectCalls("Python was restarted");
      for (const demo of this.demos.values()) demo.started = false;
      this.start();
    }

    receive(message) {
      const demo = this.demos.get(message.demo);
      if (message.type === "progress") {
        Object.assign(demo, { stage: message.stage, stages: message.stages, message: message.text });
      } else if (message.type === "ready") {
        Object.assign(demo, { state: "ready", started: true });
      } else if (message.type === "failed") {
        Object.assign(demo, { state: "failed", message: errorText(message.message) });
      } else if (message.type === "result" || message.type === "error") {
        const call = this.calls.get(message.id);
        this.calls.delete(message.id);
        if (message.traceback) console.error(message.traceback); // the whole traceback, for the author
        if (!call) return;
        if (message.type === "result") call.resolve(message.value);
        else call.reject(new Error(message.message));
        return;
      } else return;
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

    call(demo, message) {
      const id = this.nextId++;
      return new Promise((resolve, reject) => {
        this.calls.set(id, { resolve, reject });
        this.worker.postMessage({ type: "call", id, demo, message });
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
    // A self-hosted runtime is named relative to this script; a CDN's URL is absolute.
    runtime ??= new PythonRuntime(new URL(section.dataset.runtime, BASE).href);
    runtime.request(specOf(section));
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
    const name = section.dataset.demo;
    const status = () => python.status(name);
    const live = () => status().state === "ready";
    const el = (selector) => section.querySelector(selector);
    const say = (text) => {
      // Only a changed status is written, so screen readers announce news, not every slider step.
      if (statusLine.textContent !== text) statusLine.textContent = text;
    };
    const statusLine = el("[data-status]");
    const progress = el("[data-progress]");
    const buttons = { load: el("[data-load]"), stop: el("[data-stop]"), retry: el("[data-retry]") };
    const runToggle = el("[data-run]");
    const listen = (target, type, handler) => target?.addEventListener(type, handler, { signal });

    let state = JSON.parse(section.dataset.initialState);
    let queue = []; // actions waiting for Python, in order
    let busy = false;
    let running = false;
    let notice = ""; // the last thing that went wrong in a call, shown until the next success
    let enabled = {}; // what the demo says of its buttons with data-enabled
    const shown = new WeakMap(); // each region's markup as Python last gave it
    // Until the first answer, the parts show what the build rendered from the starting state with the same
    // code: that answer (the starting view) is already on the page, and writing it again would only cost
    // the reader's CPU a re-parse and a layout of every figure while the page is still loading.
    let asBuilt = true;

    // Consecutive moves of one control collapse into the latest: a fast slider skips stale values.
    // fromRun marks the Run loop's own steps, which Pause and Stop drop; the reader's clicks stay.
    function enqueue(action, value, { fromRun = false, collapse = false } = {}) {
      const last = queue[queue.length - 1];
      if (last && last.action === action && last.collapse) last.value = value;
      else queue.push({ action, value, fromRun, collapse });
      render();
      if (live()) drain();
      else section.querySelectorAll("[data-part]").forEach((part) => part.setAttribute("data-stale", ""));
    }

    // One drain at a time; callers share its promise, so a run waits for its own step to land.
    let draining = null;
    function drain() {
      draining ??= drainQueue().finally(() => (draining = null));
      return draining;
    }

    async function drainQueue() {
      while (queue.length && live() && !signal.aborted) {
        busy = true;
        const { action, value } = queue.shift();
        const watchdog = setTimeout(() => {
          buttons.stop.hidden = false;
          render();
        }, BUSY_MS);
        try {
          const message = JSON.stringify({ state, action, value, tables: openTables() });
          const answer = JSON.parse(await python.call(name, message));
          if (signal.aborted) return;
          state = answer.state;
          apply(answer);
          notice = "";
        } catch (err) {
          if (live()) {
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

    // A figure's table is computed only while the reader has it open; a closed one waits, stale, until opened.
    function openTables() {
      return [...section.querySelectorAll("details[open] [data-part$='.table']")].map((region) =>
        region.dataset.part.slice(0, -".table".length),
      );
    }

    function apply({ parts, controls, enabled: usable, done }) {
      for (const region of section.querySelectorAll("[data-part]")) {
        const markup = parts[region.dataset.part];
        if (markup === undefined) {
          if (!asBuilt && region.closest("details:not([open])")) region.setAttribute("data-stale", "");
          continue;
        }
        // An unchanged part is left as it is: no re-parse, no layout, no repeated announcement.
        if (!asBuilt && shown.get(region) !== markup) {
          if (region.hasAttribute("data-text")) region.textContent = markup;
          else region.innerHTML = markup;
        }
        shown.set(region, markup);
        region.removeAttribute("data-stale");
      }
      asBuilt = false;
      // A control the reader has moved again since this call was sent keeps their newer value: writing
      // the answer's older one back would lose it, and the next key press would start from it.
      const pending = new Set(queue.filter((queued) => !queued.fromRun).map((queued) => queued.action));
      for (const input of section.querySelectorAll("[data-control]")) {
        const value = controls[input.dataset.control];
        if (value === undefined || pending.has(input.dataset.action)) continue;
        if (input.type === "radio") input.checked = input.value === value;
        else if (input !== document.activeElement || input.type === "range") input.value = value;
      }
      enabled = usable || {};
      if (done) running = false; // the demo says nothing is left to do: the run ends
    }

    function render() {
      const now = status();
      const settled = !busy && !queue.length;
      for (const control of section.querySelectorAll("button[data-action], [data-run]")) {
        // A button the demo rules on waits until Python has taken every pending change, so it acts on
        // what the reader chose.
        const key = control.dataset.enabled;
        const usable = now.state === "ready" && (!key || (enabled[key] && settled));
        control.setAttribute("aria-disabled", String(!usable));
      }
      section.toggleAttribute("data-busy", !settled);
      if (runToggle) {
        runToggle.setAttribute("aria-pressed", String(running));
        runToggle.textContent = running ? "Pause" : runToggle.dataset.label || "Run";
      }
      buttons.load.hidden = now.state !== "idle";
      buttons.retry.hidden = !(now.state === "failed" || notice);
      progress.hidden = now.state !== "loading";
      progress.max = now.stages ?? 3;
      progress.value = now.stage ?? 0;
      const waiting = queue.length ? " Your changes so far will be applied as soon as it is ready." : "";
      if (now.state === "idle") {
        section.dataset.state = "static";
        say(
          "Data saver is on, so Python (about 16 MB) has not been downloaded. The figure and numbers " +
            "below were computed when this page was built. Load Python to make them follow your changes.",
        );
      } else if (now.state === "loading") {
        section.dataset.state = "loading";
        say(
          `Loading Python, step ${now.stage + 1} of ${now.stages}: ${now.message}. ` +
            "Until it is ready, the figure and numbers below are the ones computed when this page was built." +
            waiting,
        );
      } else if (now.state === "failed" && now.started) {
        section.dataset.state = "failed";
        say(
          `Python stopped (${now.message}). The rest of the page works; the figure and numbers below ` +
            "are the last ones it computed. Try again to restart it; your settings are kept.",
        );
      } else if (now.state === "failed") {
        section.dataset.state = "failed";
        say(
          `Python could not start (${now.message}). The rest of the page works; the figure and ` +
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
      while (running && !signal.aborted && live()) {
        enqueue(runToggle.dataset.run, runToggle.dataset.value, { fromRun: true });
        await drain();
        if (running) await nextFrame();
      }
      looping = false;
      running = false;
      render();
    }

    // Disabled controls stay focusable and say why they do nothing yet (no silent dead controls).
    function explainDisabled(control) {
      const now = status();
      if (now.state !== "ready") {
        const why = now.state !== "failed" ? "is not ready yet" : now.started ? "has stopped" : "could not start";
        say(`That needs Python, which ${why}.`);
      } else if (busy || queue.length) say("Python is still taking in your last change.");
      else say(control.dataset.why || "That is not available in this state.");
    }

    for (const control of section.querySelectorAll("[data-action]")) {
      const event = control.matches("button") ? "click" : control.type === "radio" ? "change" : "input";
      listen(control, event, () => {
        if (control.getAttribute("aria-disabled") === "true") return explainDisabled(control);
        if (control.dataset.control && control.type !== "radio") {
          if (control.value === "" || !Number.isFinite(Number(control.value))) return;
          // The slider and its exact field show one value: keep the other in step while typing.
          for (const twin of section.querySelectorAll(`[data-control="${control.dataset.control}"]`)) {
            if (twin !== control) twin.value = control.value;
          }
        }
        // A slider or number field sends a value that replaces its own earlier ones; a click or choice does not.
        const collapse = control.matches("input:not([type=radio])");
        enqueue(control.dataset.action, control.dataset.value ?? control.value, { collapse });
      });
    }
    // A click or tap on a mark that chooses (a point of a figure) picks its option, as the option itself does.
    listen(section, "click", (event) => {
      const mark = event.target.closest && event.target.closest("[data-choose]");
      if (!mark) return;
      const { choose, value } = mark.dataset;
      const option = section.querySelector(`input[type=radio][data-control="${choose}"][value="${value}"]`);
      if (!option) return;
      option.checked = true;
      option.dispatchEvent(new Event("change", { bubbles: true }));
    });
    // Opening a table that missed changes while closed brings it up to date.
    section.addEventListener(
      "toggle",
      (event) => {
        if (event.target.open && event.target.querySelector("[data-part][data-stale]") && live()) enqueue("view");
      },
      { signal, capture: true },
    );
    listen(runToggle, "click", () =>
      runToggle.getAttribute("aria-disabled") === "true" ? explainDisabled(runToggle) : run(),
    );
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
      if (live() && !wasReady) {
        queue.unshift({ action: "view" });
        drain();
      }
      wasReady = live();
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
  const sections = document.querySelectorAll("section.live-demo[data-demo]");
  if (sections.length && !SAVE_DATA) {
    sections.forEach(runtimeFor);
    runtime.start();
  }

  window.conceptDemos = {
    mountAll,
    get runtime() {
      return runtime;
    },
  };

  // Loaded async, this may run before Material's deferred bundle has defined document$, which emits for
  // the first page and after each instant navigation; deferred scripts have all run by DOMContentLoaded.
  // Without Material, mount once.
  let followed = false;
  function follow() {
    if (followed) return;
    followed = true;
    if (typeof document$ !== "undefined") document$.subscribe(mountAll);
    else mountAll();
  }
  // readyState is "interactive" both before DOMContentLoaded and after it; the navigation's timing tells.
  // Without that entry, whichever comes first of DOMContentLoaded and load: at either, Material's deferred
  // bundle has run if it ever will.
  const navigation = performance.getEntriesByType("navigation")[0];
  const contentLoaded = navigation?.domContentLoadedEventStart > 0 || document.readyState === "complete";
  if (typeof document$ !== "undefined" || contentLoaded) follow();
  else {
    document.addEventListener("DOMContentLoaded", follow, { once: true });
    addEventListener("load", follow, { once: true });
  }
})();
