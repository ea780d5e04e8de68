"""`summarize eval`: run the pipeline on every gold fixture, score it, compare with thresholds and a
baseline, and write report.json, report.md, junit.xml and a self-contained report.html."""

from __future__ import annotations

import json
import math
import statistics
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.config import Settings
from summarizer.evaluation.gold import load_gold, load_pair, pair_files
from summarizer.evaluation.metrics import LOWER_IS_BETTER, ArticleScore, score, score_pair
from summarizer.models import Collection, Result
from summarizer.pipeline import collect, open_client, summarize
from summarizer.evaluation.report_html import render_html

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "fixtures" / "gold"
THRESHOLDS = ROOT / "eval" / "thresholds.toml"
# averaged over articles in the "overall" row; the rest are summed
SUMMED = {"unsupported_numbers_claims", "unsupported_numbers_brief", "forbidden_hits", "reasks", "prompt_tokens",
          "completion_tokens", "model_seconds", "wall_seconds"}


@dataclass
class Run:
    article: str
    result: Result | Collection
    score: ArticleScore
    wall_seconds: float


@dataclass
class Report:
    model: str
    repeat: int
    runs: list[list[Run]]  # runs[k] = the k-th repetition over every article
    metrics: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)  # article -> metric -> stats
    failures: list[str] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)


def gold_files() -> list[Path]:
    return sorted(GOLD_DIR.glob("2025-*.json"))


def run_eval(settings: Settings, repeat: int = 1, progress=None) -> Report:
    report = Report(model=settings.model, repeat=repeat, runs=[])
    client = open_client(settings)  # one backend: the model loads once for every article and run
    try:
        for k in range(repeat):
            # repetitions after the first ask the model again, so the spread is real
            client.cache.refresh = settings.refresh or k > 0
            runs = []
            for path in gold_files():
                gold = load_gold(path)
                started = time.perf_counter()
                result = summarize(ROOT / gold.article, settings, client=client, progress=progress)
                wall = time.perf_counter() - started
                runs.append(Run(path.stem, result, score(result, gold), wall))
            runs += _pair_runs(runs, settings, client, progress)
            report.runs.append(runs)
    finally:
        client.close()
        client.cache.close()
    _aggregate(report)
    return report


def _pair_runs(runs: list[Run], settings: Settings, client, progress) -> list[Run]:
    """The brief across both seeds, scored against the pair's gold; the extraction is the runs' own."""
    out = []
    for path in pair_files():
        pair = load_pair(path)
        golds = {r.result.document.source: load_gold(GOLD_DIR / f"{r.article}.json") for r in runs}
        by_article = {}
        for article in pair.articles:
            match_ = next((r for r in runs if r.result.document.source.endswith(article)), None)
            if match_ is not None:
                by_article[article] = (match_, golds[match_.result.document.source])
        if len(by_article) != len(pair.articles):
            continue
        started = time.perf_counter()
        col = collect([r.result for r, _ in by_article.values()], settings, client, progress=progress)
        brief_usage = client.usage  # collect() counts the brief call alone here
        result_score = score_pair(col, pair, {a: g for a, (_, g) in by_article.items()})
        result_score.values.update(reasks=float(brief_usage.reasks), prompt_tokens=float(brief_usage.prompt_tokens),
                                   completion_tokens=float(brief_usage.completion_tokens),
                                   model_seconds=round(brief_usage.seconds, 2))
        out.append(Run(path.stem, col, result_score, time.perf_counter() - started))
    return out


def _aggregate(report: Report) -> None:
    per: dict[str, dict[str, list[float]]] = {}
    for runs in report.runs:
        overall: dict[str, list[float]] = {}
        for run in runs:
            values = {**run.score.values, "wall_seconds": round(run.wall_seconds, 2)}
            for name, v in values.items():
                per.setdefault(run.article, {}).setdefault(name, []).append(v)
                overall.setdefault(name, []).append(v)
        for name, vs in overall.items():
            per.setdefault("overall", {}).setdefault(name, []).append(sum(vs) if name in SUMMED else sum(vs) / len(vs))
    report.metrics = {a: {m: {"mean": statistics.fmean(vs), "min": min(vs), "max": max(vs), "values": vs}
                          for m, vs in ms.items()} for a, ms in per.items()}


