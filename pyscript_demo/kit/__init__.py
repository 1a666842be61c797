"""The demo kit: declare a demo's state, controls, actions and parts; the kit renders and serves it.

See the guide's docs/writing-a-demo.md for a complete example.
"""

from pyscript_demo.kit import markup
from pyscript_demo.kit.controls import Button, Choice, Number, Run, Slider
from pyscript_demo.kit.demo import Demo, Done, Figure, Note, Part, Row, Text, done
from pyscript_demo.kit.markup import Num, Table, num, span, table
from pyscript_demo.kit.plot import Chart, Plot

__all__ = [
    "Button",
    "Chart",
    "Choice",
    "Demo",
    "Done",
    "Figure",
    "Note",
    "Num",
    "Number",
    "Part",
    "Plot",
    "Row",
    "Run",
    "Slider",
    "Table",
    "Text",
    "done",
    "markup",
    "num",
    "span",
    "table",
]
