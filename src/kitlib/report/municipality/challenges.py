"""The draft of the chief executive's challenge note (*utfordringsnotat*, seed 001): the 5-10
largest challenges, numbered, each a heading and a paragraph (kitlib.report.municipality.
challenge_text) the chief executive copies from ``.markdown`` and edits."""

from __future__ import annotations

from html import escape

from kitlib.report.briefing import section
from kitlib.report.formatting import format_text
from kitlib.report.i18n import tr
from kitlib.report.municipality.wording import _capital, _md
from kitlib.report.views import Section


class ChallengesSection:
    """The municipality note's challenge note, largest challenge first."""

    def challenge_items(self) -> list[tuple[str, str, str]]:
        """(indicator, service area, paragraph) per challenge, largest first."""
        return [
            (_capital(format_text(str(c["name"]), self.lang)), self._area_label(c["service_area"]),
             self.challenge_text(c))
            for _, c in self.challenges.iterrows()
        ]  # fmt: skip

    @section
    def challenges_section(self) -> Section:
        """The draft challenge note: 5-10 numbered challenges in prose the chief executive can
        edit (``.markdown``); ``.frame`` holds the ranked challenges behind it."""
        items = self.challenge_items()
        # the targets today's variation cannot meet: a choice for the seminar, after the challenges
        choices, choices_md = self.choices_html()
        if not items:
            note = tr("muni_challenges_none", self.lang, year=self.year)
            html = f'{self._h2("muni_challenges")}<p class="empty">{escape(note)}</p>{choices}'
            markdown = f"## {tr('muni_challenges', self.lang)}\n\n{note}" + (
                f"\n\n{choices_md}" if choices_md else ""
            )
            return Section(html, frame=self.challenges, markdown=markdown)
        note = tr("muni_challenges_note", self.lang, n=len(items), year=self.year)
        listed = "".join(
            f'<li><h3 class="challenge-name">{escape(name)} '
            f'<span class="challenge-area">({escape(area)})</span></h3><p>{escape(text)}</p></li>'
            for name, area, text in items
        )
        html = (
            f'{self._h2("muni_challenges")}<p class="note">{escape(note)}</p>'
            f'<ol class="challenges">{listed}</ol>{choices}'
        )
        # a numbered list, each item a bold heading and its paragraph: the draft to copy and edit
        markdown = "\n\n".join(
            f"{i}. **{_md(name)}** ({_md(area)})\n\n   {_md(text)}"
            for i, (name, area, text) in enumerate(items, 1)
        )
        heading = tr("muni_challenges", self.lang)
        markdown += f"\n\n{choices_md}" if choices_md else ""
        return Section(html, frame=self.challenges, markdown=f"## {heading}\n\n{_md(note)}\n\n{markdown}")