def check(report: Report, thresholds_path: Path = THRESHOLDS, baseline: dict | None = None) -> None:
    """Gate on the overall row: a metric fails when fewer than k of the n repetitions pass (k = majority)."""
    conf = tomllib.loads(thresholds_path.read_text()) if thresholds_path.exists() else {}
    minimum, maximum = conf.get("min", {}), conf.get("max", {})
    tolerance = conf.get("tolerance", {})
    default_tol = tolerance.get("default", 0.05)
    need = math.ceil(report.repeat / 2) if report.repeat > 1 else 1
    overall = report.metrics["overall"]
    for name, stats in overall.items():
        values = stats["values"]
        rules = []
        if name in minimum:
            rules.append((f">= {minimum[name]} (threshold)", lambda v, t=minimum[name]: v >= t - 1e-9))
        if name in maximum:
            rules.append((f"<= {maximum[name]} (threshold)", lambda v, t=maximum[name]: v <= t + 1e-9))
        if baseline and name in baseline and name not in {"wall_seconds", "model_seconds"}:
            tol = tolerance.get(name, default_tol)
            base = baseline[name]
            if name in LOWER_IS_BETTER:
                limit = base * (1 + tol) if base else tol
                rules.append((f"<= {limit:.4g} (baseline {base:.4g} + tolerance)", lambda v, t=limit: v <= t + 1e-9))
            else:
                rules.append((f">= {base - tol:.4g} (baseline {base:.4g} - {tol})",
                              lambda v, t=base - tol: v >= t - 1e-9))
        for label, ok in rules:
            passed = sum(ok(v) for v in values)
            good = passed >= need
            report.checks.append({"metric": name, "rule": label, "values": values, "passed": good,
                                  "k_of_n": f"{passed}/{len(values)} (need {need})"})
            if not good:
                report.failures.append(f"{name} = {stats['mean']:.3f} fails {label} in {len(values) - passed} of "
                                       f"{len(values)} runs")


def overall_means(report: Report) -> dict[str, float]:
    return {m: round(s["mean"], 4) for m, s in report.metrics["overall"].items()}


TABLE_METRICS = ["claim_precision", "claim_recall", "claim_f1", "key_claim_recall", "speaker_accuracy",
                 "attribution_accuracy", "quantity_accuracy", "certainty_accuracy", "grounding_rate",
                 "unsupported_numbers_claims", "unsupported_numbers_brief", "must_carry_coverage",
                 "disagreement_coverage", "forbidden_hits", "schema_valid_rate", "timeline_figure_recall",
                 "conflict_coverage", "reasks", "prompt_tokens",
                 "completion_tokens", "wall_seconds"]


def table(report: Report) -> str:
    articles = [a for a in report.metrics if a != "overall"] + ["overall"]
    short = {a: (a.split("_")[1] if a[:2] == "20" else a.split("_")[0]) for a in articles}
    lines = ["| metric | " + " | ".join(short[a] for a in articles) + " |",
             "|---|" + "---|" * len(articles)]
    for m in TABLE_METRICS:
        cells = []
        for a in articles:
            s = report.metrics[a].get(m)
            if s is None:
                cells.append("–")
                continue
            cell = f"{s['mean']:.3f}" if s["mean"] < 100 else f"{s['mean']:.0f}"
            if report.repeat > 1:
                cell += f" ({s['min']:.2f}-{s['max']:.2f})"
            cells.append(cell)
        lines.append(f"| {m} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_reports(report: Report, directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    data = {"model": report.model, "repeat": report.repeat, "metrics": report.metrics, "checks": report.checks,
            "failures": report.failures,
            "articles": [{"article": r.article, "result": r.result.model_dump(mode="json"),
                          "matches": [[p.id, g.id, round(s, 3)] for p, g, s in r.score.matches],
                          "missed": [g.id for g in r.score.missed], "extra": [p.id for p in r.score.extra]}
                         for r in report.runs[0]]}
    paths = {"report.json": json.dumps(data, indent=2, ensure_ascii=False) + "\n",
             "report.md": _markdown(report), "junit.xml": _junit(report), "report.html": render_html(report)}
    out = []
    for name, text in paths.items():
        (directory / name).write_text(text, encoding="utf-8")
        out.append(directory / name)
    return out


def _markdown(report: Report) -> str:
    status = "PASS" if not report.failures else "FAIL"
    lines = [f"# Evaluation: {status}", "", f"Model `{report.model}`, {report.repeat} run(s).", "", table(report), ""]
    if report.failures:
        lines += ["## What got worse", ""] + [f"- {f}" for f in report.failures] + [""]
    for r in report.runs[0]:
        lines += [f"## {r.article}", "", "Missed gold claims:", ""]
        lines += [f"- {g.id} ({g.speaker.name}): {g.statement}" for g in r.score.missed] or ["- none"]
        lines += ["", "Predictions matching no gold claim:", ""]
        lines += [f"- {p.id} ({p.speaker.name}): {p.statement}" for p in r.score.extra] or ["- none"]
        lines.append("")
    return "\n".join(lines)


def _junit(report: Report) -> str:
    from xml.sax.saxutils import escape, quoteattr

    cases = []
    for c in report.checks:
        body = "" if c["passed"] else f'<failure message={quoteattr(c["rule"])}>{escape(str(c["values"]))}</failure>'
        cases.append(f'  <testcase classname="eval.{escape(report.model)}" name={quoteattr(c["metric"] + " " + c["rule"])}>'
                     f"{body}</testcase>")
    failures = sum(not c["passed"] for c in report.checks)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="summarizer-eval" tests="{len(cases)}" '
            f'failures="{failures}">\n' + "\n".join(cases) + "\n</testsuite>\n")
