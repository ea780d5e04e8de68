"""A self-contained HTML page for `summarize eval`: metrics, then per article each gold claim beside
the prediction it matched (or the miss), and the predictions that matched nothing. No network fetches."""

from __future__ import annotations

from html import escape

from summarizer.analysis.speakers import speaker_label
from summarizer.evaluation.reports import Report, table_rows

CSS = """body{font:15px/1.45 system-ui,sans-serif;margin:1rem auto;max-width:1100px;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.3rem .5rem;
vertical-align:top;text-align:left}th{background:#f3f3f3}.miss{background:#fde8e8}.ok{background:#eaf7ea}
.extra{background:#fff6db}.fail{color:#a00;font-weight:bold}.pass{color:#070;font-weight:bold}
small{color:#555}@media (max-width:700px){td,th{display:block;width:auto}}"""


def _claim(c) -> str:
    who = escape(speaker_label(c))
    hedge = f" · hedged: {escape(', '.join(c.certainty.hedge_words))}" if c.certainty.hedged else ""
    ev = ", ".join(f"{escape(e.sentence_id)} [{e.start}:{e.end}]" for e in c.evidence)
    return f"{escape(c.statement)}<br><small>{who}{hedge} · {ev}</small>"


def render_html(report: Report) -> str:
    status = "<span class=pass>PASS</span>" if not report.failures else "<span class=fail>FAIL</span>"
    parts = [f"<!doctype html><html lang=en><head><meta charset=utf-8><meta name=viewport "
             f"content='width=device-width,initial-scale=1'><title>summarizer eval</title><style>{CSS}</style>"
             f"</head><body><h1>Evaluation {status}</h1><p>Model <code>{escape(report.model)}</code>, "
             f"{report.repeat} run(s).</p>"]
    if report.failures:
        parts.append("<h2>What got worse</h2><ul>" + "".join(f"<li class=fail>{escape(f)}</li>"
                                                           for f in report.failures) + "</ul>")
    head, rows = table_rows(report)
    parts.append("<h2>Metrics</h2><table><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr>")
    for row in rows:
        parts.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>")
    parts.append("</table>")
    for run in report.runs[0]:
        matched = {g.id: (p, s) for p, g, s in run.score.matches}
        parts.append(f"<h2>{escape(run.article)}</h2><table><tr><th>gold</th><th>prediction</th>"
                     "<th>match</th></tr>")
        for g in sorted([m[1] for m in run.score.matches] + run.score.missed, key=lambda g: int(g.id[1:])):
            if g.id in matched:
                p, s = matched[g.id]
                parts.append(f"<tr class=ok><td><b>{g.id}</b> {_claim(g)}</td><td><b>{p.id}</b> {_claim(p)}</td>"
                             f"<td>{s:.2f}</td></tr>")
            else:
                parts.append(f"<tr class=miss><td><b>{g.id}</b> {_claim(g)}</td><td>missed</td><td></td></tr>")
        for p in run.score.extra:
            parts.append(f"<tr class=extra><td>no gold claim</td><td><b>{p.id}</b> {_claim(p)}</td><td></td></tr>")
        parts.append("</table>")
    parts.append("</body></html>\n")
    return "".join(parts)
