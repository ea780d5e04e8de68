#!/usr/bin/env python3
"""Side-by-side benchmark: this project against google/langextract 1.7.1 on the same GGUF, in one run.

    .venv/bin/python benchmarks/peer.py --peer-python /tmp/peervenv/bin/python --json /tmp/peer.json

What it does, one step after the other on this machine:

1. starts ``python -m llama_cpp.server`` on 127.0.0.1 (a free port) with the project's default GGUF
   (Qwen2.5-Coder-1.5B-Instruct Q4_K_M), 2 threads, an 8,192-token context, and waits until it answers;
2. runs langextract 1.7.1 against it on each seed article (one few-shot example of claims with
   ``speaker`` and ``hedge`` attributes, 1,000-character chunks, YAML output: see PEER_* below and
   benchmarks/README.md for why not its JSON schema mode), timing each article's wall time; stops the server;
3. runs ``summarize <article> --brief --format json --no-cache`` cold in a subprocess per article
   (SUMMARIZER_THREADS=2, default model), timing each article's wall time;
4. scores both against fixtures/gold/<article>.json with one matching rule (see ``matches``);
5. prints a table (and writes it as JSON with --json PATH).

The langextract part runs in a child interpreter (``--peer-python``, default this one) so that the peer's
dependencies can live in their own venv; that child runs this same file with ``--worker``, which imports
nothing from the project. The server runs from ``--server-python`` (default this one: the project's venv
has ``llama-cpp-python[server]`` through its test extra).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_GLOBS = ("2025-02-01_*.txt", "2025-04-02_*.txt")
MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
MODEL_NAME = "Qwen2.5-Coder-1.5B-Instruct Q4_K_M"
SERVER_ALIAS = "qwen2.5-coder-1.5b"
INSTALL_HINT = "pip install -r benchmarks/requirements-peer.txt"
MIN_DICE = 0.3  # the matching rule's content-word threshold, the same for both tools

# --------------------------------------------------------------------------------------------
# The peer's task: one prompt, one worked example (an invented story, not one of the seeds).
# --------------------------------------------------------------------------------------------
PEER_PROMPT = (
    "Extract every claim made in the news text: each statement that a named source, or the article itself, "
    "puts forward and that could be true or false (events, figures, estimates, assessments, denials). "
    "Use the exact words of the text for each claim; do not paraphrase and do not overlap claims. "
    "Give each claim two attributes: speaker, who makes the claim as the text names them "
    "('the article' when the reporter states it without a source); and hedge, the word or words that put "
    "the claim below certainty (probably, likely, almost certainly, believed, estimated, appears, suggest) "
    "exactly as written, or 'none'. Saying or reporting ('said', 'told', 'according to') is not a hedge. "
    "Skip navigation, bylines, disclaimers and links to other stories."
)
PEER_EXAMPLE_TEXT = (
    "Oslo, May 5 (Reuters): The wildfire near Bergen has probably destroyed more than 40 homes, the regional "
    "fire service said on Sunday. Police chief Kari Lunde told NRK that 300 residents had been evacuated. "
    "The government released NOK 20 million in emergency aid. According to the Norwegian Meteorological "
    "Institute, rain is likely to reach the area by Wednesday."
)
PEER_EXAMPLE_CLAIMS = (
    ("The wildfire near Bergen has probably destroyed more than 40 homes",
     {"speaker": "the regional fire service", "hedge": "probably"}),
    ("300 residents had been evacuated", {"speaker": "Police chief Kari Lunde", "hedge": "none"}),
    ("The government released NOK 20 million in emergency aid", {"speaker": "the article", "hedge": "none"}),
    ("rain is likely to reach the area by Wednesday",
     {"speaker": "the Norwegian Meteorological Institute", "hedge": "likely"}),
)
NO_HEDGE = {"", "none", "null", "no", "n/a", "na", "-", "false", "asserted", "nothing"}
ARTICLE_SPEAKERS = {"", "the article", "article", "the reporter", "reporter", "none", "unknown", "n/a"}


# ============================================================================================
# Worker: runs inside the peer's interpreter; imports langextract, never the project.
# ============================================================================================
def _proc_cpu_seconds(pid: int | None) -> float | None:
    """utime + stime of a running process (all its threads), from /proc."""
    if not pid:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def worker(spec_path: str) -> int:
    spec = json.loads(Path(spec_path).read_text())
    try:
        import langextract as lx
        from langextract import factory
    except ImportError as exc:
        print(f"langextract is not installed for {sys.executable} ({exc}): {INSTALL_HINT}", file=sys.stderr)
        return 3
    from importlib.metadata import version

    fmt = lx.data.FormatType.YAML if spec["format"] == "yaml" else lx.data.FormatType.JSON
    examples = [lx.data.ExampleData(text=PEER_EXAMPLE_TEXT, extractions=[
        lx.data.Extraction(extraction_class="claim", extraction_text=text, attributes=dict(attrs))
        for text, attrs in PEER_EXAMPLE_CLAIMS])]
    # langextract's documented way to reach an OpenAI-compatible endpoint: ModelConfig with provider "openai"
    # and base_url. No schema constraints: with them the OpenAI provider sends response_format json_schema,
    # which llama_cpp.server rejects (HTTP 500). YAML then sends no response_format at all (fenced YAML,
    # unconstrained decoding); JSON sends {"type": "json_object"} (llama.cpp's grammar path).
    config = factory.ModelConfig(model_id=spec["model_id"], provider="openai", provider_kwargs={
        "api_key": "sk-no-key-needed-on-loopback", "base_url": spec["base_url"], "format_type": fmt,
        "temperature": spec["temperature"]})
    model = factory.create_model(config, use_schema_constraints=False)
    client = getattr(model, "_client", None)
    if client is not None and hasattr(client, "with_options"):
        # The SDK's default 600 s timeout plus 2 silent retries would resend a slow chunk on a busy machine
        # (the server decodes one request at a time, the others wait): one attempt, a long timeout.
        model._client = client.with_options(timeout=spec["timeout"], max_retries=0)

    out = {"langextract_version": version("langextract"), "openai_version": version("openai"),
           "python": sys.executable, "format": spec["format"], "articles": []}
    for path in spec["articles"]:
        text = Path(path).read_text(encoding="utf-8")
        print(f"[peer] {Path(path).name} ...", file=sys.stderr, flush=True)
        cpu0 = _proc_cpu_seconds(spec.get("server_pid"))
        t0 = time.perf_counter()
        row = {"article": path, "error": None, "extractions": [], "load_before": round(os.getloadavg()[0], 2)}
        try:
            doc = lx.extract(text_or_documents=text, prompt_description=PEER_PROMPT, examples=examples,
                             model=model, format_type=fmt, max_char_buffer=spec["max_char_buffer"],
                             extraction_passes=spec["extraction_passes"], use_schema_constraints=False,
                             show_progress=False)
            for e in doc.extractions or []:
                ci = e.char_interval
                row["extractions"].append({
                    "class": e.extraction_class, "text": e.extraction_text,
                    "start": ci.start_pos if ci else None, "end": ci.end_pos if ci else None,
                    "alignment": e.alignment_status.name if e.alignment_status else None,
                    "attributes": e.attributes or {}})
        except Exception as exc:  # noqa: BLE001 - reported per article, the others still run
            row["error"] = f"{type(exc).__name__}: {exc}"[:2000]
        row["seconds"] = round(time.perf_counter() - t0, 2)
        row["load_after"] = round(os.getloadavg()[0], 2)
        cpu1 = _proc_cpu_seconds(spec.get("server_pid"))
        row["server_cpu_seconds"] = round(cpu1 - cpu0, 2) if cpu0 is not None and cpu1 is not None else None
        print(f"[peer] {Path(path).name}: {row['seconds']} s, {len(row['extractions'])} extractions"
              + (f", ERROR {row['error'][:200]}" if row["error"] else ""), file=sys.stderr, flush=True)
        out["articles"].append(row)
        Path(spec["out"]).write_text(json.dumps(out, indent=1))  # after every article: partial results survive
    return 0


# ============================================================================================
# Orchestrator: runs in the project's venv.
# ============================================================================================
_children: list[subprocess.Popen] = []


def _stop(proc: subprocess.Popen | None, grace: float = 15.0) -> None:
    """Terminate a child we started (its own process group, by id), then kill it if it lingers."""
    if proc is None or proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _spawn(cmd: list[str], **kw) -> subprocess.Popen:
    proc = subprocess.Popen(cmd, start_new_session=True, **kw)  # own group: Ctrl-C reaches us, we stop it
    _children.append(proc)
    return proc


def _wait(proc: subprocess.Popen) -> tuple[int, float | None, float | None]:
    """Reap proc; (exit code, CPU seconds, peak RSS MiB) of that child from the kernel's own accounting."""
    _, status, ru = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, round(ru.ru_utime + ru.ru_stime, 2), round(ru.ru_maxrss / 1024, 1)


