"""The dialogue screen: a conversation with the right input for each step.

The screen never calls the stepper on the UI thread. Every action (answer, skip, back,
edit) runs in one exclusive thread worker that stores the events (the `Dialogue` commits
them before returning) and posts a `TurnReady` back; only then does the screen show the
next prompt. While a worker runs, further input is ignored, so a double Enter cannot
answer two questions. Pausing is just leaving: everything confirmed is already stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Container
from textual.widget import Widget
from textual.widgets import Header, Label

from ...core.safe_text import neutralise
from ...core.stepper import ReviewItem
from ...i18n import N_, NOTE_LABELS, t, tc
from ..keys import Key
from ..messages import (
    Answered,
    AnswerKept,
    DialogueFailed,
    DialogueOpened,
    DraftKept,
    Echo,
    EditRequested,
    InputRequested,
    NothingChosen,
    TurnReady,
    Unsent,
)
from ..widgets.answer_input import AnswerInput
from ..widgets.choice_answer import ChoiceAnswer
from ..widgets.info_answer import InfoAnswer
from ..widgets.key_footer import KeyFooter
from ..widgets.multi_answer import MultiAnswer
from ..widgets.progress import DialogueProgress
from ..widgets.review_answer import ReviewAnswer
from ..widgets.scale_answer import ScaleAnswer
from ..widgets.text_answer import TextAnswer
from ..widgets.transcript import Transcript
from ..widgets.yesno_answer import YesNoAnswer
from .base import ReflectScreen

if TYPE_CHECKING:
    from ...core.stepper import Turn
    from ...services.dialogue import Dialogue


class AnswerArea(Container):
    """Holds the input widgets (one shown)."""


class DialogueScreen(ReflectScreen):
    """Run one session: a new one (`script_id`) or a stored one (`session_id`)."""
    CSS_PATH = "dialogue.tcss"  # read when first shown (app.tcss holds only home's)

    KEYS = [
        # Not a priority binding: the key then takes the route every key takes (the
        # focused widget, its parents, the screen), so it is handled after the keys
        # sent before it, whatever handles those (the field itself or a binding).
        Key("ctrl+s", "send", N_("Send"), display="^s"),
        Key("ctrl+r", "back", N_("Back"), priority=True, display="^r"),
        Key("ctrl+o", "skip", N_("Skip"), priority=True, display="^o"),
        Key("ctrl+k", "keep", N_("Keep in summary"), priority=True, display="^k"),
        Key("escape", "pause", N_("Pause"), display="esc"),
    ]

    def __init__(self, *, script_id: str | None = None, session_id: str | None = None) -> None:
        super().__init__()
        self.script_id = script_id
        self.session_id = session_id
        self.dialogue: Dialogue | None = None
        self.turn: Turn | None = None
        self.busy = True
        self._input: Any = None  # the input shown (see _mount_input)
        self._inputs: dict[str, Any] = {}  # slot -> input widget, kept between turns
        self._carried: list[str] = []  # typed ahead for a later text question (_mount_input)

    def compose(self) -> ComposeResult:
        yield Header()
        yield DialogueProgress(self.lang, id="progress")
        yield Transcript(id="transcript")
        yield AnswerArea(Label(t("Opening the dialogue…", self.lang), classes="hint"), id="answer")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.open_dialogue()
        self.reflect.prepare()  # the first answer needs the analysis

    # ------------------------------------------------------------------ workers

    @work(thread=True, exclusive=True, group="dialogue", exit_on_error=False)
    def open_dialogue(self) -> None:
        from ...services.dialogue import Dialogue

        app = self.reflect
        try:
            if self.session_id:
                dialogue = Dialogue.resume(app.store, app.library, self.session_id,
                                           facts=app.facts, clock=app.clock)
                dialogue.continue_here()
                so_far = dialogue.stepper.answers_so_far()
            else:
                assert self.script_id
                dialogue = Dialogue.start(app.store, app.library, self.script_id, app.lang,
                                          facts=app.facts, clock=app.clock)
                so_far = []
            app.collect_young()  # what the screens before left, before the first turn
            self.post_message(DialogueOpened(dialogue, dialogue.current(), so_far))
        except Exception as exc:  # noqa: BLE001 - shown on screen, never a traceback
            self.post_message(DialogueFailed(str(exc)))

    @work(thread=True, exclusive=True, group="dialogue", exit_on_error=False)
    def act(self, action: str, value: Any = None) -> None:
        dialogue = self.dialogue
        assert dialogue is not None
        stepper = dialogue.stepper
        try:
            if action == "keep":
                dialogue.keep()
                self.post_message(AnswerKept())
                return
            before = stepper.current()
            visit = stepper.path[stepper.cursor] if not stepper.finished else None
            probes_before = len(visit.probes) if visit else 0
            if action == "answer":
                turn = dialogue.answer(value)
            elif action == "skip":
                turn = dialogue.skip()
            elif action == "back":
                if value is not None:  # what the field held: kept for coming back
                    dialogue.draft(value)
                turn = dialogue.back()
            elif action == "edit":
                turn = dialogue.edit(*value)
            else:
                raise ValueError(action)
            echo = self._echo(action, before, visit, probes_before)
            self.reflect.collect_young()  # here, not at random inside the next turn
            self.post_message(TurnReady(turn, echo))
        except Exception as exc:  # noqa: BLE001 - shown on screen, never a traceback
            self.post_message(DialogueFailed(str(exc)))

    def _echo(self, action: str, before: Turn, visit: Any, probes_before: int) -> Echo | None:
        """What the person just said, as the transcript should show it (worker thread)."""
        if action == "back":
            return Echo("back")
        if action == "edit":
            return Echo("edit")
        if visit is None or before.kind in ("info", "review"):
            return None
        if action == "skip":
            return Echo("skipped")
        if before.kind == "probe":
            if len(visit.probes) > probes_before:
                return Echo("answer", visit.probes[-1].text)
            return Echo("skipped")
        if visit.answered and not visit.error:
            assert self.dialogue is not None
            step = before.step
            assert step is not None
            return Echo("answer", self.dialogue.stepper.display(step, visit))
        return None

    # ------------------------------------------------------------------ results

    def on_dialogue_opened(self, message: DialogueOpened) -> None:
        self.dialogue = message.dialogue
        self.session_id = message.dialogue.id
        script = message.dialogue.stepper.script
        self.sub_title = script.title
        transcript = self.query_one(Transcript)
        if message.so_far:
            transcript.say(t("Your answers so far:", self.lang), "system")
            for item in message.so_far:
                transcript.say(item.prompt, "assistant")
                transcript.say(_answer_text(item.answer, item.skipped, self.lang), "person")
        self.show_turn(message.turn, None)
        self._premount_inputs()

    def on_turn_ready(self, message: TurnReady) -> None:
        previous = self.turn
        self.show_turn(message.turn, message.echo)
        self._offer_rehearsal(previous, message.turn, message.echo)

    def _offer_rehearsal(self, previous: Turn | None, turn: Turn, echo: Echo | None) -> None:
        """After a step tagged `rehearse` is answered, try the sentence on a scripted
        counterpart (`screens/rehearsal.py`); the answer stays as written."""
        from ...services.rehearsal import TAG

        step = previous.step if previous is not None else None
        if (step is None or TAG not in step.tags or echo is None or echo.kind != "answer"
                or self.dialogue is None
                or (turn.step is not None and turn.step.id == step.id)):
            return
        sentence = self.dialogue.stepper.answers().get(step.key)
        if isinstance(sentence, str) and sentence.strip():
            from .rehearsal import RehearsalScreen

            self.app.push_screen(RehearsalScreen(sentence, self.lang))

    def on_answer_kept(self, message: AnswerKept) -> None:
        # The turn shown stays as it is (with what the person may have typed).
        self.query_one(Transcript).say(t("Kept: this answer will be in the summary you share.",
                                         self.lang), "system")
        self.busy = False
        self.refresh_bindings()

    def on_dialogue_failed(self, message: DialogueFailed) -> None:
        self.busy = False
        if isinstance(self._input, AnswerInput):
            self._input.new_turn()  # the answer did not go: the same turn may answer again
        self.query_one(Transcript).say(t("Something went wrong; your earlier answers are saved. "
                                         "({error})",
                                         self.lang, error=message.error),
                                       "error")
        self.notify(message.error, severity="error")
        if self.dialogue is None:
            self.query_one("#answer").remove_children()
            self._input = None
            self._inputs.clear()

    def show_turn(self, turn: Turn, echo: Echo | None) -> None:
        transcript = self.query_one(Transcript)
        with transcript.collect():
            self._say_turn(transcript, turn, echo)
        self.turn = turn
        self.query_one(DialogueProgress).show_progress(_where(turn, self.lang), turn.answered,
                                                       turn.expected)
        if turn.kind == "done":
            self._finish()
            return
        self._mount_input(turn)
        self.busy = False
        self.refresh_bindings()
        self.call_after_refresh(self.reflect.tidy_store)  # once the turn is on screen

    def _say_turn(self, transcript: Transcript, turn: Turn, echo: Echo | None) -> None:
        """The transcript entries of one turn: the echo, notes, the prompt."""
        previous = self.turn
        if echo is not None:
            if echo.kind == "answer":
                transcript.say(_answer_text(echo.text, False, self.lang), "person")
            elif echo.kind == "skipped":
                transcript.say(t("(skipped)", self.lang), "person")
            elif echo.kind == "back":
                transcript.say(t("↩ back to the previous question", self.lang), "system")
            elif echo.kind == "edit":
                transcript.say(t("✎ changing an earlier answer", self.lang), "system")
        for note in turn.notes:
            transcript.say(note.text, note.kind, t(NOTE_LABELS[note.kind], self.lang))
        if any(n.kind == "notice" for n in turn.notes) and self._keepable():
            transcript.say(t("This answer stays out of the summary you share. To keep it in, "
                             "press ^k.", self.lang), "system")
        if turn.kind == "done":
            transcript.say(t("Finished. Here is your summary.", self.lang), "system")
            return
        same_step = (previous is not None and previous.step is turn.step
                     and previous.kind == turn.kind)
        if turn.error:
            transcript.say(turn.error, "error")
        if not (turn.error and same_step):
            if turn.kind == "probe":
                transcript.say(turn.prompt, "assistant", t("Follow-up", self.lang))
            elif turn.kind == "review":
                transcript.say(_review_text(turn, self.lang), "assistant", show_top=True)
            else:
                transcript.say(turn.prompt, "assistant")
            if turn.help:
                transcript.say(turn.help, "system")
            if turn.draft:
                transcript.say(t("What you had typed last time is back in the field: send it as "
                                 "it is, or change it first.",
                                 self.lang), "system")

    def _finish(self) -> None:
        from .summary import SummaryScreen

        assert self.dialogue is not None
        self.busy = True
        self.app.switch_screen(SummaryScreen(self.dialogue.id))
        self.reflect.collect_all()  # the dialogue is over: a pause in any case

    def _mount_input(self, turn: Turn) -> None:
        """Show the input for `turn`. Each kind of input (one-line text, several lines,
        choice, rating, yes/no, review, ...) is mounted once and then kept: the next
        turn of that kind is shown in it (`reset`), the others are hidden. Mounting a
        widget (compose, styles, a layout of its own) is what made a turn slow."""
        slot, cls, kwargs = self._input_spec(turn)
        area = self.query_one("#answer", Container)
        old = self._input
        # Keys typed after a send, while this turn was on its way, belong to it.
        ahead = old.ahead_parts() if isinstance(old, AnswerInput) and old.is_attached else []
        ahead, self._carried = self._carried + ahead, []
        widget = self._inputs.get(slot)
        if widget is not None:
            if not widget.display:
                widget.display = True
            if not widget.reset(**kwargs):
                self._drop_focus(widget)
                widget.remove()
                widget = None
        if widget is None:
            widget = cls(**kwargs, classes="answer-input")
            self._inputs[slot] = widget
            area.mount(widget)
        self._input = widget
        if old is not None and old is not widget and old.is_attached:
            old.display = False
        if ahead and isinstance(widget, TextAnswer) and not kwargs.get("prefill"):
            first, rest = ahead[0], ahead[1:]
            widget.type_ahead(first)
            if rest and first.strip():  # it was sent: it answers this turn
                widget.send_typed(first)
                self._carried = [part for part in rest if part or len(rest) > 1]
        elif ahead and not isinstance(widget, TextAnswer):
            self._carried = ahead  # for the next text question
        # The loading label (before the first turn) goes once an input is there.
        for label in area.query_children(Label):
            label.remove()

    def _drop_focus(self, widget: Widget) -> None:
        """Before removing `widget`: drop the focus if it is inside, or removing it would
        hand the focus to the transcript (restyling every entry) for a moment."""
        focused = self.focused
        if focused is not None and (focused is widget or widget in focused.ancestors):
            self.set_focus(None, scroll_visible=False)

    def _premount_inputs(self) -> None:
        """Mount, hidden, an input for each other kind of step the script has, while
        the person reads the first prompt; their first turn then only shows it."""
        if self.dialogue is None:
            return
        area = self.query_one("#answer", Container)
        new = []
        steps = self.dialogue.stepper.script.steps
        previews = [_Preview(step.kind, step) for step in steps]
        # A follow-up question (a probe) takes one line, after any kind of answer.
        previews += [_Preview("probe", step) for step in steps[:1]]
        for turn in previews:
            try:
                slot, cls, kwargs = self._input_spec(turn)  # type: ignore[arg-type]
            except (AssertionError, AttributeError, KeyError, ValueError):  # pragma: no cover
                continue
            if slot in self._inputs:
                continue
            widget = cls(**kwargs, classes="answer-input")
            widget.display = False
            self._inputs[slot] = widget
            new.append(widget)
        if new:
            area.mount_all(new)

    @staticmethod
    def _multiline(turn: Turn) -> bool:
        return turn.kind == "text" and turn.step is not None and turn.step.multiline

    def _send_label(self) -> str:
        return t("Send", self.lang) + " ^s"

    def _hint(self, turn: Turn) -> str:
        """The hint under a text or probe input."""
        lang = self.lang
        if turn.kind == "probe":
            main = t("Enter sends", lang)
        else:
            main = (t("Enter adds a line · Ctrl+S sends", lang) if self._multiline(turn)
                    else t("Enter sends", lang))
        keep = t("your earlier answer is filled in", lang) if turn.prefill is not None else ""
        optional = t("optional: Ctrl+O skips", lang) if turn.can_skip else ""
        return " · ".join(p for p in (main, keep, optional) if p)

    def _input_spec(self, turn: Turn) -> tuple[str, type, dict[str, Any]]:
        """The input `turn` needs: its slot (one kept widget per slot), its class and
        the arguments of its constructor and of its `reset`."""
        lang = self.lang
        step = turn.step
        assert step is not None
        prefill = turn.prefill
        optional = t("optional: Ctrl+O skips", lang) if turn.can_skip else ""
        keep = t("your earlier answer is filled in", lang) if prefill is not None else ""

        def hint(main: str) -> str:
            return " · ".join(p for p in (main, keep, optional) if p)

        send = self._send_label()
        if turn.kind in ("probe", "text"):
            multiline = self._multiline(turn)
            shown = turn.draft or (str(prefill or "") if turn.kind == "text" else "")
            return ("text-ml" if multiline else "text"), TextAnswer, {
                "multiline": multiline, "hint": self._hint(turn), "send_label": send,
                "prefill": shown}
        if turn.kind == "choice":
            return "choice", ChoiceAnswer, {"options": turn.options, "prefill": prefill,
                                            "hint": hint(t("↑↓ and Enter, a number, or click",
                                                           lang))}
        if turn.kind == "multi":
            return "multi", MultiAnswer, {"options": turn.options, "prefill": prefill,
                                          "hint": hint(t("Space ticks · Ctrl+S sends", lang)),
                                          "send_label": send}
        if turn.kind == "scale":
            return "scale", ScaleAnswer, {
                "low": step.min, "high": step.max, "labels": step.labels, "prefill": prefill,
                "hint": hint(t("Press {lo}–{hi}, or ←→ and Enter", lang, lo=step.min, hi=step.max))}
        if turn.kind == "yesno":
            return "yesno", YesNoAnswer, {"yes": t("Yes", lang),
                                          "no": t("No", lang), "prefill": prefill,
                                          "hint": hint(t("Press y or n", lang))}
        if turn.kind == "review":
            return "review", ReviewAnswer, {
                "items": turn.review, "finish": t("✔ Finish and show the summary", lang),
                "change": t("✎ Change: {prompt}", lang, prompt="{prompt}")}
        return "info", InfoAnswer, {"label": tc("info step", "Continue", lang) + " ⏎"}

    # ------------------------------------------------------------------ the person's actions

    @property
    def answer_input(self) -> Widget | None:
        """The input shown for the current turn (the others are hidden)."""
        widget = self._input
        return widget if widget is not None and widget.is_attached else None

    @on(Answered)
    def _answered(self, message: Answered) -> None:
        message.stop()
        self._run("answer", message.value)

    @on(NothingChosen)
    def _nothing_chosen(self, message: NothingChosen) -> None:
        message.stop()
        if self.busy:
            return
        self.query_one(Transcript).say(
            t("Nothing is chosen yet. Press a number from {lo} to {hi}, or choose one with ← → "
              "and press Enter.",
              self.lang, lo=message.low, hi=message.high), "error")

    @on(EditRequested)
    def _edit(self, message: EditRequested) -> None:
        message.stop()
        self._run("edit", (message.step, message.visit))

    def _run(self, action: str, value: Any = None) -> None:
        if self.busy or self.dialogue is None:
            return
        self.busy = True
        self.act(action, value)

    def _keepable(self) -> bool:
        """A private answer the person could keep (read on the UI thread, between workers)."""
        return self.dialogue is not None and self.dialogue.stepper.keepable() is not None

    def action_keep(self) -> None:
        self._run("keep")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        turn = self.turn
        if action == "keep":
            return not self.busy and self._keepable()
        if action == "back":
            return bool(turn and turn.can_back and turn.kind != "done")
        if action == "skip":
            return bool(turn and turn.can_skip and turn.kind not in ("done", "info", "review"))
        return True

    def action_send(self) -> None:
        self._ask_input("send")

    def _ask_input(self, purpose: str) -> bool:
        """Ask the shown input for its value (`InputRequested`), through the focused
        widget inside it when there is one: the request then waits behind the keys
        already sent to that widget. False when no input is shown."""
        widget = self.answer_input
        if widget is None:
            return False
        focused = self.focused
        inside = focused is not None and (focused is widget or widget in focused.ancestors)
        (focused if inside else widget).post_message(InputRequested(purpose))
        return True

    def action_back(self) -> None:
        if self.busy or self.dialogue is None:
            return
        if not self._ask_input("back"):  # the input answers with Unsent: see _unsent
            self._run("back")

    def action_skip(self) -> None:
        self._run("skip")

    def action_pause(self) -> None:
        self._leave("pause")

    def before_quit(self) -> bool:
        """Ctrl+Q (the app asks first): keep the unsent text, then quit. False when
        there is nothing to keep (the app quits at once)."""
        if self.dialogue is None or self.dialogue.stepper.finished:
            return False
        self._leave("quit")
        return True

    def _leave(self, purpose: str) -> None:
        """Pause or quit; text typed and not sent is kept as a draft first. The input
        is asked for it through its queue, so keys typed just before count too."""
        if (self.busy or self.dialogue is None or self.dialogue.stepper.finished
                or not self._ask_input(purpose)):
            self._left(purpose)

    @on(Unsent)
    def _unsent(self, message: Unsent) -> None:
        message.stop()
        changed = message.changed and message.text is not None
        if message.purpose == "back":
            self._run("back", message.text if changed else None)
        elif changed and not self.busy and self.dialogue is not None:
            self.busy = True
            self.keep_draft(message.text or "", message.purpose)
        else:
            self._left(message.purpose)

    @work(thread=True, exclusive=True, group="dialogue", exit_on_error=False)
    def keep_draft(self, text: str, purpose: str) -> None:
        assert self.dialogue is not None
        try:
            self.dialogue.draft(text)
            self.post_message(DraftKept(purpose))
        except Exception as exc:  # noqa: BLE001 - said on screen, never a traceback
            self.post_message(DraftKept(purpose, str(exc)))

    def on_draft_kept(self, message: DraftKept) -> None:
        self.busy = False
        if message.error and message.purpose == "pause":
            # Stay: the text is still in the field, nothing is lost by staying.
            self.query_one(Transcript).say(
                t("The text you had not sent could not be kept ({error}); your earlier answers "
                  "are saved.", self.lang, error=message.error), "error")
            return
        self._left(message.purpose, message.error)

    def _left(self, purpose: str, error: str = "") -> None:
        """Say truthfully what is kept, then go home (pause) or end the app (quit)."""
        lang = self.lang
        dialogue = self.dialogue
        if dialogue is None or dialogue.stepper.finished:
            message = ""
        elif error:
            message = t("The text you had not sent could not be kept ({error}); your earlier "
                        "answers are saved.", lang, error=error)
        elif purpose == "quit":
            message = (t("Your answers are saved, and the text you had not sent yet is kept "
                         "as a draft.", lang) if dialogue.has_draft
                       else t("Your answers are saved.", lang))
        else:
            message = (t("Paused. Your answers are saved, and the text you had not sent yet is "
                         "kept as a draft; continue from the home screen.", lang)
                       if dialogue.has_draft
                       else t("Paused. Everything is saved; continue it from the home screen.",
                              lang))
        if purpose == "quit":
            if message and dialogue is not None:
                message += " " + t("Continue with: reflect resume {id}", lang, id=dialogue.id)
            self.reflect.farewell = message  # said in the terminal once the app is gone
            self.app.exit()
            return
        if message:
            self.notify(message, timeout=4)
        self.app.pop_screen()


class _Preview:
    """A stand-in turn for a step, to build its input before the step is reached."""

    def __init__(self, kind: str, step: Any) -> None:
        self.kind = kind
        self.step = step
        self.options = step.options
        self.prefill = None
        self.can_skip = False
        self.review: tuple[ReviewItem, ...] = ()


def _where(turn: Turn, lang: str) -> str:
    if turn.kind == "probe":
        return t("Follow-up", lang)
    if turn.kind == "review":
        return t("Review", lang)
    return ""


def _answer_text(text: str, skipped: bool, lang: str) -> Text:
    if skipped:
        return Text(t("(skipped)", lang), style="italic")
    return Text(neutralise(text))


def _review_text(turn: Turn, lang: str) -> Text:
    out = Text(turn.prompt)
    for i, item in enumerate(turn.review, 1):
        out.append(f"\n\n{i}. {item.prompt}\n", style="bold")
        answer = t("(skipped)", lang) if item.skipped else neutralise(item.answer)
        out.append("   " + answer.replace("\n", "\n   "))
    return out
