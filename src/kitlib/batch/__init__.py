"""Batch layer: many briefing notes in one run. The plan, worker processes with warm
kernels, one unit's run through papermill and nbconvert, PDFs, the index and manifest.

May import: the report, analysis and data layers, papermill, nbconvert and jinja2;
not the command line.
"""

from kitlib.batch.run import make_briefings, make_plan

__all__ = ["make_briefings", "make_plan"]
