// KaTeX's stylesheet comes from the CDN, pinned by an integrity hash. If it does not arrive (blocked,
// offline, or refused because the file is not the pinned one), formulas fall back to the browser's own
// rendering of the MathML that KaTeX writes beside its HTML, and the page says why they look plainer.
(() => {
  const link = document.querySelector('link[rel="stylesheet"][href$="katex.min.css"]');
  if (!link) return;
  let failed = false;

  function say() {
    const content = document.querySelector(".md-content__inner");
    if (!failed || !content || !content.querySelector(".katex") || content.querySelector(".math-fallback-note")) return;
    const note = document.createElement("p");
    note.className = "math-fallback-note";
    note.setAttribute("role", "status");
    content.prepend(note);
    note.textContent =
      "The math stylesheet did not load (it was blocked, or refused because it is not the pinned file), " +
      "so formulas are drawn by your browser's built-in math rendering.";
  }

  // Whether KaTeX's rules apply, asked of a probe: a refused sheet is not reported alike by every browser.
  function styled() {
    const probe = document.createElement("span");
    probe.className = "katex";
    probe.hidden = true;
    probe.innerHTML = '<span class="katex-mathml"></span>';
    document.body.append(probe);
    const applied = getComputedStyle(probe.firstChild).position === "absolute";
    probe.remove();
    return applied;
  }

  function check() {
    failed = !styled();
    document.documentElement.classList.toggle("math-fallback", failed);
    say();
  }

  // By the load event every stylesheet has arrived or failed.
  if (document.readyState === "complete") check();
  else addEventListener("load", check, { once: true });
  // Material's instant navigation swaps the content: say it again on the next page with math.
  if (typeof document$ !== "undefined") document$.subscribe(say);
})();
