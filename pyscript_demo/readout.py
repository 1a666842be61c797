"""What the live demo shows for one slider setting.

The same function renders the static readout at build time (CPython) and the
live one in the browser (Pyodide), so the two can never disagree.
"""

from html import escape

import numpy as np

from pyscript_demo import logreg


def readout(slope, bias):
    """Probabilities and average loss of the listing's data at w = slope, b = bias.

    Returns the readout table as HTML, a one-line summary for screen readers,
    and the full-precision numbers.
    """
    loss, _, q = logreg.loss_and_grad(np.array([bias, slope], dtype=float))
    q = q.tolist()
    loss = float(loss)
    rows = "".join(
        f'<tr><td>{xi:g}</td><td>{yi:g}</td>'
        f'<td class="demo-q" data-value="{qi!r}">{qi:.3f}</td></tr>'
        for xi, yi, qi in zip(logreg.x.tolist(), logreg.y.tolist(), q)
    )
    setting = f"w = {slope:.2f}, b = {bias:.2f}"
    html = (
        '<table class="demo-readout__table">'
        f"<caption>Probability q = σ(wx + b) of each point at {escape(setting)}</caption>"
        '<thead><tr><th scope="col">x</th><th scope="col">label y</th>'
        '<th scope="col">q</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        '<p class="demo-readout__loss">Average loss '
        f'<span class="demo-loss" data-value="{loss!r}">{loss:.4f}</span></p>'
    )
    summary = f"At {setting}: average loss {loss:.4f}."
    return {"html": html, "summary": summary, "q": q, "loss": loss}
