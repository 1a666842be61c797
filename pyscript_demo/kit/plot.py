"""A small SVG plotting helper: scales, axes, marks, a legend, all in data coordinates.

    plot = Plot(x=(0, 10), y=(0, 1))
    plot.axes(x_ticks=range(0, 11, 2), y_ticks=[0, 0.5, 1], x_label="x", y_label="q")
    plot.curve(xs, ys)
    plot.points(xs, ys, titles=[f"point {i}" for i in range(len(xs))])
    chart = plot.chart("Title", "What the figure shows, from its data.")

Marks take a `cls` (added to the kit's own class) for the demo's styling and
return their element, so a demo can nest its own marks (`parent=`).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pyscript_demo.kit.markup import Element, Table, element, svg

# Text sizes are set by the kit's stylesheet (they grow on narrow screens, where the figure shrinks).
TICK_GAP = 8
# The x-axis label's baseline above the canvas's lower edge: room for descenders (g, p, y).
DESCENT = 5


@dataclass(frozen=True)
class Chart:
    """A finished figure: its SVG, its title, a description generated from its data, and its table."""

    svg: str
    title: str
    description: str
    table: str | Table = ""


class Plot:
    """An SVG canvas `width` x `height` (user units) mapping the data window `x` x `y` inside `margin`."""

    def __init__(
        self,
        x: tuple[float, float],
        y: tuple[float, float],
        *,
        width: int = 520,
        height: int = 300,
        margin: tuple[int, int, int, int] = (14, 14, 40, 52),  # top, right, bottom, left
        cls: str | None = None,
        attrs: dict | None = None,
    ):
        self.x, self.y, self.width, self.height = x, y, width, height
        self.top, self.right, self.bottom, self.left = margin
        # The scales, data to user units, each one multiply-add: x at the left edge, y growing upwards.
        self._kx = (width - self.left - self.right) / (x[1] - x[0])
        self._ky = (height - self.top - self.bottom) / (y[1] - y[0])
        self._cx, self._cy = self.left - x[0] * self._kx, self.top + y[1] * self._ky
        self.root = element(
            "svg",
            {"class": _cls("kit-plot", cls), "viewBox": f"0 0 {width} {height}", "role": "img", **(attrs or {})},
        )

    # Scales -------------------------------------------------------------------------------------------

    def sx(self, value: float) -> float:
        return self._cx + self._kx * value

    def sy(self, value: float) -> float:
        return self._cy - self._ky * value

    @property
    def floor(self) -> float:
        return self.height - self.bottom

    # Marks --------------------------------------------------------------------------------------------

    def axes(
        self,
        x_ticks: Iterable[float] = (),
        y_ticks: Iterable[float] = (),
        x_label: str = "",
        y_label: str = "",
        fmt: str = "g",
    ) -> Element:
        """The two axes at the window's lower and left edges, with tick labels and axis labels."""
        g = self.group("kit-axes")
        _el(
            "line",
            {"class": "kit-axis", "x1": self.left, "y1": self.floor, "x2": self.width - self.right, "y2": self.floor},
            parent=g,
        )
        _el("line", {"class": "kit-axis", "x1": self.left, "y1": self.top, "x2": self.left, "y2": self.floor}, parent=g)
        for tick in x_ticks:
            self.text(tick, self.y[0], f"{tick:{fmt}}", dy=22, anchor="middle", cls="kit-tick", parent=g)
        for tick in y_ticks:
            self.text(self.x[0], tick, f"{tick:{fmt}}", dx=-TICK_GAP, dy=5, anchor="end", cls="kit-tick", parent=g)
        if x_label:
            mid = (self.left + self.width - self.right) / 2
            _el(
                "text",
                {"class": "kit-label", "x": mid, "y": self.height - DESCENT, "text-anchor": "middle"},
                x_label,
                parent=g,
            )
        if y_label:
            _el(
                "text",
                {"class": "kit-label", "x": 2, "y": self.top - 2 if self.top > 12 else 12, "text-anchor": "start"},
                y_label,
                parent=g,
            )
        return g

    def curve(self, xs: Sequence[float], ys: Sequence[float], cls: str | None = None, parent=None) -> Element:
        """A line through the points (xs, ys), in order."""
        # The scales inlined, on plain floats: a curve has hundreds of points, redrawn on every move.
        cx, kx, cy, ky = self._cx, self._kx, self._cy, self._ky
        d = "M" + " L".join(
            f"{cx + kx * x:.1f},{cy - ky * y:.1f}" for x, y in zip(_floats(xs), _floats(ys), strict=True)
        )
        return _el("path", {"class": _cls("kit-curve", cls), "d": d}, parent=self._in(parent))

    def points(
        self,
        xs: Sequence[float],
        ys: Sequence[float],
        cls: str | Sequence[str] | None = None,
        r: float = 6,
        titles: Sequence[str] | None = None,
        choose: str | None = None,
        parent=None,
    ) -> list[Element]:
        """A dot per point, each with its index; `titles` become tooltips and names.

        With `choose=KEY`, a click on a dot picks the option of the choice control KEY whose value is the
        dot's index, as choosing it in the list does.
        """
        dots = []
        for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
            extra = cls[i] if isinstance(cls, (list, tuple)) else cls
            dot = self.circle(
                x,
                y,
                r,
                cls=_cls("kit-point", extra),
                parent=parent,
                title=titles[i] if titles else None,
                index=i,
                choose=choose,
            )
            dots.append(dot)
        return dots

    def circle(self, x, y, r=6, cls=None, parent=None, title=None, index=None, choose=None) -> Element:
        attrs = {"class": cls, "cx": self.sx(x), "cy": self.sy(y), "r": r, "data-index": index}
        if choose is not None:
            attrs.update({"data-choose": choose, "data-value": index})
        dot = _el("circle", attrs, parent=self._in(parent))
        if title:
            _el("title", {}, title, parent=dot)
        return dot

    def line(self, x1, y1, x2, y2, cls=None, parent=None) -> Element:
        """A segment between two points of the data."""
        attrs = {"class": cls, "x1": self.sx(x1), "y1": self.sy(y1), "x2": self.sx(x2), "y2": self.sy(y2)}
        return _el("line", attrs, parent=self._in(parent))

    def rule(self, *, x: float | None = None, y: float | None = None, label: str = "", cls=None, parent=None):
        """A line across the whole window at `x` (vertical) or `y` (horizontal), with an optional label."""
        g = self.group(_cls("kit-rule", cls), parent=parent)
        if x is not None:
            px = self.sx(x)
            _el("line", {"x1": px, "y1": self.top, "x2": px, "y2": self.floor}, parent=g)
            if label:
                left = px < (self.left + self.width - self.right) / 2
                _el(
                    "text",
                    {"x": px + (6 if left else -6), "y": self.top + 14, "text-anchor": "start" if left else "end"},
                    label,
                    parent=g,
                )
        else:
            py = self.sy(y)
            _el("line", {"x1": self.left, "y1": py, "x2": self.width - self.right, "y2": py}, parent=g)
            if label:
                _el("text", {"x": self.width - self.right, "y": py - 6, "text-anchor": "end"}, label, parent=g)
        return g

    def bars(self, xs: Sequence[float], heights: Sequence[float], width: float, cls=None, titles=None, parent=None):
        """A bar per x, `width` wide in data units, from 0 (or the window's floor) up to its height."""
        g = self.group(_cls("kit-bars", cls), parent=parent)
        base = max(self.y[0], 0)
        for i, (x, h) in enumerate(zip(xs, heights, strict=True)):
            left, right = self.sx(x - width / 2), self.sx(x + width / 2)
            top, bottom = sorted([self.sy(h), self.sy(base)])
            bar = _el(
                "rect",
                {
                    "class": "kit-bar",
                    "x": left,
                    "y": top,
                    "width": right - left,
                    "height": bottom - top,
                    "data-index": i,
                },
                parent=g,
            )
            if titles:
                _el("title", {}, titles[i], parent=bar)
        return g

    def cells(
        self, matrix: Sequence[Sequence[float]], rows: Sequence[str], cols: Sequence[str], fmt: str = "g", cls=None
    ) -> Element:
        """A grid of cells for a matrix: the window spans it, each cell shaded by its share of the largest."""
        g = self.group(_cls("kit-cells", cls))
        n_rows, n_cols = len(rows), len(cols)
        top = max(abs(v) for row in matrix for v in row) or 1
        cell_w = (self.width - self.left - self.right) / n_cols
        cell_h = (self.height - self.top - self.bottom) / n_rows
        for i, row in enumerate(matrix):
            for j, value in enumerate(row):
                x, y = self.left + j * cell_w, self.top + i * cell_h
                _el(
                    "rect",
                    {
                        "class": "kit-cell",
                        "x": x,
                        "y": y,
                        "width": cell_w,
                        "height": cell_h,
                        "fill-opacity": f"{0.1 + 0.6 * abs(value) / top:.2f}",
                        "data-row": i,
                        "data-col": j,
                    },
                    parent=g,
                )
                _el(
                    "text",
                    {"class": "kit-cell-value", "x": x + cell_w / 2, "y": y + cell_h / 2 + 6, "text-anchor": "middle"},
                    f"{value:{fmt}}",
                    parent=g,
                )
        for i, name in enumerate(rows):
            _el(
                "text",
                {
                    "class": "kit-tick",
                    "x": self.left - TICK_GAP,
                    "y": self.top + (i + 0.5) * cell_h + 5,
                    "text-anchor": "end",
                },
                name,
                parent=g,
            )
        for j, name in enumerate(cols):
            _el(
                "text",
                {
                    "class": "kit-tick",
                    "x": self.left + (j + 0.5) * cell_w,
                    "y": self.floor + 22,
                    "text-anchor": "middle",
                },
                name,
                parent=g,
            )
        return g

    def legend(self, items: Sequence[tuple[str, str]], x: float | None = None, y: float | None = None) -> Element:
        """A key of (label, class) pairs, one swatch and label a line, at the window's top right by default."""
        g = self.group("kit-legend")
        px = self.width - self.right - 150 if x is None else self.sx(x)
        py = self.top + 6 if y is None else self.sy(y)
        for i, (label, cls) in enumerate(items):
            _el(
                "rect",
                {"class": _cls("kit-swatch", cls), "x": px, "y": py + i * 22, "width": 14, "height": 14},
                parent=g,
            )
            _el("text", {"class": "kit-tick", "x": px + 20, "y": py + i * 22 + 12}, label, parent=g)
        return g

    def text(self, x, y, text, *, dx=0, dy=0, anchor="start", cls="kit-note", parent=None) -> Element:
        """Text at a point of the data, shifted by (dx, dy) user units."""
        attrs = {"class": cls, "x": self.sx(x) + dx, "y": self.sy(y) + dy, "text-anchor": anchor}
        return _el("text", attrs, text, parent=self._in(parent))

    def group(self, cls: str | None = None, parent=None, **attrs) -> Element:
        """A `<g>` to gather marks (attribute names with `_` are written with `-`)."""
        return _el("g", {"class": cls, **{k.replace("_", "-"): v for k, v in attrs.items()}}, parent=self._in(parent))

    def _in(self, parent):
        return self.root if parent is None else parent

    # The finished figure ------------------------------------------------------------------------------

    def chart(self, title: str, description: str, table: str | Table = "") -> Chart:
        """The figure with its accessible name: `title`, and `description` generated from the data; its
        numbers as a `Table` (rendered only while the reader has them open) or as markup."""
        self.root.set("aria-label", title)
        return Chart(svg(self.root), title, description, table)


def _floats(values: Sequence[float]) -> list:
    """Plain floats, from a list or a numpy array (whose own scalars are slow to compute with one by one)."""
    return values.tolist() if hasattr(values, "tolist") else [float(v) for v in values]


def _el(tag: str, attrs: dict, text=None, parent=None) -> Element:
    """An SVG element whose coordinates (floats) are written to a tenth of a unit."""
    return element(tag, attrs, text, parent, tenths=True)


def _cls(base: str, extra: str | None) -> str:
    return f"{base} {extra}" if extra else base
