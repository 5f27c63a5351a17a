"""Analysis layer: pure functions on the data layer's tables. Target status, trends,
targets, peers, small-sample suppression, the scorecard and an indicator's history.

May import: pandas, numpy, the data layer and `kitlib.errors`. Never files, plots,
HTML or notebooks: no matplotlib, seaborn, jinja2, nbconvert or papermill.
"""

from kitlib.analysis.variation import variation_summary, xmr

__all__ = ["variation_summary", "xmr"]
