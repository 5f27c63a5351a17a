"""The analyst's statistical charts (issue 21): seaborn on the tidy table (kitlib.tidy).

Each function takes the tidy DataFrame plus indicator ids and unit ids, styles itself
inside the call (common.styled) and leaves every global matplotlib and seaborn setting as it
found it. Axes-level charts take `ax=` and return the Axes; `trends` returns seaborn's grid.
"""

from kitlib.report.analyst.distribution import distribution
from kitlib.report.analyst.heatmap import survey_heatmap
from kitlib.report.analyst.relationship import relationship
from kitlib.report.analyst.trends import trends

__all__ = ["distribution", "relationship", "survey_heatmap", "trends"]
