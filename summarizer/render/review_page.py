"""`--format html`: one self-contained review page (no network fetch, inline CSS and script): the brief
on top, what changed and the figures over time, a claims table, and the article text(s) with every
evidence sentence highlighted. Clicking a citation or a claim scrolls to its evidence and marks it.
Everything from an article or a model is escaped; nothing is embedded inside the script."""

from __future__ import annotations

from html import escape

from summarizer.analysis.speakers import speaker_label
from summarizer.ingest.document import outlet_of
from summarizer.models import ArticleRef, Claim, Collection, Document, Result

CSS = """
:root{--ink:#1d232b;--muted:#5b6570;--line:#d8dde3;--ev:#fff2b3;--active:#ffb84d;--conflict:#c62828;--bg:#fff}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
main{max-width:72rem;margin:0 auto;padding:1rem 1.25rem 4rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
.meta,.muted{color:var(--muted);font-size:.9rem}
main,p,li,h1,h2,.meta,.article{overflow-wrap:anywhere}
td,th{overflow-wrap:break-word}
.bluf{font-size:1.1rem;background:#f4f7fa;border-left:4px solid #345;padding:.75rem 1rem}
button.cite{font:inherit;font-size:.8rem;border:1px solid #9aa5b1;background:#eef2f6;border-radius:.4rem;
  padding:0 .35rem;margin:0 .1rem;cursor:pointer;white-space:nowrap}
button.cite:hover,button.cite:focus{background:#dde6ee}
.conflict{border-left:4px solid var(--conflict);padding-left:.6rem}
.flag{color:var(--conflict);font-weight:600}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
tr.claim{cursor:pointer}
tr.claim:hover{background:#f6f8fa}
tr.claim.active{background:#ffe7c2}
tr.claim.conflicting td:first-child::after{content:" \\26A0";color:var(--conflict)}
.article{white-space:pre-wrap;font-family:Georgia,serif;font-size:1rem;line-height:1.6;border:1px solid var(--line);
  padding:1rem;border-radius:.4rem;background:#fcfcfa}
mark.ev{background:var(--ev);padding:0 .05rem;cursor:pointer}
mark.ev.conflicting{text-decoration:underline dotted var(--conflict) 2px}
mark.ev.instruction{background:#eee;text-decoration:line-through #999}
mark.ev.active{background:var(--active);outline:2px solid #b36b00}
.removed{color:#999}
@media (max-width:640px){body{font-size:15px}main{padding:.75rem}h1{font-size:1.3rem}
  th:nth-child(n+6),td:nth-child(n+6){display:none}}
"""

