// The learning panels (storyboard, inquiry, practice, research room). The built page is complete without
// this script; it adds the reveal order and keeps the reader's answers in localStorage under the page's
// object key (data-store), so a moved page keeps them. What the reader types is only ever handled as
// .value and .textContent, never as HTML.
(() => {
  const PREFIX = "learning-panels:";
  const UNSAVED =
    "Nothing will be saved: this browser does not let the page store data. " +
    "What you write stays here while the page is open.";

  // A page's answers, {panel id: {field: value}}, in one localStorage entry.
  class PageStore {
    constructor(objectKey) {
      this.objectKey = objectKey;
      this.key = PREFIX + objectKey;
      this.data = {};
      this.listeners = [];
      try {
        const saved = JSON.parse(localStorage.getItem(this.key));
        if (saved && typeof saved === "object") this.data = saved;
        // Reading can work where writing does not (private mode, a full quota): find out now, not on typing.
        localStorage.setItem(this.key, JSON.stringify(this.data));
        this.available = true;
      } catch {
        this.available = false;
      }
    }

    panel(id) {
      if (!this.data[id] || typeof this.data[id] !== "object") this.data[id] = {};
      return this.data[id];
    }

    save() {
      const was = this.available;
      try {
        localStorage.setItem(this.key, JSON.stringify(this.data));
        this.available = true;
      } catch {
        this.available = false; // the answers stay in this.data and in the form for the visit
      }
      if (was !== this.available) this.listeners.forEach((listener) => listener());
    }
  }

  function read(field) {
    if (field.type === "checkbox") return field.checked;
    if (field.type === "radio") return field.checked ? field.value : undefined;
    return field.value;
  }

  function write(field, value) {
    if (field.type === "checkbox") field.checked = value === true;
    else if (field.type === "radio") {
      field.checked = value === undefined ? field.defaultChecked : value === field.value;
    }
    else field.value = typeof value === "string" ? value : "";
  }

  function find(elements, test) {
    return Array.from(elements).find(test);
  }

  // Each kind's behaviour: set up once, return render(field), which shows the state (field: what just changed).
  const BEHAVIOURS = {
    storyboard({ panel, state }) {
      const frames = panel.querySelector("[data-frames]");
      const live = panel.querySelector("[data-live]");
      return (field) => {
        const chosen = find(panel.querySelectorAll('input[data-field="choice"]'), (i) => i.value === state().choice);
        frames.hidden = !chosen;
        live.textContent = chosen
          ? `You expected: ${chosen.parentElement.textContent}. The frames below show the mechanism step by step.`
          : "";
        if (chosen && field === "choice") frames.focus();
      };
    },

    inquiry({ panel, state }) {
      const all = panel.querySelector("[data-all-feedback]");
      const live = panel.querySelector("[data-live]");
      return () => {
        const item = find(panel.querySelectorAll("[data-feedback]"), (li) => li.dataset.feedback === state().choice);
        all.hidden = !item; // every choice's feedback, for after the reader has committed
        live.replaceChildren(...(item ? Array.from(item.childNodes, (node) => node.cloneNode(true)) : []));
      };
    },

    practice({ panel, state, save, signal }) {
      const steps = [...panel.querySelectorAll("[data-hint]"), panel.querySelector("[data-answer]")];
      const revealed = () => Math.min(Number(state().revealed) || 0, steps.length);
      const render = () => {
        const count = revealed();
        steps.forEach((details, index) => {
          (details.closest("li") || details).hidden = index > count;
          details.open = index < count;
        });
      };
      steps.forEach((details, index) => {
        details.addEventListener(
          "toggle",
          () => {
            if (!details.open || index !== revealed()) return;
            state().revealed = index + 1;
            save();
            render();
            details.querySelector("[tabindex]").focus();
          },
          { signal },
        );
      });
      return render;
    },

    "research-room"({ panel, state, store, restore, save, signal }) {
      const kind = panel.querySelector("[data-object-kind]");
      const prompt = panel.querySelector("[data-prompt]");
      const copyStatus = panel.querySelector("[data-copy-status]");
      const toolsStatus = panel.querySelector("[data-tools-status]");
      const copy = panel.querySelector("[data-copy]");
      const tools = panel.querySelector("[data-tools]");
      copy.hidden = tools.hidden = false;
      const render = () => {
        kind.textContent = state().object || "concept";
      };

      copy.addEventListener("click", async () => (copyStatus.textContent = await copyText(prompt)), { signal });

      panel.querySelector("[data-export]").addEventListener(
        "click",
        () => {
          const { object = "concept", note = "", next = "" } = state();
          const draft = { objectKey: store.objectKey, object, note, next, exported: new Date().toISOString() };
          const link = document.createElement("a");
          link.href = URL.createObjectURL(new Blob([JSON.stringify(draft, null, 2)], { type: "application/json" }));
          link.download = `research-room-${store.objectKey.replace(/[^\w-]+/g, "-")}.json`;
          link.click();
          setTimeout(() => URL.revokeObjectURL(link.href));
          toolsStatus.textContent = `Exported the draft as ${link.download}.`;
        },
        { signal },
      );

      const importer = panel.querySelector("[data-import]");
      importer.addEventListener(
        "change",
        async () => {
          const [file] = importer.files;
          if (!file) return;
          importer.value = "";
          let draft = null;
          try {
            draft = JSON.parse(await file.text());
          } catch {
            // not JSON: refused below like any other file that is not a draft
          }
          const fields = ["object", "note", "next"];
          const valid = draft && draft.objectKey === store.objectKey &&
            fields.every((f) => typeof (draft[f] ?? "") === "string");
          if (!valid) {
            toolsStatus.textContent =
              `${file.name} is not a research-room draft for ${store.objectKey}; nothing was changed.`;
            return;
          }
          fields.forEach((f) => (state()[f] = draft[f] ?? ""));
          restore();
          save();
          render();
          toolsStatus.textContent = `Imported the draft from ${file.name}.`;
        },
        { signal },
      );

      return render;
    },
  };

  // The clipboard API where the browser allows it, else the selected text and the older copy command.
  async function copyText(element) {
    try {
      await navigator.clipboard.writeText(element.textContent);
      return "Copied the prompt.";
    } catch {
      const range = document.createRange();
      range.selectNodeContents(element);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      let copied = false;
      try {
        copied = document.execCommand("copy");
      } catch {
        // copied stays false: the reader copies the selection
      }
      return copied
        ? "Copied the prompt."
        : "The browser did not allow copying: the prompt is selected, copy it with your keyboard.";
    }
  }

  function mount(panel, store, signal) {
    const id = panel.dataset.panel;
    const state = () => store.panel(id);
    const fields = panel.querySelectorAll("[data-field]");
    const status = panel.querySelector("[data-panel-status]");
    const showStatus = () => {
      status.textContent = store.available ? `Kept in this browser for ${store.objectKey}.` : UNSAVED;
    };
    const restore = () => fields.forEach((field) => write(field, state()[field.dataset.field]));
    const save = () => store.save();
    const render = BEHAVIOURS[panel.dataset.learningPanel]({ panel, state, store, restore, save, signal });

    restore();
    render();
    showStatus();
    store.listeners.push(showStatus);

    panel.addEventListener(
      "input",
      (event) => {
        const field = event.target.closest("[data-field]");
        if (!field) return;
        const value = read(field);
        if (value === undefined) return;
        state()[field.dataset.field] = value;
        save();
        render(field.dataset.field);
      },
      { signal },
    );

    const reset = panel.querySelector("[data-reset]");
    reset.hidden = false;
    reset.addEventListener(
      "click",
      () => {
        store.data[id] = {};
        restore();
        save();
        render();
        status.textContent = `This panel was reset. ${store.available ? "" : UNSAVED}`.trim();
      },
      { signal },
    );
  }

  let current = null;

  function mountAll() {
    current?.abort();
    current = new AbortController();
    const stores = new Map();
    for (const panel of document.querySelectorAll("[data-learning-panel]")) {
      const key = panel.dataset.store;
      if (!stores.has(key)) stores.set(key, new PageStore(key));
      mount(panel, stores.get(key), current.signal);
    }
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(mountAll); // Material: emits for the first page and after each instant navigation
  } else {
    mountAll();
  }
})();
