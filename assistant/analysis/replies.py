"""Code a mentor's reply the way motivational-interviewing coders do, with a trained model.

The eight codes (open or closed question, simple or complex reflection, affirmation,
advice, information, other) follow MITI 4.2.1: a statement that mirrors the mentee is a
reflection even when it ends with a rising "?", a suggestion in the mentee's own words
is advice, "it's as if ..." is a complex reflection.

No rule here decides a code. The reply becomes named features (`features.py`: cue rows
from `data/cues.yaml` and general features such as the question mark or how much of the
reply repeats the mentee's words), and a logistic-regression model trained by
`python -m assistant.analysis.train` on the team's labelled conversations
(`data/examples/`) weighs them. The model ships as weights (`data/reply_model.json`)
and is applied here by summing them: no nltk, a few dictionary look-ups per word.

Every code comes with its evidence: the features that weighed most for the chosen code
against the runner-up, which `reason_for(lang)` says in plain words (en, de, da), so a
mentor can see why and disagree.

The modifiers are read off the features too: `why` (a question starting with why),
`leading` (a tag such as "..., right?", "don't you think", or a suggestion asked as a
question), `stacked` (two or more questions), `judgement` (judging words).
"""

from __future__ import annotations

import json
from array import array
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..core.facts import WORD_RE
from .features import Reply, cue_table, featurize
from .language import detect
from .lexicon import LANGS
from .model import ReplyCode
from .text import clean

QUESTION_CODES = ("open_question", "closed_question")
EVIDENCE = 3  # features shown as the reason
_ABSENT = ("not:", "no_question_mark_at_end")
_WORDY = ("w", "b", "first", "first2", "last")


@dataclass(frozen=True, slots=True)
class LangModel:
    """One language's weights, packed: `index` gives a feature's row in `table`, which
    holds `len(labels)` weights per row (32-bit floats: the shipped weights have three
    decimals). A few hundred kilobytes per language instead of a tuple of Python floats
    per feature."""

    labels: tuple[str, ...]
    bias: tuple[float, ...]
    index: dict[str, int]
    table: array

    @classmethod
    def of(cls, raw: dict[str, Any]) -> LangModel:
        names = sorted(raw["weights"])
        table = array("f")
        for name in names:
            table.extend(raw["weights"][name])
        return cls(tuple(raw["labels"]), tuple(raw["bias"]),
                   {name: i for i, name in enumerate(names)}, table)

    def weights(self, name: str) -> array | None:
        """The weights of one feature per label, or None for a feature it never saw."""
        row = self.index.get(name)
        if row is None:
            return None
        k = len(self.labels)
        return self.table[row * k:(row + 1) * k]


def _data(name: str) -> Any:
    return resources.files("assistant.analysis").joinpath("data", name)


def shipped_model(lang: str) -> dict[str, Any]:
    """One language's trained weights as shipped (`data/reply_model_<lang>.json`), read
    anew on each call."""
    lang = lang if lang in LANGS else "en"
    return json.loads(_data(f"reply_model_{lang}.json").read_text(encoding="utf-8"))


@cache
def lang_model(lang: str) -> LangModel:
    """The packed model of one language: only that language's file is parsed, and the
    parsed text is dropped at once."""
    return LangModel.of(shipped_model(lang))


def scores(model: LangModel, feats: dict[str, bool]) -> list[float]:
    """Score per label: bias plus the weights of the features the model knows."""
    total = list(model.bias)
    k = len(total)
    table, index = model.table, model.index
    for name in feats:
        row = index.get(name)
        if row is not None:
            at = row * k
            for i in range(k):
                total[i] += table[at + i]
    return total


def classify(model: LangModel, feats: dict[str, bool]) -> tuple[str, str, list[float]]:
    """(best label, runner-up label, scores); ties go to the label first in sort order."""
    got = scores(model, feats)
    order = sorted(range(len(got)), key=lambda i: (-got[i], model.labels[i]))
    return model.labels[order[0]], model.labels[order[1]], got