SCRIPT = """
(function(){
  function select(id){
    document.querySelectorAll('.active').forEach(function(e){e.classList.remove('active');});
    var marks=[].filter.call(document.querySelectorAll('mark.ev'),function(m){
      return (' '+m.getAttribute('data-claims')+' ').indexOf(' '+id+' ')>=0;});
    marks.forEach(function(m){m.classList.add('active');});
    var row=document.getElementById('claim-'+id); if(row){row.classList.add('active');}
    if(marks.length){marks[0].scrollIntoView({block:'center'});}
    document.body.setAttribute('data-selected',id);
  }
  document.addEventListener('click',function(ev){
    var t=ev.target.closest('[data-claim]');
    if(t){ev.preventDefault();select(t.getAttribute('data-claim'));return;}
    var m=ev.target.closest('mark.ev');
    if(m){var row=document.getElementById('claim-'+m.getAttribute('data-claims').split(' ')[0]);
      if(row){select(m.getAttribute('data-claims').split(' ')[0]);row.scrollIntoView({block:'center'});}}
  });
})();
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _cites(ids: list[str]) -> str:
    return "".join(f'<button class="cite" type="button" data-claim="{_e(i)}">{_e(i)}</button>' for i in ids)


def _article_html(doc: Document, ref: ArticleRef, claims: list[Claim], conflicting: set[str]) -> str:
    """The original text with each evidence sentence in a <mark> naming the claims it supports."""
    by_sentence: dict[tuple[int, int], list[Claim]] = {}
    for c in claims:
        for e in c.evidence:
            by_sentence.setdefault((e.start, e.end), []).append(c)
    out, cursor = [], 0
    for (start, end), cs in sorted(by_sentence.items()):
        if start < cursor:  # overlapping evidence (never from the extractor): keep the text whole
            continue
        out.append(_e(doc.text[cursor:start]))
        classes = ["ev"] + (["conflicting"] if any(c.id in conflicting for c in cs) else []) \
            + (["instruction"] if all(c.kind == "instruction" for c in cs) else [])
        ids = " ".join(c.id for c in cs)
        out.append(f'<mark class="{" ".join(classes)}" id="ev-{_e(ref.id)}-{start}" data-claims="{_e(ids)}" '
                   f'title="{_e(ids)}">{_e(doc.text[start:end])}</mark>')
        cursor = end
    out.append(_e(doc.text[cursor:]))
    return "".join(out)


def review_page(result: Result | Collection) -> str:
    if isinstance(result, Result):
        d = result.document
        refs = [ArticleRef(id="A1", source=d.source, sha256=d.sha256, title=d.title, date=d.date, outlet=outlet_of(d))]
        docs, claims, brief = [d], result.claims, result.brief
        timeline, changes = [], []
    else:
        refs, docs, claims, brief = result.articles, result.documents, result.claims, result.brief
        timeline, changes = result.timeline, result.changes
    conflicting = {i for dis in (brief.disagreements if brief else []) for s in dis.sides for i in s.claims}
    title = brief.title if brief else (refs[0].title or refs[0].source)
    h: list[str] = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
                    '<meta name="viewport" content="width=device-width, initial-scale=1">',
                    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">",
                    f"<title>{_e(title)}</title><style>{CSS}</style></head><body><main>",
                    f'<header><h1 id="title">{_e(title)}</h1>']
    for r in refs:
        h.append(f'<div class="meta">{_e(r.id)}: ' + " · ".join(_e(x) for x in (r.outlet, r.date, r.title, r.source) if x)
                 + "</div>")
    h.append(f'<div class="meta">model {_e(result.model)}</div></header>')
    h.append('<section id="brief">')
    if brief is None:
        h.append('<p class="muted">No brief was written (see the warnings).</p>')
    else:
        h.append(f'<p class="bluf"><strong>Bottom line:</strong> {_e(brief.bottom_line)} {_cites(brief.bottom_line_claims)}</p>')
        h.append("<h2>Key points</h2><ul>" + "".join(f"<li>{_e(p.text)} {_cites(p.claims)}</li>" for p in brief.key_points)
                 + "</ul>")
        h.append('<h2 id="disagreements">Disagreements</h2>')
        if not brief.disagreements:
            h.append('<p class="muted">No disagreement between the sources was found by rule.</p>')
        for dis in brief.disagreements:
            h.append(f'<div class="conflict disagreement"><p><span class="flag">⚠ {_e(dis.topic)}</span></p><ul>')
            h += [f"<li><em>{_e(s.source)}</em>: {_e(s.position)} {_cites(s.claims)}</li>" for s in dis.sides]
            h.append("</ul></div>")
        if brief.open_questions:
            h.append("<h2>Open questions</h2><ul>" + "".join(f"<li>{_e(q)}</li>" for q in brief.open_questions) + "</ul>")
    h.append("</section>")
    if changes:
        h.append('<section id="changes"><h2>What changed</h2><ul>')
        h += [f"<li><strong>{_e(c.kind)}</strong> {_e(c.text)} {_cites(c.before + c.after)}</li>" for c in changes]
        h.append("</ul></section>")
    if timeline:
        h.append('<section id="timeline"><h2>Figures over time</h2><div class="scroll"><table><thead><tr><th>quantity</th>'
                 "<th>figure</th><th>source</th><th>outlet</th><th>date</th><th>claim</th></tr></thead><tbody>")
        for g in timeline:
            for n, e in enumerate(g.entries):
                label = (_e(g.quantity) + (' <span class="flag">⚠ differs</span>' if g.differs else "")) if n == 0 else ""
                h.append(f"<tr><td>{label}</td><td>{_e(e.text)}</td><td>{_e(e.source)}</td><td>{_e(e.outlet or '')}</td>"
                         f"<td>{_e(e.date or '')}</td><td>{_cites([e.claim])}</td></tr>")
        h.append("</tbody></table></div></section>")
    h.append('<section id="claims"><h2>Claims</h2><div class="scroll"><table><thead><tr><th>id</th><th>statement</th>'
             "<th>speaker</th><th>certainty</th><th>figures</th><th>kind</th><th>evidence</th></tr></thead><tbody>")
    for c in claims:
        cls = "claim" + (" conflicting" if c.id in conflicting else "")
        cert = "asserted" if not c.certainty.hedged else f"{c.certainty.level} ({', '.join(c.certainty.hedge_words)})"
        figures = ", ".join(q.text for q in c.quantities)
        where = ", ".join(e.sentence_id for e in c.evidence)
        h.append(f'<tr class="{cls}" id="claim-{_e(c.id)}" data-claim="{_e(c.id)}"><td>{_e(c.id)}</td><td>{_e(c.statement)}</td>'
                 f"<td>{_e(speaker_label(c, detail=True))}</td><td>{_e(cert)}</td><td>{_e(figures)}</td><td>{_e(c.kind)}</td>"
                 f"<td>{_e((c.article or 'A1') + ' ' + where)}</td></tr>")
    h.append("</tbody></table></div></section>")
    h.append('<section id="articles">')
    for ref, doc in zip(refs, docs):
        mine = [c for c in claims if (c.article or "A1") == ref.id]
        h.append(f'<h2>{_e(ref.id)}: {_e(doc.title or doc.source)}</h2>'
                 f'<div class="article" id="text-{_e(ref.id)}">{_article_html(doc, ref, mine, conflicting)}</div>')
    h.append("</section>")
    if result.warnings:
        h.append('<section id="warnings"><h2>Warnings</h2><ul>'
                 + "".join(f"<li>{_e(w.stage)}: {_e(w.message)}</li>" for w in result.warnings) + "</ul></section>")
    h.append(f"</main><script>{SCRIPT}</script></body></html>\n")
    return "\n".join(h)
