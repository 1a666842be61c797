// A stand-in for pyscript_demo/worker.js, served in its place by tests of the bridge (pyscript_demo/demo.js).
// It speaks the worker's protocol (init, started, load, progress, ready, failed, call, result, error) without
// Python, and
// does what the test says: PLAN (prepended when served, see stub.py) for what it does by itself; commands on
// the BroadcastChannel "stub-worker" for what it does next. It reports each message it receives there.
//
// PLAN.load:   "ready" (the three loading stages, then ready), "hold" (stage 1, then wait), or {failed: text},
//              for each demo it is asked to load
// PLAN.calls:  "answer" (at once) or "hold" (until told)
// PLAN.fields: {action: state field it sets}, so answers carry the reader's settings as Python's would
// Commands:    {do: "stage", stage}, {do: "ready"}, {do: "fail", message} for the demo last asked to load;
//              {do: "close"} (the worker ends
//              itself, unannounced, as a crash would); {do: "answer"} and {do: "error", message} for the
//              oldest held call, or the next call to come
const channel = new BroadcastChannel("stub-worker");
const held = []; // calls waiting for the test's word
const orders = []; // the test's word for calls not yet received
let loading = null; // the demo last asked to load

function progress(stage) {
  self.postMessage({ type: "progress", demo: loading, stage, stages: 3, text: `stub stage ${stage + 1}` });
}

// The state keeps a log of every action taken, in order; the summary part shows it.
function answer({ state, action, value }) {
  const log = [...(state.log || []), value === undefined ? action : `${action} ${value}`];
  const next = { ...state, log };
  if (PLAN.fields[action]) next[PLAN.fields[action]] = value;
  const controls = {};
  for (const field of Object.values(PLAN.fields)) controls[field] = next[field] == null ? "" : String(next[field]);
  const enabled = { reveal: next.selected != null && next.prediction != null };
  return JSON.stringify({ state: next, parts: { summary: log.join(" | ") }, controls, enabled, done: false });
}

function reply(call, command) {
  if (command.do === "error") {
    self.postMessage({ type: "error", id: call.id, message: command.message, traceback: command.message });
  }
  else self.postMessage({ type: "result", id: call.id, value: answer(JSON.parse(call.message)) });
}

channel.onmessage = ({ data: command }) => {
  if (command.do === "stage") progress(command.stage);
  else if (command.do === "ready") self.postMessage({ type: "ready", demo: loading });
  else if (command.do === "fail") self.postMessage({ type: "failed", demo: loading, message: command.message });
  else if (command.do === "close") self.close();
  else if (held.length) reply(held.shift(), command);
  else orders.push(command);
};

self.onmessage = async ({ data }) => {
  channel.postMessage({ received: data.type, id: data.id, message: data.message });
  if (data.type === "init") {
    // As the real worker does: hold the page's Web Lock for life, so the page notices an unannounced end.
    let holdsLifeLock = false;
    if (data.lifeLock) {
      await new Promise((taken) => {
        navigator.locks
          .request(data.lifeLock, () => ((holdsLifeLock = true), taken(), new Promise(() => {})))
          .catch(() => taken());
      });
    }
    self.postMessage({ type: "started", holdsLifeLock });
  } else if (data.type === "load") {
    loading = data.demo;
    progress(0);
    if (PLAN.load === "ready") {
      progress(1);
      progress(2);
      self.postMessage({ type: "ready", demo: data.demo });
    } else if (PLAN.load.failed) {
      self.postMessage({ type: "failed", demo: data.demo, message: PLAN.load.failed });
    }
  } else if (data.type === "call") {
    if (PLAN.calls === "answer") reply(data, { do: "answer" });
    else if (orders.length) reply(data, orders.shift());
    else held.push(data);
  }
};