def evidence(model: LangModel, feats: dict[str, bool], best: str, runner: str,
             k: int = EVIDENCE) -> tuple[str, ...]:
    """The features that weighed most for `best` over `runner`, strongest first."""
    b, r = model.labels.index(best), model.labels.index(runner)
    # What is absent ("not:KEY", no "?" at the end) weighs in the model too, but a mentor
    # is shown only what the reply has.
    margins = [(w[b] - w[r], name) for name in feats
               if (w := model.weights(name)) is not None and not name.startswith(_ABSENT)]
    margins = [m for m in margins if m[0] > 0]
    margins.sort(key=lambda m: (-m[0], m[1]))
    shown: list[str] = []
    words: list[str] = []
    for _, name in margins:
        kind, _, rest = name.partition(":")
        # "it starts with 'you should'" says what "the word 'should'" would say again.
        if kind in _WORDY and any(rest in w or w in rest for w in words):
            continue
        if kind in _WORDY:
            words.append(rest)
        shown.append(name)
        if len(shown) == k:
            break
    return tuple(shown)


@cache
def _reasons(lang: str) -> dict[str, Any]:
    return yaml.safe_load(_data("reasons.yaml").read_text(encoding="utf-8"))[lang]


def describe(feature: str, lang: str = "en") -> str:
    """One feature in plain words, in `lang` (en, de, da)."""
    lang = lang if lang in LANGS else "en"
    words = _reasons(lang)
    kind, _, rest = feature.partition(":")
    if kind in ("cue", "cue1"):
        said = cue_table()["describe"].get(rest, {}).get(lang, rest)
        return words["cue1"].format(cue=said) if kind == "cue1" else said
    if kind == "w":
        return words["word"].format(word=rest)
    if kind == "b":
        return words["pair"].format(word=rest)
    if kind in ("first", "first2", "last"):
        return words[kind].format(word=rest)
    return words["features"].get(feature, feature)


def reason_text(reason_id: str, lang: str = "en", found: tuple[str, ...] = ()) -> str:
    """The reason for a code in `lang`: its evidence in plain words."""
    lang = lang if lang in LANGS else "en"
    words = _reasons(lang)
    if reason_id == "other.empty":
        return words["empty"]
    if not found:
        return words["none"]
    return words["lead"].format(reasons=words["join"].join(describe(f, lang) for f in found))


def _resolve_lang(text: str, previous: str | None, lang: str | None) -> str:
    if lang in LANGS:
        return lang  # type: ignore[return-value]
    for source in (text, previous or ""):
        found, _, present = detect([w.lower() for w in WORD_RE.findall(source)])
        if found in LANGS:
            return found
        if present:
            return present[0]
    return "en"


def code_reply(reply: str, previous: str | None = None, lang: str | None = None) -> ReplyCode:
    """Code `reply` (what a mentor said) given `previous` (what the mentee said)."""
    text = clean(reply)
    previous = clean(previous) if previous else None
    return code_clean(text, None, _resolve_lang(text, previous, lang), previous)


def code_clean(text: str, split: list[str] | None, lang: str,
               previous: str | None) -> ReplyCode:
    """`code_reply` for text already cleaned (and perhaps split into sentences)."""
    if not WORD_RE.search(text):
        return _done(ReplyCode(code="other", reason_id="other.empty"))
    model = lang_model(lang)
    feats = featurize(text, previous, lang, split)
    best, runner, _ = classify(model, feats)
    asked = sum(1 for s in Reply.read(text, None, lang, split).sentences if s[-1] == "?")
    question = best in QUESTION_CODES
    code = ReplyCode(
        code=best,
        why=question and "cue:why_start" in feats,
        leading=bool({"cue:tag", "cue:leading", "cue:why_dont"} & feats.keys()),
        stacked=question and "several_questions" in feats,
        judgement="cue:judgement" in feats,
        questions=max(asked, 1) if question else asked,
        reason_id=f"model.{best}",
        evidence=evidence(model, feats, best, runner),
    )
    return _done(code)


def _done(code: ReplyCode) -> ReplyCode:
    code.reason = reason_text(code.reason_id, "en", code.evidence)
    return code
