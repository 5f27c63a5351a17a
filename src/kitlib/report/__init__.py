"""Report layer: what a reader sees. Words in nb/da/en, number formats, the narrative,
HTML tables, charts and the briefing note's sections.

May import: the analysis and data layers, matplotlib and `kitlib.errors`;
not the batch or the command line.
"""
