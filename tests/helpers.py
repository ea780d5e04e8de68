"""What the tests share: paths of the fixtures, the command line run as a user runs it, a scripted fake
backend that answers like a careful model (in-process, or from a file for `--model fake`), and the gold
claims of both seed articles. Fixtures live in conftest.py; test modules import from here only."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema

from summarizer.analysis.figures import quantities
from summarizer.evaluation.gold import load_gold
from summarizer.ingest.document import load_document
from summarizer.models import ArticleRef, Claim

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "fixtures" / "articles"
GOLD = ROOT / "fixtures" / "gold"
INJECTION = ROOT / "fixtures" / "injection"
INPUTS = ROOT / "fixtures" / "inputs"
SEED_000 = ARTICLES / "2025-02-01_ani_north-korean-troops-withdraw-kursk.txt"
SEED_004 = ARTICLES / "2025-04-02_ians_north-korean-casualties-kursk.txt"
GOLD_000 = GOLD / "2025-02-01_ani_north-korean-troops-withdraw-kursk.json"
GOLD_004 = GOLD / "2025-04-02_ians_north-korean-casualties-kursk.json"

# Three sentences: a figure with its source, a hedged statement, a plain one.
SHORT_ARTICLE = """Oslo, May 1 (NTB): About 300 homes lost power after the storm, the utility said.

The mayor said repairs would probably take two days.

Schools will reopen on Wednesday, the council said.
"""


def interruptible(cmd: list[str]) -> subprocess.Popen:
    """`cmd` started as a program at a terminal is, its stdout and stderr read here: with SIGINT at its default
    disposition, whatever this process has. A test runner started in the background of a shell without job
    control has SIGINT ignored; its children would inherit that, Python would then install no
    KeyboardInterrupt handler, and a Ctrl-C test would wait for an exit that never comes. (Handled here for
    the moment of the start, so that exec resets it to the default; no preexec_fn, which forks the whole
    process, threads and all.)"""
    import signal

    before = signal.getsignal(signal.SIGINT)
    if before is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    finally:
        signal.signal(signal.SIGINT, before)


def run(*args, env: dict[str, str] | None = None, stdin: str | None = None,
        timeout: float = 300) -> subprocess.CompletedProcess:
    """`summarize ARGS` in a new process, as a user runs it; `env` is added to this process's environment."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "summarizer", *map(str, args)], capture_output=True, text=True,
                          env=full_env, input=stdin, timeout=timeout)


def schema(name: str = "result") -> dict:
    """The published JSON Schema schemas/<name>.schema.json."""
    return json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text())


def write_article(directory: Path, text: str = SHORT_ARTICLE, name: str = "article.txt") -> Path:
    """An article file in `directory` (SHORT_ARTICLE unless told)."""
    path = directory / name
    path.write_text(text)
    return path


# -- a careful model, scripted ---------------------------------------------------------------------

def target_sentence(messages: list[dict]) -> tuple[str, str]:
    """The [Sk] sentence the extraction prompt asks about (the last data block of the first user message)."""
    user = next(m for m in messages if m["role"] == "user")
    found = re.findall(r"^\[(S\d+)\] (.*)$", user["content"], flags=re.M)
    return found[-1]


def careful_extractor(messages: list[dict], schema: dict) -> dict:
    """Answers an extraction call the way a good model would: restates the target sentence.
    Answers a brief call with careful_brief."""
    if "claims" not in schema.get("properties", {}):
        return careful_brief(messages, schema)
    sid, text = target_sentence(messages)
    return {"claims": [{"evidence": [sid], "statement": text.strip('"'), "speaker": "the article", "role": None,
                        "organisation": None, "via": [], "kind": "fact"}]}


def careful_brief(messages: list[dict], schema: dict) -> dict:
    """The model's part of a brief (title, bottom line) as a careful model writes it: the bottom line
    restates the first key point the prompt offers and cites its claims."""
    user = next(m for m in messages if m["role"] == "user")
    text, cites = re.findall(r"^- (.*) ((?:\[(?:A\d+:)?C\d+\])+)$", user["content"], flags=re.M)[0]
    return {"title": "North Korean troops in Kursk", "bottom_line": text,
            "bottom_line_claims": re.findall(r"\[([^\]]+)\]", cites)[:4], "open_questions": []}


def careful_answers(*articles: Path) -> list[dict]:
    """careful_extractor's answer for every sentence of each article, in the order the pipeline asks."""
    return [careful_extractor([{"role": "user", "content": f"[{s.id}] {s.text}"}], {"properties": {"claims": {}}})
            for article in articles for s in load_document(article).sentences]


def restating_brief(article: Path, sentence_id: str = "S1", article_id: str = "") -> dict:
    """The model's part of a brief whose bottom line restates, word for word, the claim careful_extractor
    made of one sentence (C<k> of S<k>; `article_id` "A2" for a collection's A2:C<k>)."""
    text = load_document(article).sentence(sentence_id).text.strip('"')
    claim = f"{article_id}:C{sentence_id[1:]}" if article_id else f"C{sentence_id[1:]}"
    return {"title": "What the article reports", "bottom_line": text, "bottom_line_claims": [claim],
            "open_questions": []}


