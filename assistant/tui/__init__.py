"""The Textual front end.

`app.make_app()` builds the app from injected services (store, library, facts, clock),
for the CLI (`run_app`) and the tests alike; nothing here opens a file or a database at
import time. Screens (`screens/`, one per file) drive the headless core
(`assistant.dialogue.Dialogue`, `assistant.store.Store`) from thread workers and learn
the results through `messages.py`; widgets (`widgets/`, one per file) only say what the
person did. The app's own words are said through `assistant.i18n` (gettext catalogs).
"""
