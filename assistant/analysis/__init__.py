"""Facts about an answer, in English, German and Danish, for the rules to act on.

Entry points:

- `analyse(text, lang=None, context=None) -> Facts`: size, language, goal facets (number,
  measure, deadline, action, hedges, vagueness), feelings and tone, absolute and blaming
  language, I/you statements, the reply code and key phrases. `Facts.as_dict()` has
  exactly the keys of `assistant.core.facts.FACTS`.
- `code_reply(reply, previous=None, lang=None) -> ReplyCode`: how a mentor's reply works
  (open or closed question, simple or complex reflection, affirmation, advice,
  information, other) with the modifiers why / leading / stacked / judgement.

The facts are rules over word lists the team wrote (`data/lexicon/*.yaml`), plus nltk's
data-free parts: a regexp tokenizer, Punkt with our own abbreviation list and the Snowball
stemmers. The reply code comes from a logistic-regression model trained on the team's
labelled conversations (`python -m assistant.analysis.train`) and shipped as weights
(`data/reply_model_<lang>.json`, see `replies.py`). Importing this package is cheap:
nltk and the word lists load on the first call (about 0.3 s), so hosts should warm up
with `preload()` off the UI thread.
"""

from __future__ import annotations

from .model import REPLY_CODES, Facts, ReplyCode

__all__ = ["REPLY_CODES", "Facts", "ReplyCode", "analyse", "code_reply", "preload"]


def analyse(text: str, lang: str | None = None, context: str | None = None) -> Facts:
    """Facts about `text`; `context` is what the other person said just before."""
    from .pipeline import analyse as _analyse

    return _analyse(text, lang=lang, context=context)


def code_reply(reply: str, previous: str | None = None, lang: str | None = None) -> ReplyCode:
    """Code a mentor's `reply`; `previous` is what the mentee said just before."""
    from .replies import code_reply as _code_reply

    return _code_reply(reply, previous=previous, lang=lang)


def preload() -> None:
    """Import nltk and load every word list now, so the first real answer is fast."""
    from .pipeline import preload as _preload

    _preload()
