"""Figures with their spread, ratios to a baseline of the same run, and the results table."""

import json
import statistics
from dataclasses import asdict, dataclass, field


def spread(values):
    """Median with the smallest and largest of repeated measurements."""
    values = sorted(values)
    return {"median": statistics.median(values), "min": values[0], "max": values[-1], "n": len(values)}


def percentile(values, q):
    """The value below which a fraction q of the values lie (nearest rank)."""
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


@dataclass
class Figure:
    name: str
    unit: str
    value: dict
    baseline_name: str = ""
    baseline: dict | None = None
    # Ratio per paired round (page and baseline measured back to back), so load on the machine cancels.
    ratio: dict | None = None
    target: str = ""
    met: bool | None = None
    notes: list = field(default_factory=list)


def paired(name, unit, values, baseline_name, baseline_values, target=None, limit=None):
    # A pair whose baseline is zero (an anchor page with no blocking time at all) has no ratio.
    ratios = [v / b for v, b in zip(values, baseline_values, strict=True) if b]
    figure = Figure(
        name, unit, spread(values), baseline_name, spread(baseline_values), spread(ratios) if ratios else None
    )
    if limit is not None:
        figure.target = target
        figure.met = bool(ratios) and figure.ratio["median"] <= limit
    return figure


def _fmt(stats, unit):
    if stats is None:
        return ""
    digits = 0 if stats["median"] >= 100 else 2
    text = f"{stats['median']:,.{digits}f} {unit}"
    if stats["n"] > 1:
        text += f" [{stats['min']:,.{digits}f}–{stats['max']:,.{digits}f}]"
    return text


def markdown(figures, context):
    rows = [
        "| figure | value: median [min–max] | baseline (same run) | ratio: median [min–max] | target | met |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for f in figures:
        baseline = f"{f.baseline_name}: {_fmt(f.baseline, f.unit)}" if f.baseline else ""
        ratio = f"{f.ratio['median']:.2f} [{f.ratio['min']:.2f}–{f.ratio['max']:.2f}]" if f.ratio else ""
        met = "" if f.met is None else ("yes" if f.met else "**no**")
        rows.append(f"| {f.name} | {_fmt(f.value, f.unit)} | {baseline} | {ratio} | {f.target} | {met} |")
    notes = [f"- {f.name}: {note}" for f in figures for note in f.notes]
    lines = [
        "# Benchmark results",
        "",
        f"Measured {context['date']} on {context['machine']}, {context['rounds']} rounds; "
        "a ratio compares with a baseline measured in the same run.",
        "",
        *rows,
    ]
    if notes:
        lines += ["", "Notes:", "", *notes]
    return "\n".join(lines) + "\n"


def as_json(figures, context):
    return json.dumps({"context": context, "figures": [asdict(f) for f in figures]}, indent=2)
