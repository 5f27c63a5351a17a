"""The unit note's section of the unit's own comments: its assessment and planned measures
for the year in its own words (escaped text, never HTML, Markdown or TeX), each with the
figure it is about."""

from __future__ import annotations

from html import escape

import pandas as pd

from kitlib.data.contract import COMMENT_KINDS, QUESTION
from kitlib.report.briefing.blocks import _plain_text, section
from kitlib.report.formatting import format_indicator_value, format_period, format_text
from kitlib.report.i18n import status_label, tr
from kitlib.report.views import Section


class CommentsSection:
    """The comments section of the unit's note (a base of `Briefing`)."""

    @section
    def comments_section(self) -> Section:
        """The unit's own assessment and planned measures for the year, in its own words (escaped
        text, never HTML, Markdown or TeX): first about the whole unit, then per indicator in the
        scorecard's order. Empty when no unit has comments for the year."""
        comments = self.comments
        if comments.empty:
            return self._no_comments()
        parts = [self._h2("comments")]
        parts.append(f'<p class="note">{escape(tr("comments_note", self.lang, year=self.year))}</p>')
        parts.append('<div class="comments tex2jax_ignore mathjax_ignore">')
        for indicator, name in self._comment_groups(comments):
            rows = comments[comments["indicator_id"] == indicator]
            if not rows.empty:
                parts.append(self._comment_group(indicator, name, rows))
        parts.append("</div>")
        return Section("".join(parts), frame=comments)

    def _no_comments(self) -> str:
        """Nothing when no unit has comments for the year; else that this unit has none."""
        c = self.data.comments
        if not ((c["year"] == self.year) & (c["kind"] != QUESTION)).any():
            return ""
        none = escape(tr("comments_none", self.lang, year=self.year))
        return f'{self._h2("comments")}<p class="empty">{none}</p>'

    def _comment_groups(self, comments: pd.DataFrame) -> list[tuple[str, str]]:
        """(indicator, its escaped name): the whole unit's first (indicator ""), then each
        commented indicator in the scorecard's order."""
        order = list(dict.fromkeys([*self.card["indicator_id"], *self.data.indicators["indicator_id"]]))
        groups = [("", escape(tr("comments_unit", self.lang)))]
        names = dict(zip(self.data.indicators["indicator_id"], self.data.indicators["name"]))
        for indicator in sorted(set(comments["indicator_id"]) - {""}, key=order.index):
            groups.append((indicator, escape(format_text(str(names[indicator]), self.lang))))
        return groups

    def _comment_group(self, indicator: str, name: str, rows: pd.DataFrame) -> str:
        """One indicator's (or the whole unit's) comments under its name and figure, kind by kind."""
        anchor = f"comment-{indicator}" if indicator else "comments-unit"
        figure = self._comment_figure(indicator) if indicator else ""
        parts = [f'<section class="comment-group"><h3 id="{escape(anchor)}">{name}</h3>{figure}']
        for kind in (k for k in COMMENT_KINDS if k != QUESTION):
            parts.append(self._comment_kind(kind, rows[rows["kind"] == kind]))
        parts.append("</section>")
        return "".join(parts)

    def _comment_kind(self, kind: str, rows: pd.DataFrame) -> str:
        """The comments of one kind (assessment, measure): one as a paragraph, several as a list."""
        # a tertial's (quarter's, month's) comment says which: the note is the year's
        texts = [
            (
                ""
                if period == str(self.year)
                else f'<span class="period">{escape(format_period(period, self.lang))}</span> '
            )
            + _plain_text(text)
            for period, text in zip(rows["period"], rows["text"])
        ]
        label = f'<strong class="comment-kind">{escape(tr(f"comment_{kind}", self.lang))}:</strong>'
        if len(texts) == 1:
            return f'<p class="comment comment-{kind}">{label} {texts[0]}</p>'
        if texts:
            items = "".join(f"<li>{t}</li>" for t in texts)
            return f'<div class="comment comment-{kind}"><p>{label}</p><ul>{items}</ul></div>'
        return ""

    def _comment_figure(self, indicator: str) -> str:
        """The figure a comment is about, to read without turning back: '10,9 % · mål 9,0 % · ✘ ikke nådd'."""
        rows = self.card[self.card["indicator_id"] == indicator]
        if rows.empty or pd.isna(rows["value"].iat[0]):
            return ""
        row = rows.iloc[0]
        parts = [format_indicator_value(row["value"], row, self.lang)]
        if not pd.isna(row["target"]):
            target = format_indicator_value(row["target"], row, self.lang)
            parts.append(f"{tr('target', self.lang).lower()} {target}")
            parts.append(status_label(row["status"], self.lang))
        return f'<p class="comment-figure">{escape(" · ".join(parts))}</p>'
