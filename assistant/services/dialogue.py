"""A dialogue bound to its stored session: the stepper plus the store.

Every call that changes the dialogue stores the events it produced, committed, before
it returns the next turn, so a front end can only ever show a prompt whose previous
answer is already safe on disk. Both front ends (plain and TUI) use this class; the TUI
calls it from a worker thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..core.stepper import Event, FactsProvider, Stepper, Turn
from ..i18n import translation
from ..store import SessionInfo, Store
from .library import Library
from .summary import render


@dataclass
class Dialogue:
    store: Store
    library: Library
    info: SessionInfo
    stepper: Stepper

    @classmethod
    def start(cls, store: Store, library: Library, script_id: str, lang: str = "en", *,
              facts: FactsProvider | None = None, clock: Callable[[], float] = time.time,
              mode: str = "solo", meta: dict[str, Any] | None = None) -> Dialogue:
        script = library.script(script_id, lang)
        session_id = store.create_session(script.id, lang, title=script.title, mode=mode,
                                          meta=meta)
        stepper = Stepper(script, lang=lang, facts=facts, clock=clock,
                          words=translation(lang))
        return cls(store, library, store.session(session_id), stepper)

    @classmethod
    def resume(cls, store: Store, library: Library, session_id: str, *,
               facts: FactsProvider | None = None, clock: Callable[[], float] = time.time,
               owner: bool = False) -> Dialogue:
        """The stored session, ready to continue. A private pair member's session
        (`Store.events`) opens only with `owner`: for that person's own part."""
        info = store.session(session_id)
        script = library.script(info.script, info.lang)
        events = [Event.from_payload(e.kind, e.payload, e.at)
                  for e in store.events(info.id, owner=owner)]
        stepper = Stepper(script, lang=info.lang, facts=facts, clock=clock, events=events,
                          words=translation(info.lang))
        return cls(store, library, info, stepper)

    @property
    def id(self) -> str:
        return self.info.id

    def current(self) -> Turn:
        return self.stepper.current()

    def answer(self, value: Any = None) -> Turn:
        return self._save(self.stepper.answer(value))

    def skip(self) -> Turn:
        return self._save(self.stepper.skip())

    def back(self) -> Turn:
        return self._save(self.stepper.back())

    def edit(self, step_id: str, visit: int = 0) -> Turn:
        return self._save(self.stepper.edit(step_id, visit))

    def draft(self, text: str) -> Turn:
        """Keep the unsent text of the current question (stored, committed)."""
        return self._save(self.stepper.draft(text))

    def continue_here(self) -> Turn:
        """Where a resumed session continues: the first question still to answer, or
        an earlier one whose draft is waiting (`Stepper.resume`)."""
        return self._save(self.stepper.resume())

    @property
    def has_draft(self) -> bool:
        """Whether some question of the session keeps unsent text."""
        return any(v.draft for v in self.stepper.path)

    def keep(self, step_id: str = "", visit: int = 0) -> Turn:
        """Keep a private answer (the latest by default) in the summary that is shared."""
        return self._save(self.stepper.keep(step_id, visit))

    def _save(self, turn: Turn) -> Turn:
        events = self.stepper.take_events()
        if events:
            self.store.append_events(
                self.info.id, [(e.kind, e.payload(), e.at) for e in events],
                answered=self.stepper.answered_count())
        if self.stepper.finished and self.info.status != "finished":
            self.store.set_status(self.info.id, "finished")
            self.info = self.store.session(self.info.id)
        return turn

    def session_dict(self) -> dict[str, Any]:
        i = self.info
        return {"id": i.id, "script": i.script, "lang": i.lang, "status": i.status,
                "created": i.created, "updated": i.updated, "title": i.title, "mode": i.mode}

    def summary(self, fmt: str = "md") -> str:
        return render(fmt, self.library, self.stepper, self.session_dict())
