// A code block wider than the page scrolls sideways, and a keyboard reader reaches it with Tab to scroll it
// with the arrow keys. Material makes such a block focusable when it sets the block up, which the site
// defers until the block comes into view (its `content.lazy`: on a long page, setting every block up at
// once is most of the first load's blocking time). A block further down would be passed by Tab until then,
// so once the page is idle each block is measured, a few in each idle moment, and one that scrolls gets its
// stop in the Tab order, by Material's own rule (a block that scrolls, where the pointer can hover), so
// what Material sets later agrees.
(() => {
  // Where the browser has no idle callbacks, a few milliseconds of each task.
  const idle =
    window.requestIdleCallback ||
    ((run) =>
      setTimeout(() => {
        const end = performance.now() + 5;
        run({ timeRemaining: () => Math.max(0, end - performance.now()) });
      }, 1));

  function reachable() {
    if (!matchMedia("(hover)").matches) return;
    const blocks = [...document.querySelectorAll(".md-typeset pre > code")];
    const measure = (deadline) => {
      while (blocks.length && deadline.timeRemaining() > 0) {
        const code = blocks.shift();
        if (code.isConnected && code.scrollWidth > code.offsetWidth) code.tabIndex = 0;
      }
      if (blocks.length) idle(measure);
    };
    idle(measure);
  }

  if (typeof document$ !== "undefined") document$.subscribe(reachable);
  else reachable();
})();
