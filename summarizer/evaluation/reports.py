"""The evaluation's report: per-article runs and their scores, the aggregate metrics, the gate's checks,
and its text forms (the metrics table, report.md, junit.xml)."""

from __future__ import annotations

from dataclasses import dataclass, field

from summarizer.evaluation.metrics import METRICS, ArticleScore
from summarizer.models import Collection, Result


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


def table_rows(report: Report) -> tuple[list[str], list[list[str]]]:
    """The metrics table as cells: a header (metric, each article, overall) and one row per metric."""
    articles = [a for a in report.metrics if a != "overall"] + ["overall"]
    short = {a: (a.split("_")[1] if a[:2] == "20" else a.split("_")[0]) for a in articles}
    rows = []
    for m in METRICS:
        if m == "model_seconds":
            continue
        cells = [m]
        for a in articles:
            s = report.metrics[a].get(m)
            if s is None:
                cells.append("–")
                continue
            cell = f"{s['mean']:.3f}" if s["mean"] < 100 else f"{s['mean']:.0f}"
            if report.repeat > 1:
                cell += f" ({s['min']:.2f}-{s['max']:.2f})"
            cells.append(cell)
        rows.append(cells)
    return ["metric"] + [short[a] for a in articles], rows


def table(report: Report) -> str:
    """The metrics table in Markdown."""
    head, rows = table_rows(report)
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---|" * (len(head) - 1)]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])


def markdown(report: Report) -> str:
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


def junit(report: Report) -> str:
    from xml.sax.saxutils import escape, quoteattr

    cases = []
    for c in report.checks:
        body = "" if c["passed"] else f'<failure message={quoteattr(c["rule"])}>{escape(str(c["values"]))}</failure>'
        cases.append(f'  <testcase classname="eval.{escape(report.model)}" name={quoteattr(c["metric"] + " " + c["rule"])}>'
                     f"{body}</testcase>")
    failures = sum(not c["passed"] for c in report.checks)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="summarizer-eval" tests="{len(cases)}" '
            f'failures="{failures}">\n' + "\n".join(cases) + "\n</testsuite>\n")
