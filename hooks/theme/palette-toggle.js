// The light/dark toggle in the header, in place of Material's own (the build takes the toggle's form from
// Material: hooks/theme/palette_toggle.py). Material's sets the palette again on every load even when
// nothing changes, and each step of that restyles the whole page: three times over, on a long page most of
// the blocking time its scripts leave once code blocks are set up lazily. This one behaves as Material's
// (the reader's choice kept in Material's storage, the browser's preference until then, Enter on the toggle
// moves to the next palette, no colour transitions while switching, the browser's theme colour following
// the header) and touches the page only when the palette changes.
(() => {
  const form = document.querySelector("form[data-palette-toggle]");
  if (!form) return;
  const inputs = [...form.querySelectorAll("input[name=__palette]")];
  const lightPreferred = matchMedia("(prefers-color-scheme: light)");
  const themeColor = document.head.appendChild(Object.assign(document.createElement("meta"), { name: "theme-color" }));
  let current = -1;

  function colors(input) {
    let source = input;
    if (input.getAttribute("data-md-color-media") === "(prefers-color-scheme)") {
      // The automatic option takes the colours of the option for the browser's current preference.
      const media = lightPreferred.matches ? "(prefers-color-scheme: light)" : "(prefers-color-scheme: dark)";
      source = form.querySelector(`[data-md-color-media='${media}']`) || input;
    }
    const color = { media: input.getAttribute("data-md-color-media") };
    for (const key of ["scheme", "primary", "accent"]) color[key] = source.getAttribute(`data-md-color-${key}`);
    return color;
  }

  function show(index) {
    const color = colors(inputs[index]);
    const body = document.body;
    const changes = Object.entries(color).filter(([key, value]) => body.getAttribute(`data-md-color-${key}`) !== value);
    // No stylesheet reads the palette's media: writing it alone restyles nothing.
    const restyled = changes.some(([key]) => key !== "media");
    if (restyled) body.setAttribute("data-md-color-switching", "");
    for (const [key, value] of changes) body.setAttribute(`data-md-color-${key}`, value);
    if (restyled) {
      requestAnimationFrame(() => requestAnimationFrame(() => body.removeAttribute("data-md-color-switching")));
    }
    if (index !== current) {
      inputs[index].checked = true;
      inputs.forEach((input, i) => {
        if (input.nextElementSibling instanceof HTMLLabelElement) input.nextElementSibling.hidden = i !== index;
      });
      current = index;
    }
    __md_set("__palette", { index, color });
    // Read once the page is styled again: reading it now would restyle the page at once.
    requestAnimationFrame(() => {
      const rgb = getComputedStyle(document.querySelector("header")).backgroundColor.match(/\d+/g) || [];
      themeColor.content = `#${rgb.slice(0, 3).map((c) => (+c).toString(16).padStart(2, "0")).join("")}`;
    });
  }

  function chosen() {
    const saved = __md_get("__palette");
    const index = saved ? saved.index : inputs.findIndex((input) => matchMedia(input.getAttribute("data-md-color-media")).matches);
    return Math.max(0, Math.min(index, inputs.length - 1));
  }

  inputs.forEach((input, index) => input.addEventListener("change", () => show(index)));
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    const next = inputs[(current + 1) % inputs.length];
    next.click();
    next.focus();
  });
  lightPreferred.addEventListener("change", () => show(chosen()));
  show(chosen());
})();