# The model's part of the brief of seed 000 for `--model fake`; its figure and citation are checked in test_cli.py.
SEED_000_BRIEF = {"title": "North Korean troops in Kursk",
                  "bottom_line": "About 12,000 troops were sent, according to Ukrainian officials.",
                  "bottom_line_claims": ["C5"], "open_questions": ["Where are the troops now?"]}

# The model's part of the brief across both seeds (A1 = seed 000, A2 = seed 004) for `--model fake`.
PAIR_BRIEF = {"title": "North Korean troops in Kursk, February to April",
              "bottom_line": "About 12,000 North Korean soldiers have been sent to Russia, according to Ukrainian "
                             "officials; North Korea sent 11,000 troops to Russia last year, Yonhap reported.",
              "bottom_line_claims": ["A1:C5", "A2:C3"], "open_questions": []}

_answer_files = itertools.count(1)


def write_answers(path: Path, answers: list) -> Path:
    """A JSON file of scripted answers, as SUMMARIZER_FAKE_ANSWERS reads it."""
    path.write_text(json.dumps(answers))
    return path


def scripted_env(directory: Path, answers: list) -> dict[str, str]:
    """Environment for `--model fake` answering `answers` in order (each call gets its own new file)."""
    path = write_answers(directory / f"answers-{next(_answer_files)}.json", answers)
    return {"SUMMARIZER_FAKE_ANSWERS": str(path)}


def claims_env(directory: Path, *articles: Path) -> dict[str, str]:
    """`--model fake` answering one careful claim per sentence of the articles, and no brief."""
    return scripted_env(directory, careful_answers(*articles))


def pair_env(directory: Path, first: Path = SEED_000, second: Path = SEED_004) -> dict[str, str]:
    """`--model fake` answering the claims of two articles, then PAIR_BRIEF."""
    return scripted_env(directory, [*careful_answers(first, second), PAIR_BRIEF])


# -- gold --------------------------------------------------------------------------------------------

# The two seed articles as a collection names them: A1 (ANI, February), A2 (IANS, April).
REFS = [ArticleRef(id="A1", source="feb.txt", sha256="a", date="2025-02-01", outlet="ANI"),
        ArticleRef(id="A2", source="apr.txt", sha256="b", date="2025-04-02", outlet="IANS")]


def gold_claims() -> list[Claim]:
    """The hand-labelled gold claims of both seeds as collection claims (ids A1:G1 ...), with the
    figures read from each statement as the pipeline reads them."""
    out = []
    for ref, path in zip(REFS, (GOLD_000, GOLD_004)):
        for c in load_gold(path).claims:
            data = c.model_dump(exclude={"key", "speaker_aliases"})
            data["quantities"] = [q.model_dump() for q in quantities(c.statement)]
            out.append(Claim.model_validate(data | {"id": f"{ref.id}:{c.id}", "article": ref.id,
                                                    "published": ref.date, "outlet": ref.outlet}))
    return out


# -- batches ----------------------------------------------------------------------------------------

TOWNS = ["Oslo", "Bergen", "Tromso", "Bodo", "Molde", "Narvik", "Hamar", "Skien", "Alta", "Lillehammer", "Mandal",
         "Harstad", "Kongsberg", "Larvik"]


def storm_article(n: int) -> str:
    """A two-sentence wire story about a storm, different for each n."""
    town = TOWNS[n % len(TOWNS)]
    return (f"{town}, May {n % 28 + 1} (NTB): About {100 + n} homes lost power after the storm, the utility said.\n\n"
            f"The mayor of {town} said repairs would probably take {n % 5 + 2} days.\n")


def storm_model(messages: list[dict], schema: dict) -> dict:
    """Answers about storm_article texts like a careful model: each claim restates its target sentence; a
    brief ("Storm damage") cites the claims, in whatever parts its schema asks for."""
    user = next(m for m in messages if m["role"] == "user")["content"]
    fields = schema.get("properties", {})
    if "claims" not in fields:
        ids = list(dict.fromkeys(re.findall(r"\[(C\d+)\]", user)))
        brief = {"title": "Storm damage", "bottom_line": "Homes lost power after the storm, the utility said.",
                 "bottom_line_claims": ids[:1], "key_points": [{"text": "Power was lost.", "claims": ids[:1]},
                                                               {"text": "Repairs will take days.", "claims": ids[-1:]}],
                 "open_questions": []}
        return {k: v for k, v in brief.items() if k in fields}
    sid, text = re.findall(r"^\[(S\d+)\] (.*)$", user, flags=re.M)[-1]
    return {"claims": [{"evidence": [sid], "statement": text, "speaker": "the article", "role": None,
                        "organisation": None, "via": [], "kind": "fact"}]}


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    """Articles (or any rows) as a JSONL file, one JSON object a line."""
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def batch_records(path: Path) -> list[dict]:
    """Every line of a `summarize batch` output, each checked to be one whole record of the published schema."""
    data = path.read_bytes()
    assert data == b"" or data.endswith(b"\n"), "torn last line"
    out = [json.loads(line) for line in data.decode().splitlines()]
    for r in out:
        jsonschema.validate(r, schema("batch_record"))
    return out
