"""`summarize eval`: run the pipeline on every gold article, score it, aggregate over articles and
repetitions, and gate the overall row against thresholds and a baseline. Paths are explicit; the
defaults are the repository's own (fixtures/gold, eval/), found from the current folder or from the
checkout an editable install points to."""

from __future__ import annotations

import contextlib
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


def _aggregate(report: Report, groups: dict[str, list[str]] | None = None) -> None:
    """Per article, the overall row (every article), and a row per group of articles (thresholds.toml)."""
    per: dict[str, dict[str, list[float]]] = {}
    rows = {"overall": None, **(groups or {})}
    for runs in report.runs:
        for run in runs:
            values = {**run.score.values, "wall_seconds": round(run.wall_seconds, 2)}
            for name, v in values.items():
                per.setdefault(run.article, {}).setdefault(name, []).append(v)
        for row, members in rows.items():
            collected: dict[str, list[float]] = {}
            for run in runs:
                if members is None or run.article in members:
                    for name, v in {**run.score.values, "wall_seconds": round(run.wall_seconds, 2)}.items():
                        collected.setdefault(name, []).append(v)
            for name, vs in collected.items():
                metric = METRICS.get(name)
                value = sum(vs) if metric and metric.summed else min(vs) if metric and metric.least \
                    else sum(vs) / len(vs)
                per.setdefault(row, {}).setdefault(name, []).append(value)
    report.metrics = {a: {m: {"mean": statistics.fmean(vs), "min": min(vs), "max": max(vs), "values": vs}
                          for m, vs in ms.items()} for a, ms in per.items()}


def load_gate(thresholds_path: Path | None) -> dict:
    """thresholds.toml: [min], [max] and [tolerance] gate the overall row; [groups.NAME] (articles = [...],
    with its own min and max) gate the row of those articles alone."""
    return tomllib.loads(thresholds_path.read_text()) if thresholds_path and thresholds_path.exists() else {}


def check(report: Report, thresholds_path: Path | None = None, baseline: dict | None = None) -> None:
    """Gate each gated row: a metric fails when fewer than k of the n repetitions pass (k = majority).
    baseline: {row: {metric: value}} (a flat {metric: value} is the overall row)."""
    conf = load_gate(thresholds_path)
    groups = conf.get("groups", {})
    if groups and any(g not in report.metrics for g in groups):
        _aggregate(report, {name: g.get("articles", []) for name, g in groups.items()})
    tolerance = conf.get("tolerance", {})
    if baseline and not all(isinstance(v, dict) for v in baseline.values()):
        baseline = {"overall": baseline}
    gates = {"overall": conf, **groups}
    need = math.ceil(report.repeat / 2) if report.repeat > 1 else 1
    for row, gate in gates.items():
        if row not in report.metrics:
            continue
        base_row = (baseline or {}).get(row, {})
        for name, stats in report.metrics[row].items():
            for label, ok in _rules(name, gate.get("min", {}), gate.get("max", {}), base_row, tolerance):
                values = stats["values"]
                passed = sum(ok(v) for v in values)
                good = passed >= need
                where = "" if row == "overall" else f" [{row}]"
                report.checks.append({"metric": name + where, "rule": label, "values": values, "passed": good,
                                      "k_of_n": f"{passed}/{len(values)} (need {need})"})
                if not good:
                    report.failures.append(f"{name}{where} = {stats['mean']:.3f} fails {label} in "
                                           f"{len(values) - passed} of {len(values)} runs")


def _rules(name: str, minimum: dict, maximum: dict, base_row: dict, tolerance: dict) -> list:
    rules = []
    if name in minimum:
        rules.append((f">= {minimum[name]} (threshold)", lambda v, t=minimum[name]: v >= t - 1e-9))
    if name in maximum:
        rules.append((f"<= {maximum[name]} (threshold)", lambda v, t=maximum[name]: v <= t + 1e-9))
    metric = METRICS.get(name)
    if name in base_row and (metric is None or metric.gated):
        tol = tolerance.get(name, tolerance.get("default", 0.05))
        base = base_row[name]
        if metric is not None and metric.lower_is_better:
            limit = base * (1 + tol) if base else tol
            rules.append((f"<= {limit:.4g} (baseline {base:.4g} + tolerance)", lambda v, t=limit: v <= t + 1e-9))
        else:
            rules.append((f">= {base - tol:.4g} (baseline {base:.4g} - {tol})", lambda v, t=base - tol: v >= t - 1e-9))
    return rules


def overall_means(report: Report) -> dict[str, dict[str, float]]:
    """The baseline: the mean of every metric of the overall row and of each group row."""
    rows = ["overall"] + [r for r in report.metrics if r not in {run.article for run in report.runs[0]} | {"overall"}]
    return {row: {m: round(s["mean"], 4) for m, s in report.metrics[row].items()} for row in rows}


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


def eval_command(settings: Settings, *, gold: Path | None = None, thresholds: Path | None = None,
                 baseline: Path | None = None, report_dir: Path | None = None, repeat: int = 1,
                 update_baseline: bool = False, progress=None, say=print, show=print) -> None:
    """`summarize eval`: run, score, write the reports (and the baseline when asked; `say` tells where),
    `show` the table, then raise EvalFailed when a metric failed. `progress`: a context manager giving the
    (stage, done, total) callable, e.g. render.progress.StageProgress. Paths default to the repository's
    fixtures/gold and eval/."""
    from summarizer.errors import EvalFailed
    from summarizer.evaluation.gold import project_root
    from summarizer.evaluation.reports import table
    from summarizer.render.output import write_atomic

    root = project_root() if None in (gold, thresholds, baseline, report_dir) else None
    gold, thresholds = gold or root / "fixtures" / "gold", thresholds or root / "eval" / "thresholds.toml"
    baseline, report_dir = baseline or root / "eval" / "baseline.json", report_dir or root / "eval" / "reports"
    with progress or contextlib.nullcontext() as reporter:  # the bar stops before anything else is written
        report = run_eval(settings, gold, repeat=repeat, progress=reporter)
    base = json.loads(baseline.read_text()) if baseline.exists() and not update_baseline else None
    check(report, thresholds, baseline=base)
    for path in write_reports(report, report_dir):
        say(f"wrote {path}")
    show(table(report))
    if update_baseline:
        write_atomic(baseline, json.dumps(overall_means(report), indent=2) + "\n")
        say(f"baseline written to {baseline}")
    if report.failures:
        raise EvalFailed("evaluation failed: " + "; ".join(report.failures))
