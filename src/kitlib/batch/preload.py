"""What the batch's worker processes import, once, before they are forked (server.worker_context).

Imported only as the preload of the multiprocessing forkserver that starts the pool's
workers: the forkserver imports these modules once, and every worker forked from it starts
with them loaded, instead of each importing them again (~1-2 s of CPU per worker). The
forkserver is a fresh single-threaded process, so forking it is safe even when the run
was started from a Jupyter kernel whose threads make forking that kernel unsafe.

Importing this module also keeps `rfc3987_syntax` out of the process: jsonschema imports it
when installed (jupyterlab's jupyter-events brings it, through jsonschema[format-nongpl])
only to check the "iri" string format, and it builds a Lark grammar at import: 2.5 s of
CPU, in every process that imports nbformat. Neither nbformat nor nbconvert checks that
format, so the workers go without it. This process is ours: nothing else runs in it.
"""

from __future__ import annotations

import sys

# jsonschema does `with suppress(ImportError): import rfc3987_syntax`; None in sys.modules makes
# that import fail at once. Only set where nothing has imported it yet.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

import IPython.core.interactiveshell  # noqa: E402,F401 - the worker's shell (in_process.py)
import nbclient  # noqa: E402,F401 - papermill's cell errors and timeouts
import nbconvert  # noqa: E402,F401 - the worker's HTML exporter
import openpyxl  # noqa: E402,F401 - the worker writes each unit's scorecard workbook
import papermill  # noqa: E402,F401 - runs the notebooks
from matplotlib.figure import Figure  # noqa: E402

import kitlib.batch.pool  # noqa: E402,F401 - the worker's code and all it imports (pandas, kitlib)
import kitlib.report.briefing  # noqa: E402,F401 - what the notebooks import
from kitlib.batch.exporter import warm_exporter  # noqa: E402
from kitlib.data.resources import bundled  # noqa: E402
from kitlib.report.charts.output import figure_html  # noqa: E402

# Work every worker and kernel would do again before its first note, done here once: the
# bundled template compiled (batch/exporter.py), and a chart's text measured and written,
# which loads the fonts and the SVG writer.
warm_exporter(bundled("templates/briefing").resolve())
_figure = Figure(figsize=(2, 1))
_figure.add_subplot().set_title("Sykefravær 7,1 %")
figure_html(_figure, "")
del _figure
