"""The real coder on mentor replies written for this test, each answering a scenario's mentee.

The expected codes are what a motivational-interviewing coder would give (MITI 4.2.1
conventions: a "why don't you ...?" is advice, a bare judgement is other). The replies
are realistic practice replies, across every code and the three languages. A case the
coder gets wrong stays in the list with its honest expectation and a strict xfail that
names the problem, so fixing the coder turns the xfail into a failure that asks for the
marker to go: the expectation is never loosened to match the coder.
"""

# ruff: noqa: E501 - the cases read best as one table row each
from __future__ import annotations

import pytest

from assistant.analysis import code_reply

OFFER = ("I got the team-lead offer yesterday and everyone is congratulating me, but I keep "
         "thinking about the design course instead.")
BORED = ("I've been doing the same closing every month for five years. I'm good at it, but "
         "I'm bored out of my mind.")
MEET = ("In meetings I have the idea, I rehearse it in my head, and by the time I'm ready "
        "someone else has said it.")
CREDIT = "Kasper presented our roadmap to the director and didn't mention me once. I'm furious."
YES = "I said yes to another project today. I already work until nine most nights."
CANCEL = ("My mentor has cancelled our last three meetings. I'm starting to think I'm not "
          "worth her time.")
REVIEW = "The reviewer called my study naive. I've read that sentence maybe fifty times now."
STUCK = "I feel stuck in my job and my manager ignores me."
DE_BORED = ("Seit fünf Jahren mache ich jeden Monat denselben Abschluss. Ich kann das gut, "
            "aber ich langweile mich zu Tode.")
DE_YES = ("Heute habe ich schon wieder Ja zu einem Projekt gesagt. Ich arbeite eh fast jeden "
          "Abend bis neun.")
DA_CREDIT = ("Kasper fremlagde vores roadmap for direktøren og nævnte mig ikke med ét ord. "
             "Jeg er rasende.")
DA_CANCEL = ("Min mentor har aflyst vores sidste tre møder. Jeg begynder at tro, at jeg ikke er "
             "hendes tid værd.")

# case id -> why the coder gets it wrong (strict xfail): the trained model's misses.
CODER_MISSES: dict[str, str] = {
    "complex-worth": "the logistic-regression model says simple_reflection",
    "closed-tag": "the trained model misses the tag: tag questions are rare in its data",
    "advice-should": "the trained model says simple_reflection: short 'you ...' replies with "
                     "'no' read as reflections to it",
    "other-judgement": "the trained model says affirmation: judgements are few in its data",
}

