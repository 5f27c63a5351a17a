"""The analyst's charts: seaborn on the tidy table (kitlib.tidy), in seaborn's convention.

    import kitlib
    from kitlib import plots
    frame = kitlib.tidy(kitlib.load_data("data/sample"))
    plots.relationship(frame, x="bhg_kostnad_barn", y="bhg_bu_helhet")

See docs/analysis.md. seaborn is imported when a chart is drawn, never by `import kitlib`.
"""

from kitlib.report.analyst import distribution, relationship, survey_heatmap, trends

__all__ = ["distribution", "relationship", "survey_heatmap", "trends"]
