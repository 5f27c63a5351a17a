"""The selections the analyst likely makes next, for the warm-up thread to prepare the views
of while the current ones are read: a function of the session and the current selection,
nothing of the widgets, so that it can be read and tested on its own."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from kitlib.explorer.session import Selection, Session


def likely_selections(session: Session, sel: Selection) -> list[Callable[[], Selection | None]]:
    """The selections the analyst likely makes next, most likely first, each as a
    function that makes it (in the warm-up thread): another unit of the service area
    (the next ones first; with several chosen, also as the current one beside the
    others), the indicators next to the chosen one, the chosen units with one more (in
    the list's order, and the next unit as the current one), another service area as it
    opens. The indicator stays where the new units report on it, as the selectors keep it
    (`Explorer._set_indicators`)."""
    area = session.units_of(sel.area)
    if not sel.unit or sel.unit not in area:
        return []
    at = area.index(sel.unit)
    others = area[at + 1 :] + area[:at]

    def choose(area_name: str, units: tuple[str, ...], wanted: str) -> Selection | None:
        ids = session.indicators_of(units, sel.end)
        if not ids:
            return None
        indicator = wanted if wanted in ids else ids[0]
        return dataclasses.replace(sel, area=area_name, units=units, indicator=indicator)

    rest = sel.units[1:]
    makers = [lambda u=u: choose(sel.area, (u,), sel.indicator) for u in others]
    makers += [  # another current unit beside the ones compared
        lambda u=u: choose(sel.area, (u, *rest), sel.indicator) for u in others if rest and u not in rest
    ]

    def beside(step: int) -> Selection | None:
        ids = session.indicators_of(sel.units, sel.end)
        if sel.indicator not in ids or not 0 <= ids.index(sel.indicator) + step < len(ids):
            return None
        return dataclasses.replace(sel, indicator=ids[ids.index(sel.indicator) + step])

    makers += [lambda: beside(1), lambda: beside(-1)]
    more = [u for u in others if u not in sel.units][:2]
    makers += [  # a click adds a unit: the selection in the list's order
        lambda u=u: choose(sel.area, tuple(x for x in area if x in {*sel.units, u}), sel.indicator)
        for u in more
    ]
    makers += [lambda u=u: choose(sel.area, (u, *sel.units), sel.indicator) for u in more[:1]]
    makers += [
        lambda a=a: choose(a, tuple(session.units_of(a)[:1]), sel.indicator)
        for a in session.areas()
        if a != sel.area
    ]
    return makers