def _usage_error(message: str) -> SystemExit:
    """A set-up problem: the message on stderr, exit status 2."""
    print(message, file=sys.stderr)
    return SystemExit(2)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tail(path: Path, n: int = 25) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return ""


def start_server(python: str, gguf: Path, threads: int, n_ctx: int, log: Path, timeout: float):
    port = _free_port()
    cmd = [python, "-m", "llama_cpp.server", "--model", str(gguf), "--model_alias", SERVER_ALIAS,
           "--host", "127.0.0.1", "--port", str(port), "--n_threads", str(threads),
           "--n_threads_batch", str(threads), "--n_ctx", str(n_ctx)]
    print(f"[server] {' '.join(cmd)}", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    proc = _spawn(cmd, stdout=log.open("wb"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/v1"
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"llama_cpp.server exited with {proc.returncode} before answering; its log "
                               f"({log}):\n{_tail(log)}\n(is llama-cpp-python[server] installed for {python}? "
                               "pip install -e '.[test]')")
        try:
            with urllib.request.urlopen(f"{url}/models", timeout=2) as r:
                if r.status == 200:
                    break
        except (urllib.error.URLError, OSError):
            pass
        if time.perf_counter() - t0 > timeout:
            raise RuntimeError(f"llama_cpp.server did not answer within {timeout:.0f} s; log {log}")
        time.sleep(0.5)
    return proc, url, round(time.perf_counter() - t0, 2)


def check_peer_python(python: str) -> str:
    code = "import langextract, openai; from importlib.metadata import version; print(version('langextract'))"
    try:
        r = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    except OSError as exc:
        raise _usage_error(f"error: cannot run --peer-python {python}: {exc}") from exc
    if r.returncode != 0:
        raise _usage_error(
            f"error: langextract (with openai) is not installed for {python}.\n"
            f"  {INSTALL_HINT}\n"
            "into a separate venv and pass its interpreter, e.g.\n"
            "  python3 -m venv /tmp/peervenv && /tmp/peervenv/bin/pip install -r benchmarks/requirements-peer.txt\n"
            "  .venv/bin/python benchmarks/peer.py --peer-python /tmp/peervenv/bin/python\n"
            f"({(r.stderr.strip().splitlines() or ['no output'])[-1]})")
    return r.stdout.strip()


# --------------------------------------------------------------------------------------------
# Scoring: one rule for both tools.
# --------------------------------------------------------------------------------------------
def _spans_overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _name_words(name: str) -> set[str]:
    import re
    generic = {"the", "and", "official", "officials", "military", "ministry", "forces", "government", "said"}
    return {w for w in re.findall(r"[a-z]+", (name or "").lower()) if len(w) > 3 and w not in generic}


def speaker_agrees(item: dict, gold: dict) -> bool:
    """One name contains the other, or they share a distinctive word (fixtures/gold/GUIDE.md's rule)."""
    gs = gold["speaker"]
    if item["speaker_is_article"] or gs.get("is_article"):
        return bool(item["speaker_is_article"]) == bool(gs.get("is_article"))
    a = item["speaker"].lower().strip()
    names = [gs["name"], *gold.get("speaker_aliases", [])]
    if a and any(a in b.lower() or b.lower() in a for b in names):
        return True
    gw = set().union(*(_name_words(n) for n in names)) | _name_words(gs.get("organisation") or "")
    return bool((_name_words(item["speaker"]) | _name_words(item.get("speaker_org") or "")) & gw)


def items_from_peer(row: dict) -> list[dict]:
    items = []
    for i, e in enumerate(row.get("extractions", [])):
        attrs = e.get("attributes") or {}
        values = []
        for v in attrs.values():
            values.extend(v if isinstance(v, list) else [v])
        hedge = attrs.get("hedge")
        hedge = " ".join(map(str, hedge)) if isinstance(hedge, list) else str(hedge or "")
        speaker = attrs.get("speaker")
        speaker = " ".join(map(str, speaker)) if isinstance(speaker, list) else str(speaker or "")
        spans = [(e["start"], e["end"])] if e.get("start") is not None and e.get("end") is not None else []
        items.append({"id": f"X{i + 1}", "text": " ".join([e["text"], *map(str, values)]), "spans": spans,
                      "hedged": hedge.strip().strip(".'\"").lower() not in NO_HEDGE, "speaker": speaker,
                      "speaker_org": None, "speaker_is_article": speaker.strip().lower() in ARTICLE_SPEAKERS,
                      "label": e["text"]})
    return items


def items_from_ours(result: dict) -> list[dict]:
    return [{"id": c["id"], "text": c["statement"], "spans": [(ev["start"], ev["end"]) for ev in c["evidence"]],
             "hedged": bool(c["certainty"]["hedged"]), "speaker": c["speaker"]["name"],
             "speaker_org": c["speaker"].get("organisation"), "speaker_is_article": c["speaker"].get("is_article"),
             "label": c["statement"]} for c in result.get("claims", [])]


def score(items: list[dict], gold: dict) -> dict:
    from summarizer.analysis.words import dice

    gclaims = gold["claims"]
    gspans = [[(ev["start"], ev["end"]) for ev in g["evidence"]] for g in gclaims]

    def sim(item, j):  # the matching rule: evidence overlaps and Dice >= MIN_DICE; None when no match
        if not _spans_overlap(item["spans"], gspans[j]):
            return None
        d = dice(item["text"], gclaims[j]["statement"])
        return d if d >= MIN_DICE else None

    table = {(i, j): s for i, it in enumerate(items) for j in range(len(gclaims)) if (s := sim(it, j)) is not None}
    # one-to-one as a second view: greedy by similarity, every item and gold claim used at most once
    used_i, used_j, one_to_one = set(), set(), set()
    for (i, j), _ in sorted(table.items(), key=lambda kv: (-kv[1], kv[0])):
        if i not in used_i and j not in used_j:
            used_i.add(i), used_j.add(j), one_to_one.add(j)
    key = [j for j, g in enumerate(gclaims) if g.get("key")]
    per_claim, hedge_ok, speaker_ok = [], 0, 0
    for j in key:
        g = gclaims[j]
        cands = sorted(((s, i) for (i, jj), s in table.items() if jj == j), key=lambda t: (-t[0], t[1]))
        entry = {"gold": g["id"], "statement": g["statement"], "gold_hedged": g["certainty"]["hedged"],
                 "matched": bool(cands)}
        if cands:
            best = items[cands[0][1]]
            entry.update(item=best["id"], item_text=best["label"], dice=round(cands[0][0], 2),
                         hedged=best["hedged"], hedge_agrees=best["hedged"] == g["certainty"]["hedged"],
                         speaker=best["speaker"], speaker_agrees=speaker_agrees(best, g))
            hedge_ok += entry["hedge_agrees"]
            speaker_ok += entry["speaker_agrees"]
        per_claim.append(entry)
    matched = sum(e["matched"] for e in per_claim)
    return {"items": len(items), "unaligned_items": sum(not it["spans"] for it in items),
            "key_claims": len(key), "key_matched": matched,
            "key_recall": round(matched / len(key), 3) if key else None,
            "key_matched_one_to_one": sum(j in one_to_one for j in key),
            "hedge_agree": hedge_ok, "speaker_agree": speaker_ok,
            "missed": [e["gold"] for e in per_claim if not e["matched"]], "key": per_claim}


# --------------------------------------------------------------------------------------------
def machine_info() -> dict:
    cpu_model = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {"cpu_count": os.cpu_count(), "cpus_usable": len(os.sched_getaffinity(0)), "cpu_model": cpu_model,
            "memory_gib": mem, "platform": platform.platform(), "python": platform.python_version(),
            "load_average_start": [round(x, 2) for x in os.getloadavg()]}


def _fmt_s(x) -> str:
    return "-" if x is None else f"{x:.1f}"


def _load(side: dict | None) -> str:
    if not side or side.get("load_before") is None:
        return "-"
    return f"{side['load_before']:.1f}->{side.get('load_after', 0):.1f}"


def _frac(a, b) -> str:
    return "-" if a is None or not b else f"{a}/{b}"


def render_table(report: dict) -> str:
    rows = [("article", "peer s", "ours s", "ours/peer", "peer cpu s", "ours cpu s", "peer recall (1:1)",
             "ours recall (1:1)",
             "peer hedge", "ours hedge", "peer speaker", "ours speaker")]
    for a in report["articles"] + [report["totals"]]:
        p, o = a.get("peer") or {}, a.get("ours") or {}
        ps, os_ = p.get("score") or {}, o.get("score") or {}
        ratio = a.get("ratio_ours_over_peer")
        rows.append((
            a["name"], _fmt_s(p.get("seconds")) + (" !" if p.get("error") else ""),
            _fmt_s(o.get("seconds")) + (" !" if o.get("error") else ""),
            "-" if ratio is None else f"{ratio:.2f}", _fmt_s(p.get("cpu_seconds")), _fmt_s(o.get("cpu_seconds")),
            "-" if not ps else f"{ps['key_matched']}/{ps['key_claims']} ({ps['key_matched_one_to_one']})",
            "-" if not os_ else f"{os_['key_matched']}/{os_['key_claims']} ({os_['key_matched_one_to_one']})",
            _frac(ps.get("hedge_agree"), ps.get("key_matched")), _frac(os_.get("hedge_agree"), os_.get("key_matched")),
            _frac(ps.get("speaker_agree"), ps.get("key_matched")),
            _frac(os_.get("speaker_agree"), os_.get("key_matched"))))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))) for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.insert(len(lines) - 1, "  ".join("-" * w for w in widths))
    m = report["machine"]
    cfg = report["config"]
    foot = [
        "",
        (f"recall: gold claims with key=true matched by some output item (evidence span overlaps and Dice of "
         f"content words >= {MIN_DICE}); (1:1) each item matches at most one gold claim. hedge/speaker: agreement "
         "on the matched key claims. '!': a tool failed on that article (see the JSON)."),
        (f"peer: langextract {report.get('langextract_version')} via llama_cpp.server ({cfg['threads']} threads, "
         f"n_ctx {cfg['n_ctx']}), {cfg['peer_format']} output, {cfg['max_char_buffer']}-char chunks, temperature "
         f"{cfg['peer_temperature']}, claims only; server start {_fmt_s(report.get('server_start_seconds'))} s "
         "not counted. ours: summarize --brief --format json --no-cache (claims and brief), cold process, "
         f"SUMMARIZER_THREADS={cfg['threads']}, the system prompts' KV states loaded as stored beside the model "
         "by the first run ever (no article in them)."),
        ("load average (1 min) around each article: "
         + "; ".join(f"{a['name'][:10]} peer {_load(a.get('peer'))}, ours {_load(a.get('ours'))}"
                     for a in report["articles"])
         + ". cpu s: the server process's CPU time (peer), the summarize process's (ours)."),
        (f"machine: {m['cpu_count']} CPUs ({m['cpus_usable']} usable), {m['cpu_model']}, {m['memory_gib']} GiB; "
         f"model {MODEL_NAME}; {report['date']}; load average {m['load_average_start']} at start, "
         f"{m.get('load_average_end')} at end."),
    ]
    return "\n".join(lines + foot)


