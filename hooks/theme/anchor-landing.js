// An in-page link (a citation's source, a table of contents entry) lands on its target and stays there while
// the page settles. Blocks above the target can still change height after the jump (blocks laid out only
// near the viewport, the panels' scripts), and the browser's scroll anchoring does not always make up for
// it: on a slow phone a citation's source could end a screen away. For a few seconds after the jump, until
// the reader scrolls, types or touches, the target is brought back to where it landed whenever it moves.
(() => {
  const HOLD_MS = 3000;
  const READER = ["wheel", "touchstart", "keydown", "pointerdown"];
  let release = null;

  function hold(hash) {
    release?.();
    let target = null;
    try {
      target = document.getElementById(decodeURIComponent(hash.slice(1)));
    } catch {
      return; // not an address an element can have
    }
    if (!target) return;
    let frame = 0;
    let landed = null;
    // The first frame lands it as the jump does (the page may have moved since); later ones if it moved.
    const follow = () => {
      if (landed === null || Math.abs(target.getBoundingClientRect().top - landed) > 1) {
        target.scrollIntoView();
        landed = target.getBoundingClientRect().top;
      }
      frame = requestAnimationFrame(follow);
    };
    const end = () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      for (const type of READER) removeEventListener(type, end, true);
      release = null;
    };
    const timer = setTimeout(end, HOLD_MS);
    for (const type of READER) addEventListener(type, end, { capture: true, passive: true });
    frame = requestAnimationFrame(follow);
    release = end;
  }

  // Material's instant navigation moves to an anchor of the same page without a hashchange event: its clicks
  // are followed too, once the jump is made.
  document.addEventListener("click", (event) => {
    const link = event.target.closest?.("a[href^='#']");
    if (link && link.hash) setTimeout(() => hold(link.hash));
  });
  addEventListener("hashchange", () => hold(location.hash));
  if (typeof document$ !== "undefined") document$.subscribe(() => location.hash && hold(location.hash));
  else if (location.hash) hold(location.hash);
})();