# (id, lang, what the mentee said, the mentor's reply, expected code, expected modifiers)
CASES: list[tuple[str, str, str, str, str, frozenset[str]]] = [
    ("open-draws", "en", OFFER, "What draws you to the design course?", "open_question", frozenset()),
    ("open-month", "en", BORED, "How would a more interesting month look for you?", "open_question", frozenset()),
    ("open-tell-more", "en", MEET, "Tell me more about the moment just before you speak.", "open_question", frozenset()),
    ("open-next", "en", CREDIT, "What would you like to happen next with Kasper?", "open_question", frozenset()),
    ("open-meaning", "en", CANCEL, "What do these meetings mean to you?", "open_question", frozenset()),
    ("open-decide", "en", YES, "How do you decide which projects to take on?", "open_question", frozenset()),
    ("open-why", "en", YES, "Why did you say yes again?", "open_question", frozenset({"why"})),
    ("open-stacked", "en", YES, "What happened? How did you feel? What did you do next?", "open_question", frozenset({"stacked"})),
    ("closed-told", "en", OFFER, "Have you told your manager about the course?", "closed_question", frozenset()),
    ("closed-role", "en", BORED, "Is there a chance of a new role in your team?", "closed_question", frozenset()),
    ("closed-weekends", "en", YES, "Do you work on weekends too?", "closed_question", frozenset()),
    ("closed-reason", "en", CANCEL, "Did she give a reason for cancelling?", "closed_question", frozenset()),
    ("closed-when", "en", REVIEW, "When is the revision due?", "closed_question", frozenset()),
    ("closed-tag", "en", YES, "You would agree that was unwise, wouldn't you?", "closed_question", frozenset({"leading"})),
    ("simple-bored", "en", BORED, "You're bored with the monthly closing.", "simple_reflection", frozenset()),
    ("simple-yes", "en", YES, "You said yes to another project.", "simple_reflection", frozenset()),
    ("simple-naive", "en", REVIEW, "The reviewer called your study naive.", "simple_reflection", frozenset()),
    ("simple-nine", "en", YES, "So you are working until nine most nights.", "simple_reflection", frozenset()),
    ("simple-ignores", "en", STUCK, "Your manager ignores you.", "simple_reflection", frozenset()),
    ("simple-feel-stuck", "en", STUCK, "You feel stuck.", "simple_reflection", frozenset()),
    ("complex-two-sides", "en", OFFER, "Part of you is proud to be chosen, and part of you wants something else entirely.", "complex_reflection", frozenset()),
    ("complex-betrayed", "en", CREDIT, "It sounds like you feel betrayed by someone you trusted.", "complex_reflection", frozenset()),
    ("complex-cost", "en", MEET, "You hold back to protect yourself, and it ends up costing you the credit.", "complex_reflection", frozenset()),
    ("complex-worth", "en", CANCEL, "You're worried the cancellations say something about your worth.", "complex_reflection", frozenset()),
    ("affirm-care", "en", YES, "You really care about the people who rely on you.", "affirmation", frozenset()),
    ("affirm-persistent", "en", STUCK, "You have been so persistent with this job.", "affirmation", frozenset()),
    ("affirm-courage", "en", REVIEW, "You put a lot of courage into submitting that paper.", "affirmation", frozenset()),
    ("affirm-self-control", "en", CREDIT, "It took real self-control to stay calm in that meeting.", "affirmation", frozenset()),
    ("advice-should", "en", YES, "You should learn to say no.", "advice", frozenset()),
    ("advice-imperative", "en", OFFER, "Take the promotion, you can always do the course later.", "advice", frozenset()),
    ("advice-why-dont", "en", MEET, "Why don't you write your idea down before the meeting?", "advice", frozenset({"leading"})),
    ("advice-suggest", "en", CREDIT, "I suggest you email the director today.", "advice", frozenset()),
    ("info-papers", "en", REVIEW, "Most papers get major revisions on the first submission.", "information", frozenset()),
    ("info-guidelines", "en", CANCEL, "The programme guidelines say mentors meet once a month.", "information", frozenset()),
    ("info-experience", "en", STUCK, "In my experience, managers often respond well to a short written update.", "information", frozenset()),
    ("other-mmhmm", "en", BORED, "Mm-hmm.", "other", frozenset()),
    ("other-okay", "en", YES, "Okay.", "other", frozenset()),
    ("other-judgement", "en", YES, "That was a stupid thing to do.", "other", frozenset({"judgement"})),
    ("de-open", "de", DE_BORED, "Was würdest du gern Neues lernen?", "open_question", frozenset()),
    ("de-closed", "de", DE_BORED, "Hast du mit deiner Chefin darüber gesprochen?", "closed_question", frozenset()),
    ("de-advice", "de", DE_YES, "Du solltest öfter Nein sagen.", "advice", frozenset()),
    ("de-complex", "de", DE_YES, "Ein Teil von dir will verlässlich sein, und ein anderer Teil ist einfach erschöpft.", "complex_reflection", frozenset()),
    ("da-open", "da", DA_CREDIT, "Hvad vil du gerne have, der sker nu?", "open_question", frozenset()),
    ("da-closed", "da", DA_CREDIT, "Har du talt med ham om det?", "closed_question", frozenset()),
    ("da-advice", "da", DA_CANCEL, "Du bør tale med programkoordinatoren.", "advice", frozenset()),
    ("da-complex", "da", DA_CANCEL, "Det lyder, som om du føler dig glemt.", "complex_reflection", frozenset()),
]


def _params():
    for case in CASES:
        marks = []
        if case[0] in CODER_MISSES:
            marks.append(pytest.mark.xfail(strict=True, reason=CODER_MISSES[case[0]]))
        yield pytest.param(*case[1:], id=case[0], marks=marks)


def test_there_are_at_least_thirty_cases_covering_every_code() -> None:
    assert len(CASES) >= 30
    assert {c[4] for c in CASES} == {
        "open_question", "closed_question", "simple_reflection", "complex_reflection",
        "affirmation", "advice", "information", "other"}
    assert {c[1] for c in CASES} == {"en", "de", "da"}


@pytest.mark.parametrize(("lang", "previous", "reply", "code", "modifiers"), _params())
def test_the_coder_codes_the_reply(lang: str, previous: str, reply: str, code: str,
                                   modifiers: frozenset[str]) -> None:
    result = code_reply(reply, previous=previous, lang=lang)
    found = frozenset(m for m in ("why", "leading", "stacked", "judgement") if getattr(result, m))
    assert (result.code, found) == (code, modifiers), result.reason_id
