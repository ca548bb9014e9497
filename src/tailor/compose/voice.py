"""A profile bullet as a sentence the applicant would write: first person, right tense.

Profile bullets are written the résumé way: a bare verb ("Coordinate the ward…"),
a past verb ("Led a falls project…"), sometimes a leading label ("Older adult
ward - ran daily activity…"). A letter needs "I coordinate the ward…" for an
ongoing duty in the current role, "I led…" for a finished result, and "I ran
daily activity… (older adult ward)". Only the grammatical frame changes: every
word after the verb, and so every number and name, stays as the profile has it.

Verbs are recognised and inflected with lemminflect (a lexicon of English
inflections), not with a hand-kept verb list: a bullet's first word is a verb when
the lexicon knows it as one and it is in its base or past form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from lemminflect import getAllLemmas, getInflection

Tense = Literal["present", "past"]

_PREFIX = re.compile(r"^(co|re|pre|over|under|out|up|cross|self)-", re.IGNORECASE)
_LABEL = re.compile(r"^(?P<label>[^.;:]{3,60}?)\s+[-–—:]\s+(?P<rest>\S.*)$", re.DOTALL)
_NOT_VERBS = frozenset(
    {"data", "senior", "lead", "member", "head", "staff", "team", "key", "ward", "unit"}
)
"""First words the lexicon knows as verbs that, capitalised at the start of a bullet,
usually begin a noun phrase ("Lead nurse for…", "Member of…"). "Lead" is a verb
often enough, so it is decided by what follows (`_is_lead_verb`)."""


@dataclass(frozen=True)
class Sentence:
    text: str
    """The sentence, ending with a full stop."""
    verb_first: bool
    """Whether the bullet began with a verb (and so now begins with "I")."""


def sentence(text: str, tense: Tense) -> Sentence:
    """`text` (one profile bullet) as a first-person sentence.

    A bare verb takes `tense`; a past verb stays past (a result is finished even
    in the current job). A bullet that does not begin with a verb is returned
    whole, with a full stop, and `verb_first` False so a caller can frame it.
    """
    body = text.strip().rstrip(".;").strip()
    first_part, semicolon, second_part = body.partition("; ")
    if semicolon and first_part.strip() and _verb_form(first_part.split()[0], first_part):
        second = second_part.split(maxsplit=1)[0] if second_part else ""
        if second and second[:1].islower() and _verb_form(second, second_part):
            # "Serve as link nurse; delivered training to 30 staff": two facts, two
            # sentences, each in its own tense ("I serve …. I delivered …").
            one, two = sentence(first_part, tense), sentence(second_part, tense)
            return Sentence(f"{one.text} {two.text}", verb_first=True)
    label = None
    match = _LABEL.match(body)
    if match and _verb_form(match.group("rest").split(maxsplit=1)[0], match.group("rest")):
        label, body = match.group("label").strip(), match.group("rest").strip()
    first, _, rest = body.partition(" ")
    form = _verb_form(first, body)
    if form is None and _IN_CHARGE.match(body) and not label:
        # "Responsible for training … trainee pharmacy technicians": the résumé's way of
        # saying a duty, "I am (was) responsible for …" in a letter.
        be = "am" if tense == "present" else "was"
        return Sentence(f"I {be} {body[:1].lower()}{body[1:]}.", verb_first=True)
    if form is None:
        return Sentence(f"{text.strip().rstrip('.')}.", verb_first=False)
    verb = _inflect(first, form, tense)
    if form == "past" and _passive(verb, rest):
        verb = f"was {verb}"
    said = f"I {verb} {rest}".rstrip()
    if label:
        said += f" ({_lower_label(label)})"
    return Sentence(f"{said}.", verb_first=True)


_IN_CHARGE = re.compile(r"^(?:responsible|accountable)\s+for\s+\S", re.IGNORECASE)

_OWN_SUBJECT = re.compile(r"^(?:my|our|we)\s+\S+\s+\S", re.IGNORECASE)
_ROLE_THEN_DEED = re.compile(
    r"^(?P<role>(?:[A-Z][\w-]*\s+)?(?:[a-z][\w-]*\s+){0,3}[\w-]*?(?:user|lead|champion|member|"
    r"representative|coordinator|officer|mentor|assessor|nurse)\s+(?:for|on|of|to)\s+[^;]+);"
    r"\s+(?P<deed>[a-z][^;]+)$"
)
"""A role held ("EPMA super-user for the 2024 go-live") and, after a semicolon, what was
done in it ("ran drop-in sessions …")."""
_LIST_BEFORE_ANY_VERB = re.compile(r"^[^;:()]*?,[^;:()]*\band\b")


def framed(text: str, tense: Tense) -> str | None:
    """A bullet that begins with no verb, as a sentence that still says only what the
    bullet says, or None when no plain frame fits:

    - one with its own subject stays as written ("Our classroom scored above the state
      average on CLASS observations in 2024 and 2025.");
    - a list of duties or things done ("Potty training, diapering, meals and naps, with
      a daily sheet for every child"; "Daily updates, photos and messages to families on
      Brightwheel; parent-teacher conferences twice a year") becomes "My work included
      potty training, …" ("includes" while the job lasts), every word kept, so that the
      provenance sidecar still finds the bullet in the sentence.

    - a role held and, after a semicolon, what was done in it ("EPMA super-user for the
      2024 go-live; ran drop-in sessions …") becomes "I was EPMA super-user for the 2024
      go-live, and ran drop-in sessions …".

    A single noun phrase ("Final accuracy check of dispensed items …", "EPMA super-user
    for the 2024 go-live" alone) is left out: it would need an article or a verb the
    profile does not give, and a label ("Controlled drugs duties - CD register checks")
    reads as a pasted stub in any frame."""
    body = text.strip().rstrip(".;").strip()
    if not body or _LABEL.match(body) or sentence(body, tense).verb_first:
        return None
    if _OWN_SUBJECT.match(body):
        return f"{body[:1].upper()}{body[1:]}."
    role = _ROLE_THEN_DEED.match(body)
    if role and _verb_form(role["deed"].split()[0], role["deed"]):
        # "EPMA super-user for the 2024 go-live; ran drop-in sessions …": the role the
        # applicant held, then what they did in it.
        done = _verb_form(role["deed"].split()[0], role["deed"]) == "past"
        be = "am" if tense == "present" and not done else "was"
        deed = sentence(role["deed"], tense).text.removeprefix("I ")
        held = role["role"]
        if held.split(maxsplit=1)[0][1:].islower():
            held = held[:1].lower() + held[1:]  # "Ward …" only began the bullet; "EPMA" stays
        return f"I {be} {held}, and {deed}"
    first = body.split(maxsplit=1)[0]
    if not first[:1].isupper() or first.isupper():
        return None  # "EPMA super-user …", "iPad …": a name, kept as written
    if not getAllLemmas(first.lower()).keys() & {"NOUN", "ADJ"}:
        return None
    _, semicolon, two = body.partition("; ")
    if semicolon:
        if ";" in two or not two[:1].islower() or _verb_form(two.split()[0], two):
            return None  # a second sentence or a clause ("…; ran drop-in sessions"), no item
    elif not _LIST_BEFORE_ANY_VERB.match(body):
        return None  # one noun phrase
    verb = "includes" if tense == "present" else "included"
    return f"My work {verb} {body[:1].lower()}{body[1:]}."


_DONE_TO = frozenset(
    {
        "redeployed",
        "appointed",
        "promoted",
        "seconded",
        "selected",
        "elected",
        "invited",
        "nominated",
        "shortlisted",
        "awarded",
        "recognised",
        "recognized",
        "commended",
        "hired",
        "recruited",
        "chosen",
        "asked",
        "named",
    }
)
"""Verbs a bullet uses of what was done to the applicant: "Redeployed to a COVID-19 ward"
is "I was redeployed to…", not "I redeployed to…". Only before a preposition: "Hired
3 nurses" is the applicant hiring."""


def _passive(verb: str, rest: str) -> bool:
    following = rest.split(maxsplit=1)[0].lower() if rest else ""
    return verb in _DONE_TO and following in {"to", "for", "as", "by", "in", "into", "onto", "from"}


def _lower_label(label: str) -> str:
    first = label.split(maxsplit=1)[0]
    return label[:1].lower() + label[1:] if first[1:].islower() else label


def _verb_form(word: str, context: str) -> Literal["base", "past"] | None:
    """ "base" for "Coordinate"/"Co-plan", "past" for "Led"/"Co-wrote"/"Fine-tuned"/
    "Containerized", else None."""
    head = _verb_head(_PREFIX.sub("", word.strip(",;:")).lower())
    if not head.isalpha() or head in _NOT_VERBS - {"lead"}:
        return None
    if head == "lead" and not _is_lead_verb(context):
        return None
    return _form(head)


_COMPOUND = re.compile(r"^(?P<how>[a-z]+)-(?P<verb>[a-z]+)$")


def _verb_head(word: str) -> str:
    """The verb of a compound that says how it was done ("fine-tuned" is "tuned" finely,
    "double-checked" "checked" twice): the last part, when the first is an adjective or
    adverb; "student-led" (a noun first) stays whole and so is no verb."""
    compound = _COMPOUND.match(word)
    if compound and getAllLemmas(compound.group("how")).keys() & {"ADJ", "ADV"}:
        return compound.group("verb")
    return word


@lru_cache(maxsize=4096)
def _form(head: str) -> Literal["base", "past"] | None:
    lemmas = getAllLemmas(head, upos="VERB").get("VERB", ())
    if not lemmas and not getAllLemmas(head):
        # A word the lexicon does not know at all ("Containerized", "Onboarded",
        # "Dockerized"): a verb by its ending, the past's "-ed" or a base's "-ize".
        if head.endswith("ed"):
            return "past"
        if head.endswith(("ize", "ise")):
            return "base"
        return None
    if not lemmas:
        return None
    if head in lemmas:
        return "base"
    if any(head in getInflection(lemma, tag="VBD") for lemma in lemmas):
        return "past"
    return None


def _is_lead_verb(context: str) -> bool:
    """ "Lead weekly meetings" (a verb) but "Lead nurse for…", "Lead teacher" (a title)."""
    words = context.split()
    return len(words) > 1 and words[1].lower() not in {"nurse", "teacher", "for", "of", "on"}


def _inflect(word: str, form: Literal["base", "past"], tense: Tense) -> str:
    """The verb as it should stand after "I", keeping a hyphenated prefix ("co-planned")
    or the word that says how ("fine-tuned")."""
    prefix_match = _PREFIX.match(word)
    prefix = prefix_match.group(0).lower() if prefix_match else ""
    head = word[len(prefix) :].lower()
    verb = _verb_head(head)
    prefix += head[: len(head) - len(verb)]
    if form == "past" or tense == "present":
        return prefix + verb
    past = getInflection(verb, tag="VBD")
    return prefix + (past[0] if past else verb)


def base_verbs(ask: str) -> str:
    """A duty written in the third person ("assesses learning and alters instruction")
    as the verb phrase an applicant can be asked to do ("assess learning and alter
    instruction"): the first word, each verb of a leading list ("plans, teaches and
    assesses writing") and, once a verb was in the third person, any word after "and",
    when it is a verb's -s form."""
    words = ask.split(" ")
    converted = False  # the word before was a verb made base: "plans, teaches and assesses"
    third_person = False  # some verb was: a word after "and" may be one too
    for index, word in enumerate(words):
        core = word.rstrip(",;")
        listed = converted and words[index - 1].endswith(",")
        # "read … technical papers and articles": with no verb in the third person before
        # it, a noun after "and" stays a noun ("article" is a verb too).
        after_and = third_person and words[index - 1] in ("and", "or")
        if index == 0 or after_and or listed:
            base = _third_person_base(core)
            if base:
                words[index] = base + word[len(core) :]
                converted = third_person = True
                continue
        converted = False
    return " ".join(words)


def _third_person_base(word: str) -> str | None:
    lower = word.lower()
    if not lower.endswith("s") or not lower.isalpha():
        return None
    for lemma in getAllLemmas(lower, upos="VERB").get("VERB", ()):
        if lower in getInflection(lemma, tag="VBZ"):
            return str(lemma)
    return None
