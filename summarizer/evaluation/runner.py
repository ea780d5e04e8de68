"""`summarize eval`: run the pipeline on every gold article, score it, aggregate over articles and
repetitions, and gate the overall row against thresholds and a baseline. Paths are explicit; the
defaults are the repository's own (fixtures/gold, eval/), found from the current folder or from the
checkout an editable install points to."""

from __future__ import annotations

import json
import math
import statistics
import time
import tomllib
from pathlib import Path

from summarizer.config import Settings
from summarizer.evaluation.gold import gold_files, load_gold, load_pair, pair_files
from summarizer.evaluation.metrics import METRICS, score, usage_values
from summarizer.evaluation.pair import score_pair
from summarizer.evaluation.report_html import render_html
from summarizer.evaluation.reports import Report, Run, junit, markdown
from summarizer.models import Usage
from summarizer.pipeline import collect, open_client, summarize


def run_eval(settings: Settings, gold_dir: Path, repeat: int = 1, progress=None) -> Report:
    """Every gold article of gold_dir (and every pair of them), `repeat` times; repetitions after the first
    ask the model again, so the spread is real. Article paths in gold files are relative to the project
    root, the folder two levels above gold_dir."""
    root = gold_dir.resolve().parent.parent
    report = Report(model=settings.model, repeat=repeat, runs=[])
    first = open_client(settings)  # one backend: the model loads once for every article and run
    try:
        for k in range(repeat):
            client = first if k == 0 else open_client(settings.model_copy(update={"refresh": True}), first.backend)
            runs = []
            for path in gold_files(gold_dir):
                gold = load_gold(path)
                started = time.perf_counter()
                result = summarize(root / gold.article, settings, client=client, progress=progress)
                runs.append(Run(path.stem, result, score(result, gold), time.perf_counter() - started))
            runs += _pair_runs(runs, gold_dir, settings, client, progress)
            report.runs.append(runs)
    finally:
        first.close()
    _aggregate(report)
    return report


def _pair_runs(runs: list[Run], gold_dir: Path, settings: Settings, client, progress) -> list[Run]:
    """The brief across a pair of articles, scored against the pair's gold; the extraction is the runs' own."""
    out = []
    for path in pair_files(gold_dir):
        pair = load_pair(path)
        by_article = {}
        for article in pair.articles:
            match_ = next((r for r in runs if r.result.document.source.endswith(article)), None)
            if match_ is not None:
                by_article[article] = (match_, load_gold(gold_dir / f"{match_.article}.json"))
        if len(by_article) != len(pair.articles):
            continue
        started = time.perf_counter()
        before = client.usage.model_copy()
        col = collect([r.result for r, _ in by_article.values()], settings, client, progress=progress)
        result_score = score_pair(col, pair, {a: g for a, (_, g) in by_article.items()})
        result_score.values.update(usage_values(_spent(client.usage, before)))  # the brief call alone
        out.append(Run(path.stem, col, result_score, time.perf_counter() - started))
    return out


def _spent(after: Usage, before: Usage) -> Usage:
    return Usage(**{n: getattr(after, n) - getattr(before, n) for n, v in after if isinstance(v, (int, float))})


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
            summed = name in METRICS and METRICS[name].summed
            per.setdefault("overall", {}).setdefault(name, []).append(sum(vs) if summed else sum(vs) / len(vs))
    report.metrics = {a: {m: {"mean": statistics.fmean(vs), "min": min(vs), "max": max(vs), "values": vs}
                          for m, vs in ms.items()} for a, ms in per.items()}


def check(report: Report, thresholds_path: Path | None = None, baseline: dict | None = None) -> None:
    """Gate on the overall row: a metric fails when fewer than k of the n repetitions pass (k = majority)."""
    conf = tomllib.loads(thresholds_path.read_text()) if thresholds_path and thresholds_path.exists() else {}
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
        metric = METRICS.get(name)
        if baseline and name in baseline and (metric is None or metric.gated):
            tol = tolerance.get(name, default_tol)
            base = baseline[name]
            if metric is not None and metric.lower_is_better:
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


def write_reports(report: Report, directory: Path) -> list[Path]:
    """report.json, report.md, junit.xml and report.html in directory."""

    directory.mkdir(parents=True, exist_ok=True)
    data = {"model": report.model, "repeat": report.repeat, "metrics": report.metrics, "checks": report.checks,
            "failures": report.failures,
            "articles": [{"article": r.article, "result": r.result.model_dump(mode="json"),
                          "matches": [[p.id, g.id, round(s, 3)] for p, g, s in r.score.matches],
                          "missed": [g.id for g in r.score.missed], "extra": [p.id for p in r.score.extra]}
                         for r in report.runs[0]]}
    paths = {"report.json": json.dumps(data, indent=2, ensure_ascii=False) + "\n",
             "report.md": markdown(report), "junit.xml": junit(report), "report.html": render_html(report)}
    out = []
    for name, text in paths.items():
        (directory / name).write_text(text, encoding="utf-8")
        out.append(directory / name)
    return out
