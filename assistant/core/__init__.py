"""The pure engine: script model, loader, expressions, rules, dialogue and practice steppers.

`LANGS` is the one list of languages Reflect speaks: the app's words (assistant.i18n),
the scripts' string tables, the practice scenarios and the analysis all take it from here.
"""

LANGS: tuple[str, ...] = ("en", "de", "da")
