'use strict';
// The review page: the document with every change inline, decided one by one, by rule, with keys.
// Every node holding document text is made with textContent; nothing of the document is parsed as HTML.
(function () {
  const data = JSON.parse(document.getElementById('review-data').textContent);
  const STATES = ['accepted', 'rejected', 'pending'];
  const CHUNK = 3000;                     // characters of text per lazily rendered block
  const filter = { rule: '', kind: 'all', decision: 'all', show: 'both' };  // the same for every document
  const $ = id => document.getElementById(id);
  const docView = $('document');
  const several = data.documents.length > 1;
  // each document: its decisions file (downloaded with each decision filled in), the original text, its
  // changes (in document order, disjoint: a run with the unsafe fixes applied) with their [start, end] in
  // UTF-16 units, its flags (start and end in UTF-16 units), its decisions and undo steps; what shows it
  // (items, blocks, widgets, the rule table) is made when it is first shown
  const docs = data.documents.map(d => {
    const changes = d.decisions.changes;
    const initial = changes.map(c => c.decision);
    const S = { doc: d.decisions, text: d.text, changes, spans: d.spans, flags: d.flags, codec: d.codec,
      store: 'transclean-review:' + d.decisions.digest, initial, decision: initial.slice(),
      history: [], current: -1, scroll: 0, built: false };
    restore(S);
    return S;
  });
  let S = null;                           // the document shown

  function el(tag, cls, content) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (content != null) e.textContent = content;
    return e;
  }

  // ---- decisions kept in this browser, by each document's digest
  function restore(D) {
    let saved = null;
    try { saved = JSON.parse(localStorage.getItem(D.store) || 'null'); } catch (e) { return; }
    if (!saved || typeof saved.decisions !== 'object' || saved.decisions === null) return;
    D.changes.forEach((c, i) => {
      const d = saved.decisions[c.id];
      if (STATES.includes(d)) D.decision[i] = d;
    });
  }
  function save() {
    const changed = {};
    S.changes.forEach((c, i) => { if (S.decision[i] !== S.initial[i]) changed[c.id] = S.decision[i]; });
    try { localStorage.setItem(S.store, JSON.stringify({ decisions: changed })); } catch (e) { /* storage off: decisions last this visit */ }
  }

  // ---- what is shown
  function ruleMatches(rule, wanted) {
    // a rule id, or a prefix of one; a change two rules made (a.x+b.y) matches either
    return !wanted || rule === wanted || rule.split('+').some(r => r === wanted || r.startsWith(wanted + '.'));
  }
  function shown(item) {
    if (item.kind === 'change') {
      const c = S.changes[item.i];
      return filter.show !== 'flags' && ruleMatches(c.rule, filter.rule)
        && (filter.kind === 'all' || (filter.kind === 'safe') === c.safe)
        && (filter.decision === 'all' || S.decision[item.i] === filter.decision);
    }
    // a flag is no fix, safe or unsafe, and has no decision: a filter on those leaves it out
    return filter.show !== 'changes' && ruleMatches(S.flags[item.i].rule, filter.rule)
      && filter.kind === 'all' && filter.decision === 'all';
  }
  function listItems(D) {
    // changes and flags in document order: what n and p move over
    const items = [];
    D.changes.forEach((c, i) => items.push({ kind: 'change', i, at: D.spans[i][0] }));
    D.flags.forEach((f, i) => items.push({ kind: 'flag', i, at: f.start }));
    items.sort((a, b) => a.at - b.at || (a.kind === b.kind ? a.i - b.i : a.kind === 'change' ? -1 : 1));
    D.items = items;
    D.itemOf = { change: new Map(), flag: new Map() };
    items.forEach((item, n) => D.itemOf[item.kind].set(item.i, n));
  }

  // ---- the document, split in blocks at line ends (never inside a change), each rendered when near the view
  function split(D) {
    const { text, spans, flags } = D;
    const chunks = D.chunks = [];
    D.chunkOfChange = new Array(spans.length);
    let start = 0, c = 0;
    const lineEnd = p => { const nl = text.indexOf('\n', p); return nl < 0 ? text.length : nl + 1; };
    while (start < text.length) {
      let end = start + CHUNK >= text.length ? text.length : lineEnd(start + CHUNK);
      const first = c;
      while (c < spans.length && (spans[c][0] < end || end === text.length)) {
        if (spans[c][1] > end) end = lineEnd(spans[c][1]);
        D.chunkOfChange[c] = chunks.length;
        c++;
      }
      chunks.push({ start, end, first, last: c, flags: [], node: null, filled: false });
      start = end;
    }
    flags.forEach((f, i) => {
      for (let k = chunkAt(D, f.start); k < chunks.length && (chunks[k].start < f.end || k === chunkAt(D, f.start)); k++) {
        chunks[k].flags.push(i);
      }
    });
  }
  function chunkAt(D, pos) {
    let lo = 0, hi = D.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (D.chunks[mid].start <= pos) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;
  const code = ch => '\u2039U+' + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0') + '\u203a';

  function appendText(parent, s) {
    // document text as it reads; controls and bidirectional marks shown as their code points
    s = s.replace(/\r\n/g, '\n');
    let last = 0;
    for (const m of s.matchAll(INVISIBLE)) {
      if (m.index > last) parent.append(s.slice(last, m.index));
      parent.append(el('span', 'ctl', code(m[0])));
      last = m.index + 1;
    }
    if (last < s.length) parent.append(s.slice(last));
  }
  function visible(s) {
    // a change's before or after, with its spaces, line ends and invisible characters made visible
    return s.replace(/\r/g, '').replace(/ /g, '\u2423').replace(/\n/g, '\u21b5').replace(/\t/g, '\u21e5')
      .replace(/[\u00a0\u202f]/g, '\u237d').replace(INVISIBLE, code);
  }

  function widget(i) {
    const c = S.changes[i];
    const w = el('span', 'chg ' + (c.safe ? 'safe' : 'unsafe'));
    w.dataset.i = i;
    w.title = c.rule + (c.safe ? ' (safe): ' : ' (unsafe): ') + c.message;
    w.append(el('del', null, visible(c.before)), el('span', 'arrow', '\u2192'), el('ins', null, visible(c.after)),
      el('span', 'rule', c.rule));
    if ((c.before + c.after).includes('\n')) w.append('\n');
    S.widgets.set(i, w);
    paintChange(i);
    return w;
  }
  function plain(parent, a, b, chunkFlags) {
    const flags = S.flags;
    const cuts = new Set([a, b]);
    for (const k of chunkFlags) {
      const f = flags[k];
      if (f.start > a && f.start < b) cuts.add(f.start);
      if (f.end > a && f.end < b) cuts.add(f.end);
    }
    const points = [...cuts].sort((x, y) => x - y);
    for (let n = 0; n + 1 < points.length; n++) {
      const x = points[n], y = points[n + 1];
      const k = chunkFlags.find(j => flags[j].start <= x && flags[j].end >= y);
      if (k === undefined) { appendText(parent, S.text.slice(x, y)); continue; }
      const m = el('mark', 'flag');
      m.dataset.f = k;
      const f = flags[k];
      m.title = f.rule + ': ' + f.message + (f.language ? ' [language: ' + f.language + ']' : '')
        + (f.suggestion ? ' [suggestion: ' + f.suggestion + ']' : '');
      appendText(m, S.text.slice(x, y));
      if (!S.marks.has(k)) S.marks.set(k, m);
      parent.append(m);
      paintFlag(k);
    }
  }
  function fill(chunk) {
    if (chunk.filled) return;
    const frag = document.createDocumentFragment();
    let pos = chunk.start;
    for (let i = chunk.first; i < chunk.last; i++) {
      plain(frag, pos, S.spans[i][0], chunk.flags);
      frag.append(widget(i));
      pos = S.spans[i][1];
    }
    plain(frag, pos, chunk.end, chunk.flags);
    chunk.node.replaceChildren(frag);
    chunk.node.style.minHeight = '';
    chunk.filled = true;
  }

  function paintChange(i) {
    const w = S.widgets.get(i);
    if (!w) return;
    for (const s of STATES) w.classList.toggle(s, S.decision[i] === s);
    const n = S.itemOf.change.get(i);
    w.classList.toggle('out', !shown(S.items[n]));
    w.classList.toggle('current', n === S.current);
  }
  function paintFlag(k) {
    const n = S.itemOf.flag.get(k);
    for (const m of S.node.querySelectorAll('mark[data-f="' + k + '"]')) {
      m.classList.toggle('out', !shown(S.items[n]));
      m.classList.toggle('current', n === S.current);
    }
  }
  function paint(item) {
    if (item.kind === 'change') paintChange(item.i); else paintFlag(item.i);
  }
  function paintAll() {
    for (const i of S.widgets.keys()) paintChange(i);
    for (const k of S.marks.keys()) paintFlag(k);
  }

  // ---- moving and deciding
  function select(n) {
    const before = S.current;
    S.current = n;
    if (before >= 0) paint(S.items[before]);
    if (n < 0) { showCurrent(); return; }
    const item = S.items[n];
    const k = item.kind === 'change' ? S.chunkOfChange[item.i] : chunkAt(S, S.flags[item.i].start);
    fill(S.chunks[k]);
    paint(item);
    const target = item.kind === 'change' ? S.widgets.get(item.i) : S.marks.get(item.i) || S.chunks[k].node;
    target.scrollIntoView({ block: 'center' });
    showCurrent();
  }
  function step(direction) {
    for (let n = S.current + direction; n >= 0 && n < S.items.length; n += direction) {
      if (shown(S.items[n])) { select(n); return true; }
    }
    return false;
  }
  function decide(indices, value) {
    // one undo step, even where nothing changes: undo goes back to the change last decided
    if (!indices.length) return;
    const undo = [];
    for (const i of indices) {
      if (S.decision[i] === value) continue;
      undo.push([i, S.decision[i]]);
      S.decision[i] = value;
    }
    S.history.push({ at: indices[0], undo });
    settle(undo);
  }
  function undoLast() {
    const last = S.history.pop();
    if (!last) return;
    for (const [i, before] of last.undo) S.decision[i] = before;
    settle(last.undo);
    select(S.itemOf.change.get(last.at));
  }
  function settle(undo) {
    if (undo.length > 50) paintAll(); else for (const [i] of undo) paintChange(i);
    save();
    counts();
    showCurrent();
  }
  function currentChange() {
    const item = S.items[S.current];
    return item && item.kind === 'change' ? item.i : -1;
  }
  function decideCurrent(value) {
    const i = currentChange();
    if (i < 0) { step(1); return; }
    decide([i], value);
    step(1);
  }
  function decideRule(rule, value) {
    decide(S.changes.flatMap((c, i) => ruleMatches(c.rule, rule) ? [i] : []), value);
  }

  // ---- the panel, the counts, the rule table
  function showCurrent() {
    const box = $('current');
    const item = S.items[S.current];
    if (!item) { box.replaceChildren('No change selected: press n for the next one.'); return; }
    const pos = el('span', null, (S.current + 1) + '/' + S.items.length + ' ');
    if (item.kind === 'change') {
      const c = S.changes[item.i];
      box.replaceChildren(pos, el('span', 'rule', c.rule), ' ' + (c.safe ? 'safe' : 'unsafe') + ', ',
        el('strong', 'decision', S.decision[item.i]), ': ', el('span', 'before', visible(c.before)), ' \u2192 ',
        el('span', 'after', visible(c.after)), ' \u2014 ' + c.message);
    } else {
      const f = S.flags[item.i];
      box.replaceChildren(pos, 'flag ', el('span', 'rule', f.rule), ': ' + f.message,
        f.language ? ' (language: ' + f.language + ')' : '', f.suggestion ? ' \u2014 suggestion: ' : '',
        f.suggestion ? el('span', 'after', f.suggestion) : '');
    }
  }

  function buildRules(D) {
    // the document's rows of the rule table and options of the rule menu, swapped in when it is shown
    const groups = new Map();             // prefix -> set of rule ids
    for (const r of [...D.changes.map(c => c.rule), ...D.flags.map(f => f.rule)]) {
      const prefix = r.split('.')[0];
      if (!groups.has(prefix)) groups.set(prefix, new Set());
      groups.get(prefix).add(r);
    }
    D.rows = [];                          // [rule or prefix, row]
    D.rowsOfRule = new Map();             // rule id -> the rows (its own, its prefix's) that count it
    D.body = el('tbody');
    D.options = [];
    for (const prefix of [...groups.keys()].sort()) {
      const rules = [...groups.get(prefix)].sort();
      const names = rules.length === 1 && rules[0] === prefix ? [prefix] : [prefix, ...rules];
      for (const name of names) {
        const row = el('tr', name === prefix ? 'prefix' : 'rule');
        const button = el('button', 'name', name);
        button.type = 'button';
        button.addEventListener('click', () => setFilter('rule', filter.rule === name ? '' : name));
        const cell = el('td');
        cell.append(button);
        row.append(cell);
        for (let n = 0; n < 5; n++) row.append(el('td', 'count'));
        const actions = el('td');
        if (D.changes.some(c => ruleMatches(c.rule, name))) {
          for (const [label, value, title] of [['\u2713 all', 'accepted', 'accept'], ['\u2717 all', 'rejected', 'reject']]) {
            const b = el('button', value, label);
            b.type = 'button';
            b.title = title + ' every change of ' + name + (several ? ' in this document' : '');
            b.addEventListener('click', () => decideRule(name, value));
            actions.append(b);
          }
        }
        row.append(actions);
        D.body.append(row);
        D.rows.push([name, row]);
        const option = el('option', null, name);
        option.value = name;
        D.options.push(option);
      }
    }
  }
  function rowsOf(rule) {
    if (!S.rowsOfRule.has(rule)) S.rowsOfRule.set(rule, S.rows.flatMap(([name], r) => ruleMatches(rule, name) ? [r] : []));
    return S.rowsOfRule.get(rule);
  }
  function tally(D) {
    const t = { all: D.changes.length, accepted: 0, rejected: 0, pending: 0, flags: D.flags.length };
    for (const d of D.decision) t[d]++;
    return t;
  }
  function summary(t) {
    return t.all + ' change' + (t.all === 1 ? '' : 's') + ': ' + t.accepted + ' accepted, '
      + t.rejected + ' rejected, ' + t.pending + ' pending; ' + t.flags + ' flag' + (t.flags === 1 ? '' : 's');
  }
  function counts() {
    const blank = () => ({ all: 0, accepted: 0, rejected: 0, pending: 0, flags: 0 });
    const tallies = S.rows.map(blank);
    S.changes.forEach((c, i) => { for (const r of rowsOf(c.rule)) { tallies[r].all++; tallies[r][S.decision[i]]++; } });
    S.flags.forEach(f => { for (const r of rowsOf(f.rule)) tallies[r].flags++; });
    S.rows.forEach(([name, row], r) => {
      ['all', 'accepted', 'rejected', 'pending', 'flags'].forEach((k, n) => { row.cells[n + 1].textContent = tallies[r][k] || ''; });
      row.classList.toggle('chosen', filter.rule === name);
    });
    const t = tally(S);
    $('totals').textContent = summary(t);
    if (several) S.entry.lastChild.textContent = summary(t);
  }
  function setFilter(key, value) {
    filter[key] = value;
    const box = $('filter-' + key);
    if (box.value !== value) box.value = value;
    paintAll();
    counts();
  }

  // ---- the documents: one shown at a time, its view made the first time
  function build(D) {
    listItems(D);
    split(D);
    buildRules(D);
    D.widgets = new Map();                // change index -> its element, once rendered
    D.marks = new Map();                  // flag index -> its first element, once rendered
    D.node = el('div', 'doc');
    docView.append(D.node);
    // a placeholder of about the block's height for each block; those near the view are rendered
    const perLine = Math.max(20, Math.floor((docView.clientWidth - 64) / 8.5));
    const lineHeight = 25.6;
    D.chunks.forEach((chunk, k) => {
      const node = el('div', 'chunk');
      node.dataset.k = k;
      let lines = 0;
      for (const line of D.text.slice(chunk.start, chunk.end).split('\n')) lines += 1 + Math.floor(line.length / perLine);
      node.style.minHeight = Math.round(lines * lineHeight) + 'px';
      chunk.node = node;
      D.node.append(node);
    });
    D.built = true;
  }
  function show(k) {
    if (S) { S.scroll = docView.scrollTop; S.node.hidden = true; }
    S = docs[k];
    if (!S.built) build(S);
    S.node.hidden = false;
    for (const D of docs) {
      if (!D.entry) continue;
      D.entry.classList.toggle('chosen', D === S);
      D.entry.firstChild.setAttribute('aria-current', String(D === S));
    }
    $('name').textContent = S.doc.file;
    document.title = S.doc.file + ' \u2014 transclean review';
    $('rules').tBodies[0].replaceWith(S.body);
    $('filter-rule').replaceChildren($('filter-rule').options[0], ...S.options);
    if (!S.options.some(o => o.value === filter.rule)) filter.rule = '';
    $('filter-rule').value = filter.rule;
    paintAll();
    counts();
    docView.scrollTop = S.scroll;
    if (!S.observer) {
      let height = 0;
      for (const chunk of S.chunks) {     // what the first screens show, at once
        if (height > 2 * window.innerHeight) break;
        fill(chunk);
        height += chunk.node.offsetHeight;
      }
      const D = S;
      S.observer = new IntersectionObserver(entries => {
        for (const entry of entries) {
          if (entry.isIntersecting) { fill(D.chunks[Number(entry.target.dataset.k)]); D.observer.unobserve(entry.target); }
        }
      }, { root: docView, rootMargin: '2000px 0px' });
      for (const chunk of S.chunks) if (!chunk.filled) S.observer.observe(chunk.node);
    }
    showCurrent();
  }
  function listDocuments() {
    const list = $('documents');
    list.hidden = false;
    docs.forEach((D, k) => {
      const entry = el('li');
      const button = el('button', 'name', D.doc.file);
      button.type = 'button';
      button.title = D.doc.file + ' ([ and ]: previous and next document)';
      button.addEventListener('click', () => show(k));
      entry.append(button, el('span', 'count', summary(tally(D))));
      list.querySelector('ol').append(entry);
      D.entry = entry;
    });
  }

  // ---- downloads: the text with only the accepted changes, in the file's encoding; the decisions
  function acceptedText() {
    const out = [];
    let pos = 0;
    S.changes.forEach((c, i) => {
      if (S.decision[i] !== 'accepted') return;
      out.push(S.text.slice(pos, S.spans[i][0]), c.after);
      pos = S.spans[i][1];
    });
    out.push(S.text.slice(pos));
    return out.join('');
  }
  function encode(s) {
    // as textio.encode: the file's encoding where every character fits it, else UTF-8
    const codec = S.codec;
    if (codec.mode === 'utf-16') {
      const bytes = new Uint8Array(codec.bom.length + 2 * s.length);
      bytes.set(codec.bom);
      const view = new DataView(bytes.buffer);
      for (let n = 0; n < s.length; n++) view.setUint16(codec.bom.length + 2 * n, s.charCodeAt(n), codec.little);
      return bytes;
    }
    if (codec.mode === 'table') {
      const bytes = new Uint8Array(4 * s.length);
      let size = 0, fits = true;
      for (const ch of s) {
        const b = codec.table[ch];
        if (!b) { fits = false; break; }
        bytes.set(b, size);
        size += b.length;
      }
      if (fits) return bytes.slice(0, size);
    }
    return new TextEncoder().encode(s);
  }
  function decided(D) {
    return Object.assign({}, D.doc, { changes: D.changes.map((c, i) => Object.assign({}, c, { decision: D.decision[i] })) });
  }
  function decisionsFile() {
    // one document's decisions file as it is; several in one, each with its own
    const out = several ? { schema: docs[0].doc.schema, documents: docs.map(decided) } : decided(docs[0]);
    return new TextEncoder().encode(JSON.stringify(out, null, 2) + '\n');
  }
  function download(bytes, name, type) {
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    const a = el('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }
  function stemAndExtension(file) {
    const dot = file.lastIndexOf('.');
    return dot > 0 ? [file.slice(0, dot), file.slice(dot)] : [file, ''];
  }

  // ---- wiring
  function toggleHelp(open) { $('help').hidden = !open; }
  function showNext(direction) {
    const k = docs.indexOf(S) + direction;
    if (k >= 0 && k < docs.length) show(k);
  }
  document.addEventListener('keydown', e => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.target.closest('select, input, textarea')) return;
    const help = !$('help').hidden;
    if (help && (e.key === 'Escape' || e.key === '?')) { toggleHelp(false); e.preventDefault(); return; }
    if (help) return;
    const i = currentChange();
    const actions = {
      n: () => step(1), j: () => step(1), p: () => step(-1), k: () => step(-1),
      a: () => decideCurrent('accepted'), r: () => decideCurrent('rejected'), u: undoLast,
      A: () => i >= 0 && decideRule(S.changes[i].rule, 'accepted'), R: () => i >= 0 && decideRule(S.changes[i].rule, 'rejected'),
      ']': () => showNext(1), '[': () => showNext(-1),
      '?': () => toggleHelp(true),
    };
    if (!actions[e.key]) return;
    e.preventDefault();
    actions[e.key]();
  });
  docView.addEventListener('click', e => {
    const w = e.target.closest('.chg');
    if (w) { select(S.itemOf.change.get(Number(w.dataset.i))); return; }
    const m = e.target.closest('mark.flag');
    if (m) select(S.itemOf.flag.get(Number(m.dataset.f)));
  });
  $('accept').addEventListener('click', () => decideCurrent('accepted'));
  $('reject').addEventListener('click', () => decideCurrent('rejected'));
  $('undo').addEventListener('click', undoLast);
  $('help-button').addEventListener('click', () => toggleHelp($('help').hidden));
  for (const key of ['rule', 'kind', 'decision', 'show']) {
    const box = $('filter-' + key);
    box.addEventListener('change', () => { setFilter(key, box.value); box.blur(); });
  }
  $('download-text').addEventListener('click', () => {
    const [stem, ext] = stemAndExtension(S.doc.file);
    download(encode(acceptedText()), stem + '.reviewed' + ext, 'application/octet-stream');
  });
  $('download-decisions').addEventListener('click', () =>
    download(decisionsFile(), (several ? 'review' : stemAndExtension(S.doc.file)[0]) + '.decisions.json',
      'application/json'));

  if (several) {
    listDocuments();
    for (const n of document.querySelectorAll('.several')) n.hidden = false;
  }
  show(0);
  document.documentElement.dataset.ready = 'true';
  // for tests and tools: the current document's decisions, and the text and bytes its download would give
  window.transcleanReview = {
    acceptedText, decisions: () => S.decision.slice(), bytes: () => Array.from(encode(acceptedText())),
    decide: (indices, value) => decide(indices, value), document: () => docs.indexOf(S),
  };
})();
