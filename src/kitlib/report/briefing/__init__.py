"""The briefing note of one unit and year, section by section.

The notebook calls one ``*_section`` method per cell and displays the `Section` it returns:
the page's HTML for the reader, and the DataFrame, figures or Markdown behind it for the
analyst to reuse (kitlib.report.views). The batch renders the executed notebook.
Everything a politician reads is made here, in the chosen language.

The package holds one module per concern: the building blocks every note shares (blocks:
`section`, `scrolling`, the title block), the note with its text and table sections (note),
the unit's comments (comments) and the charts (figures). Every name is exported here, where
the area and municipality notes and the notebooks import it from.
"""

from kitlib.report.briefing.blocks import key_figures_line, scrolling, section, title_block
from kitlib.report.briefing.note import Briefing, prepare_briefing

__all__ = ["Briefing", "key_figures_line", "prepare_briefing", "scrolling", "section", "title_block"]
