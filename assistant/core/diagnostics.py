"""Diagnostics: what the loader says about a script, a rule set or a translation.

Every problem a programme coordinator can make is a `Diagnostic` with a file, a
1-based line and column, a stable code (`RS001` ...) and a hint that says how to fix
it. The codes are listed in `CODES` (and in docs/scripts.md); tests pin them, so never
renumber one. Nothing here raises a traceback at a user: callers collect diagnostics
and print them with `Diagnostic.format()`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"

CODES: dict[str, str] = {
    "RS001": "the file is not valid YAML",
    "RS002": "the document must be a mapping",
    "RS003": "a required key is missing",
    "RS004": "unknown key",
    "RS005": "a value has the wrong type",
    "RS006": "unknown step kind",
    "RS007": "duplicate step id",
    "RS008": "a jump names a step that does not exist",
    "RS009": "an expression uses an undefined name",
    "RS010": "an expression does not parse",
    "RS011": "a loop has no bound",
    "RS012": "a choice step has no options",
    "RS013": "duplicate option value",
    "RS014": "a rating scale is malformed",
    "RS015": "the script names an unknown rule set",
    "RS016": "an expression names an unknown fact",
    "RS017": "unknown rule action",
    "RS018": "duplicate rule id",
    "RS019": "min_words must be a positive whole number",
    "RS020": "an id has characters it may not have",
    "RS021": "the summary template is missing",
    "RS022": "the summary template does not parse",
    "RS023": "the script has no review step",
    "RS024": "a step can never be reached",
    "RS025": "a translation is missing",
    "RS026": "a translation is outdated",
    "RS027": "a translation names a string that does not exist",
    "RS028": "an expression names an unknown answer",
    "RS029": "the file cannot be read",
    "RS030": "two steps store their answer under the same name",
    "RS031": "the review step must be the last step",
    "RS032": "a text is empty",
    "RS033": "a rule jumps to a step the script does not have",
    "RS034": "min_words only applies to text steps",
    "RS035": "the file is neither a script, a rule set nor a translation",
    "RS036": "duplicate key",
    "RS037": "a rule set file has the wrong id",
    "RS038": "a loop bound must be a whole number of at least 1",
    "RS039": "the file is too large",
    "RS040": "lists and mappings are nested too deeply",
    "RS041": "aliases repeat too many values, or an alias is used inside itself",
    "RS042": "a number is too large",
    "RS043": "an expression or template goes over a limit",
    "RS044": "a summary template includes, imports or extends another template",
    "RS045": "a template text and its translation or call differ in their placeholders",
    "RS046": "a template text to translate is not written out",
    "RS047": "a summary template of its own for one language",
    "RS048": "a file replaces a bundled (or other) file of the same id",
}


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in one file."""

    file: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""
    severity: str = ERROR

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        kind = "" if self.severity == ERROR else "warning: "
        text = f"{where}: {self.code} {kind}{self.message}"
        if self.hint:
            # A hint may show a few lines of YAML; keep them under the hint, not at column 1.
            hint = self.hint.replace("\n", "\n" + " " * 10)
            text += f"\n    hint: {hint}"
        return text


class LoadError(Exception):
    """Raised when a file has errors; carries every diagnostic found, not only the first."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """A hint such as "did you mean 'deadline'?", or "" when nothing is close."""
    known = sorted(set(known))
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if known and len(known) <= 12:
        return "known: " + ", ".join(known)
    return ""
