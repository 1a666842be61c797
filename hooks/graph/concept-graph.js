// The concept graph's search box: typing filters the index of concepts to those whose title or key holds
// the words, opens them, and says how many were found. The page is complete without this script (the
// index is all there and find-in-page opens an entry); it only shows the box and filters.
(() => {
  let current = null;

  function mount(graph, signal) {
    const form = graph.querySelector(".concept-graph__search");
    if (!form) return;
    const input = form.querySelector("input");
    const status = form.querySelector("[role=status]");
    const entries = [...graph.querySelectorAll(".concept-graph__index > li")].map((item) => ({
      item,
      details: item.querySelector("details"),
      text: `${item.querySelector("summary").textContent} ${item.dataset.concept}`.toLowerCase(),
    }));
    const sections = [...graph.querySelectorAll(".concept-graph__area")];
    form.hidden = false;
    form.addEventListener("submit", (event) => event.preventDefault(), { signal });
    input.addEventListener(
      "input",
      () => {
        const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
        let found = 0;
        for (const entry of entries) {
          const match = words.every((word) => entry.text.includes(word));
          entry.item.hidden = words.length > 0 && !match;
          entry.details.open = words.length > 0 && match;
          if (match) found += 1;
        }
        // While searching, an area shows only its matching entries, not its drawing.
        graph.classList.toggle("concept-graph--searching", words.length > 0);
        for (const section of sections) {
          section.hidden = words.length > 0 && !section.querySelector(".concept-graph__index > li:not([hidden])");
        }
        status.textContent = words.length ? `${found} of ${entries.length} concepts match.` : "";
      },
      { signal },
    );
  }

  // Following a link to a concept's entry opens it. Material's instant navigation moves to an anchor of the
  // same page without a hashchange event, so a click on such a link opens its entry too.
  function open(hash) {
    const target = hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    const details = target?.matches(".concept-graph__index > li") && target.querySelector("details");
    if (details) details.open = true;
  }

  function openTarget() {
    open(location.hash);
  }

  function openClicked(event) {
    const link = event.target.closest?.(".concept-graph a[href^='#']");
    if (link) open(link.getAttribute("href"));
  }

  function mountAll() {
    current?.abort();
    current = new AbortController();
    for (const graph of document.querySelectorAll(".concept-graph")) mount(graph, current.signal);
    window.addEventListener("hashchange", openTarget, { signal: current.signal });
    document.addEventListener("click", openClicked, { signal: current.signal });
    openTarget();
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(mountAll); // Material: emits for the first page and after each instant navigation
  } else {
    mountAll();
  }
})();