def find_articles(names: list[str]) -> list[Path]:
    if names:
        paths = [Path(n) if Path(n).exists() else ROOT / n for n in names]
    else:
        paths = [p for g in SEED_GLOBS for p in sorted((ROOT / "fixtures" / "articles").glob(g))]
    for p in paths:
        if not p.is_file():
            raise _usage_error(f"error: no such article: {p}")
        if not (ROOT / "fixtures" / "gold" / f"{p.stem}.json").is_file():
            raise _usage_error(f"error: no gold for {p.name} in fixtures/gold/")
    if not paths:
        raise _usage_error("error: no seed articles found under fixtures/articles/")
    return [p.resolve() for p in paths]


def default_gguf() -> Path:
    cache = os.environ.get("SUMMARIZER_CACHE_DIR") or os.path.expanduser("~/.cache/summarizer")
    return Path(cache) / "models" / MODEL_FILE


def run_ours(summarize: str, article: Path, threads: int, workdir: Path) -> dict:
    env = dict(os.environ, SUMMARIZER_THREADS=str(threads))
    for k in ("SUMMARIZER_MODEL", "SUMMARIZER_BASE_URL", "SUMMARIZER_NO_CACHE", "SUMMARIZER_TOKEN_BUDGET",
              "SUMMARIZER_MAX_RETRIES", "SUMMARIZER_BRIEF_RETRIES", "SUMMARIZER_CONCURRENCY", "SUMMARIZER_STRATEGY",
              "SUMMARIZER_PART_CHARS", "SUMMARIZER_CONTEXT"):
        env.pop(k, None)  # the default model, nothing that changes the run
    out, err = workdir / f"ours_{article.stem}.json", workdir / f"ours_{article.stem}.log"
    cmd = [summarize, str(article), "--brief", "--format", "json", "--no-cache"]
    print(f"[ours] {' '.join(cmd)}", file=sys.stderr, flush=True)
    load_before = round(os.getloadavg()[0], 2)
    t0 = time.perf_counter()
    with out.open("wb") as fo, err.open("wb") as fe:
        proc = _spawn(cmd, stdout=fo, stderr=fe, stdin=subprocess.DEVNULL, env=env, cwd=ROOT)
        code, cpu, rss = _wait(proc)
    row = {"seconds": round(time.perf_counter() - t0, 2), "cpu_seconds": cpu, "peak_rss_mib": rss, "exit": code,
           "load_before": load_before, "load_after": round(os.getloadavg()[0], 2),
           "output": str(out), "log": str(err), "error": None}
    if code != 0:
        row["error"] = f"exit {code}: {_tail(err, 5)}"
    else:
        try:
            row["result"] = json.loads(out.read_text())
        except ValueError as exc:
            row["error"] = f"output is not JSON: {exc}"
    print(f"[ours] {article.name}: {row['seconds']} s" + (f", ERROR {row['error'][:300]}" if row["error"] else ""),
          file=sys.stderr, flush=True)
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles", nargs="*", help="articles (default: the seed articles 2025-02-01_*, 2025-04-02_*)")
    ap.add_argument("--json", metavar="PATH", help="also write the report as JSON")
    ap.add_argument("--peer-python", default=sys.executable,
                    help="interpreter that has langextract 1.7.1 (default: this one)")
    ap.add_argument("--server-python", default=sys.executable,
                    help="interpreter that has llama-cpp-python[server] (default: this one)")
    ap.add_argument("--summarize", default=None, help="the summarize command (default: next to this interpreter)")
    ap.add_argument("--model-path", type=Path, default=None, help=f"GGUF (default: the assembled {MODEL_FILE})")
    ap.add_argument("--threads", type=int, default=2, help="threads for both tools (default 2)")
    ap.add_argument("--n-ctx", type=int, default=8192, help="server context window (default 8192)")
    ap.add_argument("--peer-format", choices=("yaml", "json"), default="yaml",
                    help="langextract output format (default yaml: see README)")
    ap.add_argument("--peer-temperature", type=float, default=0.0)
    ap.add_argument("--max-char-buffer", type=int, default=1000, help="langextract chunk size (default 1000)")
    ap.add_argument("--extraction-passes", type=int, default=1)
    ap.add_argument("--request-timeout", type=float, default=3600.0, help="peer HTTP timeout per request, s")
    ap.add_argument("--server-start-timeout", type=float, default=300.0)
    ap.add_argument("--only", choices=("peer", "ours"), help="run one side only (debugging)")
    ap.add_argument("--workdir", type=Path, default=None, help="keep raw outputs and logs here (default: a new temp dir)")
    ap.add_argument("--worker", metavar="SPEC", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        return worker(args.worker)

    try:
        import summarizer.analysis.words  # noqa: F401 - the scoring rule comes from the project
    except ImportError:
        raise _usage_error(f"error: run this with the project's venv (.venv/bin/python); {sys.executable} "
                         "cannot import summarizer") from None
    articles = find_articles(args.articles)
    gguf = (args.model_path or default_gguf()).expanduser()
    run_peer, run_us = args.only in (None, "peer"), args.only in (None, "ours")
    if run_peer and not gguf.is_file():
        raise _usage_error(f"error: model file {gguf} not found: run `summarize models pull local/qwen2.5-coder-1.5b`")
    summarize = args.summarize or str(Path(sys.executable).parent / "summarize")
    if run_us and not os.access(summarize, os.X_OK):
        raise _usage_error(f"error: {summarize} not found; pass --summarize PATH")
    lx_version = check_peer_python(args.peer_python) if run_peer else None
    if lx_version and lx_version != "1.7.1":
        print(f"warning: langextract {lx_version} found, the benchmark is defined against 1.7.1", file=sys.stderr)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="peer-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)

    report = {"date": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"), "machine": machine_info(),
              "model": {"name": MODEL_NAME, "path": str(gguf),
                        "bytes": gguf.stat().st_size if gguf.is_file() else None},
              "langextract_version": lx_version,
              "config": {"threads": args.threads, "n_ctx": args.n_ctx, "peer_format": args.peer_format,
                         "peer_temperature": args.peer_temperature, "max_char_buffer": args.max_char_buffer,
                         "extraction_passes": args.extraction_passes, "min_dice": MIN_DICE,
                         "peer_prompt": PEER_PROMPT, "peer_example": {"text": PEER_EXAMPLE_TEXT,
                                                                     "claims": PEER_EXAMPLE_CLAIMS}},
              "workdir": str(workdir)}
    peer_rows: dict[str, dict] = {}
    ours_rows: dict[str, dict] = {}
    server = None

    def on_signal(signum, frame):  # Ctrl-C, SIGTERM, a closed terminal: unwind so the server is stopped
        raise KeyboardInterrupt

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):  # SIGINT too: a background job inherits it ignored
        signal.signal(sig, on_signal)
    try:
        if run_peer:
            server, url, report["server_start_seconds"] = start_server(
                args.server_python, gguf, args.threads, args.n_ctx, workdir / "server.log", args.server_start_timeout)
            print(f"[server] answering at {url} after {report['server_start_seconds']} s", file=sys.stderr)
            spec = {"base_url": url, "model_id": SERVER_ALIAS, "format": args.peer_format,
                    "temperature": args.peer_temperature, "max_char_buffer": args.max_char_buffer,
                    "extraction_passes": args.extraction_passes, "timeout": args.request_timeout,
                    "server_pid": server.pid, "articles": [str(a) for a in articles],
                    "out": str(workdir / "peer.json")}
            (workdir / "peer_spec.json").write_text(json.dumps(spec, indent=1))
            w = _spawn([args.peer_python, str(Path(__file__).resolve()), "--worker", str(workdir / "peer_spec.json")],
                       stdin=subprocess.DEVNULL)
            code, _, _ = _wait(w)
            if code != 0 and not (workdir / "peer.json").exists():
                raise RuntimeError(f"the langextract worker failed (exit {code})")
            peer_out = json.loads((workdir / "peer.json").read_text())
            report["langextract_version"] = peer_out["langextract_version"]
            report["peer_openai_version"] = peer_out["openai_version"]
            peer_rows = {r["article"]: r for r in peer_out["articles"]}
            _stop(server)  # before our runs: nothing of the peer's stays on the machine
            server = None
        if run_us:
            for a in articles:
                ours_rows[str(a)] = run_ours(summarize, a, args.threads, workdir)
    except KeyboardInterrupt:
        print("\ninterrupted: stopping the server and children", file=sys.stderr)
        return 130
    finally:
        for p in reversed(_children):  # the worker before the server: no request is in flight when it stops
            _stop(p, grace=5.0)

    # ---- scoring and report
    report["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    rows, tot = [], {"name": "total", "peer": {"seconds": 0.0, "cpu_seconds": 0.0},
                     "ours": {"seconds": 0.0, "cpu_seconds": 0.0}}
    tp = {"key_matched": 0, "key_claims": 0, "key_matched_one_to_one": 0, "hedge_agree": 0, "speaker_agree": 0}
    to = dict(tp)
    failed = False
    for a in articles:
        gold = json.loads((ROOT / "fixtures" / "gold" / f"{a.stem}.json").read_text())
        text = a.read_text(encoding="utf-8")
        row = {"name": a.stem, "article": str(a.relative_to(ROOT)) if a.is_relative_to(ROOT) else str(a)}
        if run_peer:
            pr = peer_rows.get(str(a), {"seconds": None, "error": "not run", "extractions": []})
            ps = score(items_from_peer(pr), gold)
            row["peer"] = {"seconds": pr["seconds"], "cpu_seconds": pr.get("server_cpu_seconds"),
                           "load_before": pr.get("load_before"), "load_after": pr.get("load_after"),
                           "error": pr.get("error"), "extractions": pr.get("extractions"), "score": ps}
            failed |= bool(pr.get("error"))
        if run_us:
            orow = ours_rows[str(a)]
            res = orow.pop("result", None) or {}
            if res and res.get("document", {}).get("text") not in (None, text):
                print(f"warning: {a.name}: our document.text differs from the file; offsets may not compare",
                      file=sys.stderr)
            os_ = score(items_from_ours(res), gold)
            orow.update(score=os_, claims=[{"id": c["id"], "statement": c["statement"],
                                            "speaker": c["speaker"]["name"], "hedged": c["certainty"]["hedged"],
                                            "evidence": [[e["start"], e["end"]] for e in c["evidence"]]}
                                           for c in res.get("claims", [])],
                        warnings=res.get("warnings", []), usage=res.get("usage"),
                        bottom_line=(res.get("brief") or {}).get("bottom_line"))
            row["ours"] = orow
            failed |= bool(orow.get("error"))
        ps_, os2 = (row.get("peer") or {}).get("seconds"), (row.get("ours") or {}).get("seconds")
        row["ratio_ours_over_peer"] = round(os2 / ps_, 3) if ps_ and os2 else None
        for side, acc in (("peer", tp), ("ours", to)):
            if side in row:
                tot[side]["seconds"] += row[side]["seconds"] or 0.0
                tot[side]["cpu_seconds"] += row[side].get("cpu_seconds") or 0.0
                for k in acc:
                    acc[k] += row[side]["score"][k]
        rows.append(row)
    for side, acc in (("peer", tp), ("ours", to)):
        if side in rows[0]:
            tot[side]["score"] = dict(acc, key_recall=round(acc["key_matched"] / acc["key_claims"], 3)
                                      if acc["key_claims"] else None)
            tot[side]["seconds"] = round(tot[side]["seconds"], 2)
            tot[side]["cpu_seconds"] = round(tot[side]["cpu_seconds"], 2)
        else:
            tot[side] = {}
    tot["ratio_ours_over_peer"] = (round(tot["ours"]["seconds"] / tot["peer"]["seconds"], 3)
                                   if tot["peer"].get("seconds") and tot["ours"].get("seconds") else None)
    report["articles"], report["totals"] = rows, tot
    table = render_table(report)
    print(table)
    for row in rows:
        for side in ("peer", "ours"):
            if side in row and row[side]["score"]["missed"]:
                missed = [f"{e['gold']} {e['statement']}" for e in row[side]["score"]["key"] if not e["matched"]]
                print(f"{side} missed in {row['name']}: " + "; ".join(missed))
    print(f"raw outputs and logs: {workdir}")
    report["table"] = table
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1, default=str) + "\n")
        print(f"report: {args.json}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
