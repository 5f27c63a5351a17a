"""The municipality's note for the dialogue seminar, section by section: the whole picture
and the draft of the chief executive's challenge note (*utfordringsnotat*, seed 001).

Like the unit note (kitlib.report.briefing), the notebook calls one ``*_section`` method per
cell and shows the `Section` it returns: the page's HTML, and the objects behind it
(``.frame``, ``.markdown``). The challenge note's ``.markdown`` is the draft the chief
executive copies and edits. What the challenges are and how they are ranked is decided in
kitlib.analysis.challenges; here they are told in words, in the chosen language.

The package holds one module per section (summary, overview, areas, challenges, audit,
smart), the paragraph that tells one challenge (challenge_text), the words they share
(wording) and the note that assembles them (note).
"""

from kitlib.report.municipality.challenge_text import NAMED, WITH_FIGURES
from kitlib.report.municipality.note import MunicipalityBriefing, prepare_municipality_briefing
from kitlib.report.municipality.smart import NUM

__all__ = [
    "NAMED",
    "NUM",
    "WITH_FIGURES",
    "MunicipalityBriefing",
    "prepare_municipality_briefing",
]
