"""An interactive explorer for analysts in JupyterLab (ipywidgets): ``kitlib.explore(folder)``.

Above the report and batch layers, beside the command line: it reads the data and its
analyses, shows the report's charts, tables and sentences, and its briefing button runs the
batch. The package is called `explorer`, not `explore`, so that it never shadows the
function `kitlib.explore` (importing a subpackage sets the parent's attribute of its name);
it is loaded on first use, so that importing kitlib stays cheap. `explore_variation` shows
any frequent series of a unit as an XmR chart, with new limits from chosen periods;
`explore_analysis` the analyst's statistical views (relationships, distributions).
"""

from kitlib.explorer.analyst_app import AnalysisExplorer, explore_analysis
from kitlib.explorer.app import Explorer, explore
from kitlib.explorer.variation_app import VariationExplorer, explore_variation

__all__ = [
    "AnalysisExplorer",
    "Explorer",
    "VariationExplorer",
    "explore",
    "explore_analysis",
    "explore_variation",
]
