"""Batch layer: many briefing notes in one run. The plan, worker processes with warm
kernels, one unit's run through papermill and nbconvert, PDFs, the index and manifest.

May import: the report, analysis and data layers, papermill, nbconvert and jinja2;
not the command line. `make_briefings` and `make_plan` are loaded on first use, so that
`kitlib.batch.server` can start the workers' server before pandas is imported.
"""

__all__ = ["make_briefings", "make_plan"]


def __getattr__(name: str):
    if name in __all__:
        from kitlib.batch import run

        return getattr(run, name)
    raise AttributeError(f"module 'kitlib.batch' has no attribute '{name}'")
