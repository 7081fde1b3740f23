"""The report's script (inlined; hashed into the page's Content-Security-Policy).

It reads the data from ``<script type="application/json">`` blocks and builds every node with
``textContent`` / ``createElement``; nothing from the data ever reaches ``innerHTML``. Documents are
rendered one at a time and the list grows as it scrolls, so 5,000 x 3 stays responsive.

Risk of a document = the largest, over the shown systems, of
``(flags not dismissed) + (1 - fact precision) + (1 - faithfulness)`` (unscored terms count 0).

Sentences are shaded when their verdict is "contradicted" or "not found" (the offline backend's
sentence verdicts, issue 26), or, without a verdict, below ``meta.low``, the faithfulness metric's own
label threshold (the rule of ``sumcheck.report.payload.flagged_sentence``); each sentence's title and
list row give its verdict word and reason; in review mode each shaded sentence can be confirmed or
dismissed like a flag. The open document always belongs to
the filtered list: when a filter drops it, the first listed document opens, so the header's
position and the list's count describe the same list.
"""

JS = r"""
(function(){
'use strict';
const D = JSON.parse(document.getElementById('sumcheck-data').textContent);
const C = JSON.parse(document.getElementById('sumcheck-config').textContent);
const REVIEW = C.mode === 'review';
const $ = (id) => document.getElementById(id);
const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = String(text); return e; };
const fmt = (v) => v == null ? 'n/a' : Number(v).toFixed(2);
const reviews = Object.assign({}, D.reviews || {});
const docIndex = new Map(D.docs.map((d, i) => [d.id, i]));
const state = {sys: new Set(D.systems.map((_, i) => i)), kinds: new Set(D.kinds.map((_, i) => i)),
  onlyFlagged: false, review: 'any', sort: 'input', q: '', list: [], shown: 0, cur: -1, flag: null, flagEls: []};

function verdictOf(fid){ const r = reviews[fid]; return r ? r.v : null; }
function rowRisk(row){
  if (!row) return 0;
  let n = 0; for (const f of row.fl) if (verdictOf(f.id) !== 'dismiss') n++;
  return n + (row.fp == null ? 0 : 1 - row.fp) + (row.fa == null ? 0 : 1 - row.fa);
}
function docStats(d){
  let risk = 0, flags = 0, match = state.review === 'any';
  d.r.forEach((row, s) => {
    if (!row || !state.sys.has(s)) return;
    risk = Math.max(risk, rowRisk(row));
    for (const f of row.fl) {
      if (!state.kinds.has(f.k)) continue;
      const v = verdictOf(f.id);
      if (v !== 'dismiss') flags++;
      if (state.review === 'unreviewed' && !v) match = true;
      if (state.review === v) match = true;
    }
  });
  return {risk, flags, match};
}
function minFaith(d){ let m = 2; d.r.forEach((row, s) => { if (row && state.sys.has(s) && row.fa != null) m = Math.min(m, row.fa); }); return m; }

function applyFilters(){
  const q = state.q.toLowerCase(); const out = [];
  D.docs.forEach((d, i) => {
    if (q && d.id.toLowerCase().indexOf(q) < 0) return;
    const st = docStats(d);
    if (state.onlyFlagged && st.flags === 0) return;
    if (!st.match) return;
    out.push({i, risk: st.risk, flags: st.flags});
  });
  if (state.sort === 'risk') out.sort((a, b) => b.risk - a.risk || a.i - b.i);
  else if (state.sort === 'flags') out.sort((a, b) => b.flags - a.flags || a.i - b.i);
  else if (state.sort === 'faith') out.sort((a, b) => minFaith(D.docs[a.i]) - minFaith(D.docs[b.i]) || a.i - b.i);
  state.list = out; state.shown = 0;
  const list = $('list'); list.replaceChildren();
  $('count').textContent = out.length + ' of ' + D.docs.length + ' documents';
  growList();
}
const RISK_TITLE = 'risk score: open flags + (1 - fact precision) + (1 - faithfulness), for the worst shown system';
function growList(){
  const list = $('list'); const end = Math.min(state.list.length, state.shown + 200);
  const frag = document.createDocumentFragment();
  for (let k = state.shown; k < end; k++) {
    const it = state.list[k]; const li = el('li'); li.dataset.i = it.i;
    li.appendChild(el('span', 'rk', 'risk ' + it.risk.toFixed(1))).title = RISK_TITLE;
    li.appendChild(el('span', 'lid', D.docs[it.i].id)).title = D.docs[it.i].id;
    if (it.flags) li.appendChild(el('span', 'nf', it.flags));
    if (it.i === state.cur) li.classList.add('sel');
    frag.appendChild(li);
  }
  list.appendChild(frag); state.shown = end;
}

function updateListItem(i){
  const li = document.querySelector('#list li[data-i="' + i + '"]'); if (!li) return;
  const st = docStats(D.docs[i]); li.querySelector('.rk').textContent = 'risk ' + st.risk.toFixed(1);
  let nf = li.querySelector('.nf'); if (!nf) { nf = el('span', 'nf'); li.appendChild(nf); }
  nf.textContent = st.flags; nf.classList.toggle('hidden', !st.flags);
}
function segments(len, spans){
  const cuts = new Set([0, len]);
  for (const s of spans) { cuts.add(Math.max(0, Math.min(len, s.a))); cuts.add(Math.max(0, Math.min(len, s.b))); }
  const pts = Array.from(cuts).sort((x, y) => x - y); const segs = [];
  for (let k = 0; k + 1 < pts.length; k++) {
    const a = pts[k], b = pts[k + 1]; if (a === b) continue;
    segs.push({a, b, on: spans.filter((s) => s.a <= a && s.b >= b && s.a < s.b)});
  }
  return segs;
}
function paint(container, text, spans, registry, makeMark){
  const frag = document.createDocumentFragment();
  for (const seg of segments(text.length, spans)) {
    const t = text.slice(seg.a, seg.b);
    if (!seg.on.length) { frag.appendChild(document.createTextNode(t)); continue; }
    const flag = seg.on.find((s) => s.flag);
    const node = flag ? makeMark(flag.flag, t) : el('span', null, t);
    for (const s of seg.on) { if (s.cls) node.classList.add(...s.cls.split(' ')); if (s.title && !flag) node.title = s.title;
      if (s.ref && !flag) node.dataset.ref = s.ref;
      if (s.sid && !flag) node.dataset.sid = s.sid;
      if (s.key) { if (!registry.has(s.key)) registry.set(s.key, []); registry.get(s.key).push(node); } }
    frag.appendChild(node);
  }
  container.replaceChildren(frag);
}

let srcReg = new Map(); let flagIndex = new Map();
function showDoc(i, fid){
  if (i < 0 || i >= D.docs.length) return;
  const d = D.docs[i]; state.cur = i; state.flag = null;
  document.querySelectorAll('#list li.sel').forEach((n) => n.classList.remove('sel'));
  const k = state.list.findIndex((x) => x.i === i);
  while (k >= state.shown && state.shown < state.list.length) growList();
  const li = document.querySelector('#list li[data-i="' + i + '"]'); if (li) { li.classList.add('sel'); li.scrollIntoView({block: 'nearest'}); }
  $('docid').textContent = d.id; $('docid').title = d.id;
  $('docpos').textContent = k >= 0 ? 'document ' + (k + 1) + ' of ' + state.list.length + ' in the list'
    : 'not in the filtered list (document ' + (i + 1) + ' of ' + D.docs.length + ')';
  const cut = $('cutnote'); cut.classList.toggle('hidden', d.cut == null);
  cut.textContent = d.cut == null ? '' : 'This document was cut to its first ' + d.cut[0] + ' of ' + d.cut[1]
    + ' characters before it was summarised and scored (max_document_chars); nothing after the cut was seen.';
  const srcSpans = []; flagIndex = new Map(); state.flagEls = [];
  d.r.forEach((row, s) => {
    if (!row || !state.sys.has(s)) return;
    row.it.forEach((it, j) => it[4].forEach((e, m) => srcSpans.push({a: e[0], b: e[1], cls: 'ev-ok', key: 'i' + s + '_' + j + '_' + m, title: 'evidence for ' + D.systems[s]})));
    row.fl.forEach((f) => {
      const title = (f.lb === 'contradicted' ? 'source text contradicted by the summary of ' : 'nearest evidence for a flag in ') + D.systems[s];
      f.ev.forEach((e, m) => srcSpans.push({a: e[0], b: e[1], cls: 'ev-flag', key: 'f' + f.id + '_' + m, title}));
      if (f.nr) srcSpans.push({a: f.nr[0], b: f.nr[1], cls: '', key: 'n' + f.id});
    });
    row.se.forEach((x, j) => { if (x[3] != null && x[4] != null) srcSpans.push({a: x[3], b: x[4], cls: '', key: 's' + s + '_' + j}); });
  });
  srcReg = new Map();
  paint($('srctext'), d.t, srcSpans, srcReg, null);
  const box = $('summaries'); box.replaceChildren(el('p', 'pane-title', 'Summaries'));
  if (d.ref != null) { const rc = el('div', 'card ref'); rc.dataset.system = 'reference';
    const h = el('h3'); h.appendChild(el('span', null, 'Reference summary')); rc.appendChild(h);
    rc.appendChild(el('div', 'sum', d.ref)); box.appendChild(rc); }
  d.r.forEach((row, s) => { if (state.sys.has(s)) box.appendChild(card(d, row, s)); });
  $('source').scrollTop = 0; box.scrollTop = 0;
  const want = '#doc=' + encodeURIComponent(d.id);
  if (location.hash !== want && !(fid && location.hash.indexOf(want + '&') === 0)) history.replaceState(null, '', want);
  if (fid && flagIndex.has(fid)) activate(fid, true);
}
function card(d, row, s){
  const c = el('div', 'card'); c.dataset.system = D.systems[s];
  const h = el('h3'); h.appendChild(el('span', null, D.systems[s]));
  if (!row) { c.appendChild(h); c.appendChild(el('div', 'unscored', 'no summary from this system for this document')); return c; }
  h.appendChild(el('span', 'badge', 'fact precision ' + fmt(row.fp))).title = row.fp == null ? (row.fr || 'unscored') : 'share of checked numbers and entities supported by the source';
  h.appendChild(el('span', 'badge', 'faithfulness ' + fmt(row.fa) + (row.lab ? ' (' + row.lab + ')' : ''))).title = row.fa == null ? (row.far || 'unscored') : 'faithfulness score';
  c.appendChild(h);
  const sum = el('div', 'sum');
  const spans = [];
  const lows = [];
  row.se.forEach((x, j) => { const low = flaggedSentence(x); if (low) lows.push(x);
    const v = low ? verdictOf(x[5]) : null;
    spans.push({a: x[0], b: x[1], cls: low ? 'lowf' + (v ? ' ' + v : '') : 'sent', ref: x[3] != null ? 's' + s + '_' + j : null,
      sid: low ? x[5] : null,
      title: (x[6] ? x[6] + (x[7] ? ': ' + x[7] : '') + '; ' : '') + 'sentence faithfulness ' + fmt(x[2])
        + (x[6] == null && low ? ' (below the threshold ' + fmt3(D.meta.low) + ')' : '')
        + (x[3] != null ? ' (click to see its best-aligned source passage)' : '')}); });
  row.it.forEach((it) => spans.push({a: it[1], b: it[2], cls: 'chk', title: D.kinds[it[0]] + ': ' + it[3]}));
  const active = row.fl.filter((f) => state.kinds.has(f.k));
  active.forEach((f) => spans.push({a: f.a, b: f.b, flag: f, cls: ''}));
  const reg = new Map();
  paint(sum, row.s || '', spans, reg, (f, t) => {
    const m = el('mark', 'flag', t); m.dataset.fid = f.id; m.dataset.sys = s; m.dataset.kind = D.kinds[f.k];
    m.style.setProperty('--kc', D.kc[f.k]);
    if (!flagIndex.has(f.id) || !flagIndex.get(f.id).mark) { m.tabIndex = 0; }
    const v = verdictOf(f.id); if (v) m.classList.add(v);
    const rec = flagIndex.get(f.id) || {f, s, marks: []}; rec.marks.push(m); if (!rec.mark) rec.mark = m; flagIndex.set(f.id, rec);
    return m;
  });
  if (!row.s) sum.appendChild(el('span', 'unscored', 'empty summary'));
  c.appendChild(sum);
  if (row.fp == null && row.fr) c.appendChild(el('div', 'unscored', 'fact-check: ' + row.fr));
  if (row.fa == null && row.far) c.appendChild(el('div', 'unscored', 'faithfulness: ' + row.far));
  if (active.length) {
    const ul = el('ul', 'flags');
    active.forEach((f) => { const li = flagRow(f, s); ul.appendChild(li); const rec = flagIndex.get(f.id); if (rec) { rec.li = li; state.flagEls.push(f.id); } });
    c.appendChild(ul);
  }
  if (lows.length) {
    const ul = el('ul', 'flags sents');
    lows.forEach((x) => ul.appendChild(sentRow(row, x)));
    c.appendChild(ul);
  }
  return c;
}
function fmt3(v){ return Number(v).toFixed(3); }
function flaggedSentence(x){ return x[6] != null ? (x[6] === 'contradicted' || x[6] === 'not found') : (x[2] != null && x[2] < D.meta.low); }
function verdictButtons(fid, what){
  const cm = el('input'); cm.type = 'text'; cm.placeholder = 'comment (optional)'; cm.maxLength = 2000;
  const b1 = el('button', 'confirm', 'Confirm'); b1.title = what[0];
  const b2 = el('button', 'dismiss', 'Dismiss'); b2.title = what[1];
  b1.addEventListener('click', () => save(fid, 'confirm', cm.value));
  b2.addEventListener('click', () => save(fid, 'dismiss', cm.value));
  const act = el('span', 'actions'); act.append(b1, b2, cm); return act;
}
function sentRow(row, x){
  const li = el('li', 'sentrow'); li.dataset.fid = x[5];
  li.appendChild(el('span', 'kind lowf', (x[6] || 'low faithfulness') + ' ' + fmt(x[2])));
  li.appendChild(el('span', 'ftext', row.s.slice(x[0], x[1])));
  li.appendChild(el('span', 'state'));
  if (x[7]) li.appendChild(el('span', 'reason', x[7]));
  if (REVIEW) li.appendChild(verdictButtons(x[5], ['the sentence is not supported by the source', 'the sentence is supported: a false alarm']));
  paintState(x[5], li);
  return li;
}
function flagRow(f, s){
  const li = el('li'); li.dataset.fid = f.id;
  const kd = el('span', 'kind', D.kinds[f.k] + (f.lb ? ' \u00b7 ' + f.lb : '')); kd.style.setProperty('--kc', D.kc[f.k]); li.appendChild(kd);
  const t = el('a', 'ftext', f.x); t.href = '#'; t.addEventListener('click', (e) => { e.preventDefault(); activate(f.id, true); }); li.appendChild(t);
  const st = el('span', 'state'); li.appendChild(st);
  li.appendChild(el('span', 'reason', D.reasons[f.r]));
  if (REVIEW) li.appendChild(verdictButtons(f.id, ['a real hallucination (c)', 'a false alarm (x)']));
  paintState(f.id, li);
  return li;
}
function paintState(fid, li){
  const r = reviews[fid]; const st = li.querySelector('.state');
  st.className = 'state' + (r ? ' ' + r.v : '');
  st.textContent = r ? (r.v === 'dismiss' ? 'dismissed' : 'confirmed') + ' by ' + r.who + (r.c ? ': ' + r.c : '') : 'not reviewed';
  li.querySelectorAll('button').forEach((b) => b.classList.toggle('on', !!r && b.classList.contains(r.v)));
  const rec = flagIndex.get(fid);
  if (rec) for (const m of rec.marks) { m.classList.remove('confirm', 'dismiss'); if (r) m.classList.add(r.v); }
  document.querySelectorAll('#summaries [data-sid="' + fid + '"]').forEach((n) => { n.classList.remove('confirm', 'dismiss'); if (r) n.classList.add(r.v); });
}

function clearHighlight(){ document.querySelectorAll('.hl').forEach((n) => n.classList.remove('hl', 'nearhl')); document.querySelectorAll('.cur').forEach((n) => n.classList.remove('cur')); }
function activate(fid, scroll, focusMark){
  const rec = flagIndex.get(fid); if (!rec) return;
  clearHighlight(); state.flag = fid;
  rec.marks.forEach((m) => m.classList.add('cur')); if (rec.li) rec.li.classList.add('cur');
  let first = null;
  rec.f.ev.forEach((_, m) => (srcReg.get('f' + fid + '_' + m) || []).forEach((n) => { n.classList.add('hl'); first = first || n; }));
  if (!first && rec.f.nr) { (srcReg.get('n' + fid) || []).forEach((n) => { n.classList.add('hl', 'nearhl'); first = first || n; }); }
  if (first) first.scrollIntoView({block: 'center', behavior: 'auto'});
  if (scroll !== false) rec.mark.scrollIntoView({block: 'nearest'});
  if (focusMark !== false) rec.mark.focus({preventScroll: true});
  showTip(rec.mark, fid);
  const want = '#doc=' + encodeURIComponent(D.docs[state.cur].id) + '&flag=' + fid;
  if (location.hash !== want) history.replaceState(null, '', want);
}
function tipText(fid){
  const rec = flagIndex.get(fid); const f = rec.f; const d = D.docs[state.cur];
  const near = !f.ev.length && !!f.nr; const found = near && (srcReg.get('n' + fid) || []).length > 0;
  const lines = [D.kinds[f.k] + (f.lb ? ' (' + f.lb + ')' : '') + ' "' + f.x + '" in ' + D.systems[rec.s], D.reasons[f.r]];
  if (f.ev.length) lines.push('source: "' + f.ev.map((e) => d.t.slice(e[0], e[1])).join('", "') + '"');
  else if (near && found) lines.push('no supporting span; nearest source sentence highlighted');
  else lines.push('nothing similar found in the source');
  const r = reviews[fid]; if (r) lines.push((r.v === 'dismiss' ? 'dismissed' : 'confirmed') + ' by ' + r.who + ' ' + r.at + (r.c ? ': ' + r.c : ''));
  return lines.join('\n');
}
function showTip(node, fid){
  const tip = $('tip'); tip.textContent = tipText(fid); tip.style.display = 'block';
  const r = node.getBoundingClientRect(); const h = tip.offsetHeight;
  tip.style.left = Math.max(4, Math.min(window.innerWidth - 390, r.left)) + 'px';
  tip.style.top = (r.top - h - 6 > 48 ? r.top - h - 6 : Math.min(window.innerHeight - h - 4, r.bottom + 6)) + 'px';
}
function hideTip(){ $('tip').style.display = 'none'; }

function stepFlag(dir){
  const ids = state.flagEls.filter((fid) => verdictOf(fid) !== 'dismiss' || state.review === 'dismiss');
  const pos = ids.indexOf(state.flag);
  const next = pos < 0 ? (dir > 0 ? 0 : ids.length - 1) : pos + dir;
  if (next >= 0 && next < ids.length) { activate(ids[next], true); return; }
  let k = state.list.findIndex((x) => x.i === state.cur);
  for (k += dir; k >= 0 && k < state.list.length; k += dir) {
    if (state.list[k].flags > 0) { showDoc(state.list[k].i); const ids2 = state.flagEls.filter((fid) => verdictOf(fid) !== 'dismiss');
      if (ids2.length) activate(dir > 0 ? ids2[0] : ids2[ids2.length - 1], true); return; }
  }
  toast(dir > 0 ? 'no further flags' : 'no earlier flags');
}
function stepDoc(dir){
  let k = state.list.findIndex((x) => x.i === state.cur) + dir;
  if (k >= 0 && k < state.list.length) showDoc(state.list[k].i);
}
function toast(msg){ const t = $('toast'); t.textContent = msg; t.style.display = 'block'; clearTimeout(toast.t); toast.t = setTimeout(() => { t.style.display = 'none'; }, 1800); }

async function save(fid, verdict, comment){
  const who = ($('reviewer').value || '').trim();
  if (!who) { toast('enter a reviewer name first'); $('reviewer').focus(); return; }
  try {
    const res = await fetch('api/review', {method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({flag_id: fid, verdict: verdict, comment: comment || '', reviewer: who})});
    if (!res.ok) { toast('not saved: ' + res.status + ' ' + (await res.text()).slice(0, 120)); return; }
    const row = await res.json();
    reviews[fid] = {v: row.verdict, who: row.reviewer, at: row.time, c: row.comment};
    document.querySelectorAll('#summaries li[data-fid="' + fid + '"]').forEach((li) => paintState(fid, li));
    updateListItem(state.cur);
    toast(verdict === 'dismiss' ? 'dismissed' : 'confirmed');
    const rec = flagIndex.get(fid); if (rec && state.flag === fid) showTip(rec.mark, fid);
  } catch (e) { toast('not saved: ' + e); }
}
async function loadReviews(){
  if (!REVIEW) return;
  try { const res = await fetch('api/reviews', {cache: 'no-store'}); if (res.ok) { const r = await res.json(); for (const k in r) reviews[k] = r[k]; } } catch (e) { toast('could not load reviews'); }
}

function route(){
  const h = location.hash;
  if (h.indexOf('#doc=') === 0) {
    const rest = h.slice(5); const amp = rest.indexOf('&flag=');
    const id = decodeURIComponent(amp < 0 ? rest : rest.slice(0, amp)); const fid = amp < 0 ? null : rest.slice(amp + 6);
    tab('docs'); const i = docIndex.get(id); if (i != null && (i !== state.cur || fid)) showDoc(i, fid);
    else if (i == null) toast('no document with that id');
  } else if (h === '#documents') { tab('docs'); if (state.cur < 0 && state.list.length) showDoc(state.list[0].i); }
  else tab('overview');
}
function tab(name){
  $('overview').classList.toggle('hidden', name !== 'overview'); $('docs').classList.toggle('hidden', name !== 'docs');
  $('tab-overview').classList.toggle('active', name === 'overview'); $('tab-docs').classList.toggle('active', name === 'docs');
}
function buildFilters(){
  const sys = $('f-sys'); D.systems.forEach((name, s) => { const l = el('label'); const c = el('input'); c.type = 'checkbox'; c.checked = true;
    c.addEventListener('change', () => { c.checked ? state.sys.add(s) : state.sys.delete(s); refresh(); }); l.append(c, ' ' + name); sys.appendChild(l); });
  const kinds = $('f-kind'); D.kinds.forEach((name, k) => { const l = el('label'); const c = el('input'); c.type = 'checkbox'; c.checked = true;
    c.addEventListener('change', () => { c.checked ? state.kinds.add(k) : state.kinds.delete(k); refresh(); });
    const sw = el('span', 'swatch'); sw.style.setProperty('--kc', D.kc[k]); l.append(c, ' ', sw, name); kinds.appendChild(l); });
  if (!D.kinds.length) kinds.appendChild(el('span', 'muted', 'no flags in this run'));
  $('f-flagged').addEventListener('change', (e) => { state.onlyFlagged = e.target.checked; refresh(); });
  $('f-review').addEventListener('change', (e) => { state.review = e.target.value; refresh(); });
  $('f-sort').addEventListener('change', (e) => { state.sort = e.target.value; refresh(); });
  $('f-q').addEventListener('input', (e) => { state.q = e.target.value; refresh(); });
}
function refresh(){
  applyFilters();
  if (state.cur < 0) return;
  if (state.list.some((x) => x.i === state.cur)) showDoc(state.cur);
  else if (state.list.length) showDoc(state.list[0].i);
  else clearDoc();
}
function clearDoc(){
  state.cur = -1; state.flag = null; hideTip();
  $('docid').textContent = 'no document matches the filters'; $('docpos').textContent = '';
  $('cutnote').classList.add('hidden'); $('srctext').replaceChildren(); $('summaries').replaceChildren();
  history.replaceState(null, '', '#documents');
}

function wire(){
  $('list').addEventListener('click', (e) => { const li = e.target.closest('li'); if (li) { location.hash = '#doc=' + encodeURIComponent(D.docs[+li.dataset.i].id); } });
  $('list').addEventListener('scroll', () => { const l = $('list'); if (l.scrollTop + l.clientHeight > l.scrollHeight - 300 && state.shown < state.list.length) growList(); });
  const sums = $('summaries');
  sums.addEventListener('click', (e) => { const m = e.target.closest('mark.flag'); if (m) { activate(m.dataset.fid, true); return; }
    const r = e.target.closest('[data-ref]'); if (!r) return;
    clearHighlight(); hideTip(); state.flag = null; let first = null;
    (srcReg.get(r.dataset.ref) || []).forEach((n) => { n.classList.add('hl', 'nearhl'); first = first || n; });
    if (first) first.scrollIntoView({block: 'center'}); });
  sums.addEventListener('mouseover', (e) => { const m = e.target.closest('mark.flag'); if (m) showTip(m, m.dataset.fid); });
  sums.addEventListener('mouseout', (e) => { if (!e.target.closest('mark.flag')) return;
    const rec = state.flag && flagIndex.get(state.flag); if (rec) showTip(rec.mark, state.flag); else hideTip(); });
  sums.addEventListener('focusin', (e) => { const m = e.target.closest('mark.flag'); if (m && state.flag !== m.dataset.fid) activate(m.dataset.fid, false, false); });
  sums.addEventListener('keydown', (e) => { const m = e.target.closest('mark.flag'); if (m && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); activate(m.dataset.fid, true); } });
  $('prev').addEventListener('click', () => stepDoc(-1)); $('next').addEventListener('click', () => stepDoc(1));
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target; if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA')) { if (e.key === 'Escape') t.blur(); return; }
    if (e.key === 'j') stepFlag(1); else if (e.key === 'k') stepFlag(-1);
    else if (e.key === 'n' || e.key === ']') stepDoc(1); else if (e.key === 'p' || e.key === '[') stepDoc(-1);
    else if (e.key === 'Escape') { clearHighlight(); hideTip(); state.flag = null; }
    else if (e.key === '/') { e.preventDefault(); tab('docs'); $('f-q').focus(); }
    else if (e.key === 'o') location.hash = '#overview';
    else if (REVIEW && state.flag && (e.key === 'c' || e.key === 'x')) save(state.flag, e.key === 'c' ? 'confirm' : 'dismiss', '');
    else return;
    e.preventDefault();
  });
  window.addEventListener('hashchange', route);
  $('source').addEventListener('scroll', () => { if (!state.flag) hideTip(); });
}

async function main(){
  if (REVIEW && location.search) history.replaceState(null, '', location.pathname + location.hash);  // the token leaves the address bar
  if (REVIEW) { $('mode').classList.remove('hidden'); $('who').classList.remove('hidden'); $('reviewer').value = C.reviewer || ''; $('reviewer').readOnly = !!C.reviewer_fixed; }
  buildFilters(); wire(); await loadReviews(); applyFilters(); route();
  document.body.dataset.ready = '1';
}
main();
})();
"""
