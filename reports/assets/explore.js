// The dashboard's filters, cross-filtering, drill-down and sortable
// tables (docs/reports.md). Everything comes from the page's explore-data
// element; names are written with textContent only, never as markup.
// With no filter the charts and tables are put back exactly as written.
(function () {
  'use strict';
  // A month closed before the page carried this data has none: its
  // tables still sort, nothing else applies.
  var src = document.getElementById('explore-data');
  var X = src ? JSON.parse(src.textContent) : null;
  var L = X ? X.l : {};
  var lang = document.documentElement.lang || 'en';
  var collator = new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });
  var charts = {};
  (window.salesopsCharts || []).forEach(function (c) { charts[c.getDom().id] = c; });
  var state = { team: -1, region: -1, rep: -1 };

  // What each chart and table showed as written, to put back.
  var orig = {};
  Object.keys(charts).forEach(function (id) {
    var o = charts[id].getOption();
    var axes = function (list) { return (list || []).map(function (a) { return Array.isArray(a.data) ? { data: a.data } : {}; }); };
    orig[id] = { series: (o.series || []).map(function (s) { return { data: s.data }; }), xAxis: axes(o.xAxis), yAxis: axes(o.yAxis) };
  });
  var funnelTable = document.getElementById('funnel-table');
  // Funnel rows keep their stage when the table is sorted.
  var funnelText = rowsOf(funnelTable).map(function (r, i) {
    r.setAttribute('data-stage', i);
    return [].map.call(r.cells, function (c) { return c.textContent; });
  });

  function rowsOf(table) { return table && table.tBodies[0] ? [].slice.call(table.tBodies[0].rows) : []; }
  function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined && text !== null) { e.textContent = text; } if (cls) { e.className = cls; } return e; }
  function group(s) { return s.replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
  function count(n) { return (n < 0 ? '-' : '') + group(String(Math.abs(n))); }
  // Cents are integers: the text is cut from them, as the Go side does.
  function money(c) {
    if (c === null || c === undefined) { return '—'; }
    var a = Math.abs(c), f = String(a % 100);
    return (c < 0 ? '-' : '') + X.sym + group(String((a - a % 100) / 100)) + '.' + (f.length < 2 ? '0' + f : f);
  }
  function pct(n, d) { return d ? (100 * n / d).toFixed(1) + '%' : '—'; }
  function ratio(n, d) { return d ? n / d : null; }
  function day(d) { return X.months[X.cur] + '-' + (d < 10 ? '0' + d : d); }

  // ---- the selection
  function chosen(r) {
    var p = X.reps[r];
    return (state.team < 0 || p.t === state.team) && (state.region < 0 || p.r === state.region) && (state.rep < 0 || state.rep === r);
  }
  function filtering() { return state.team >= 0 || state.region >= 0 || state.rep >= 0; }
  function selected() { var out = []; for (var i = 0; i < X.reps.length; i++) { if (chosen(i)) { out.push(i); } } return out; }

  // ---- charts
  function sumMonths(reps) {
    var out = X.months.map(function () { return [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]; });
    reps.forEach(function (r) {
      (X.reps[r].m || []).forEach(function (m, i) { for (var k = 0; k < 10; k++) { out[i][k] += m[k]; } });
    });
    return out;
  }
  function set(id, upd) { if (charts[id]) { charts[id].setOption(upd); } }
  function byGroup(reps, key, names) {
    var sums = names.map(function () { return [0, 0]; }), seen = names.map(function () { return false; });
    reps.forEach(function (r) {
      var g = X.reps[r][key], m = (X.reps[r].m || [])[X.cur];
      if (g < 0) { return; }
      seen[g] = true;
      if (m) { sums[g][0] += m[2]; sums[g][1] += m[0]; }
    });
    var cats = [], net = [], gross = [];
    names.forEach(function (n, g) { if (seen[g]) { cats.push(n); net.push(sums[g][0] / 100); gross.push(sums[g][1] / 100); } });
    return { xAxis: [{ data: cats }], series: [{ data: net }, { data: gross }] };
  }
  function drawCharts(reps) {
    var m = sumMonths(reps);
    set('ch-trend', { series: [{ data: m.map(function (x) { return x[0] / 100; }) }, { data: m.map(function (x) { return x[1] / 100; }) },
      { data: m.map(function (x) { return x[2] / 100; }) }] });
    var conv = [], prov = [];
    m.forEach(function (x, i) {
      var v = ratio(x[7], x[6]);
      if (X.prov[i]) { conv.push(null); prov.push(v); } else { conv.push(v); prov.push(i + 1 < m.length && X.prov[i + 1] ? v : null); }
    });
    set('ch-rates', { series: [{ data: m.map(function (x) { return ratio(x[3], x[3] + x[4]); }) }, { data: conv }, { data: prov }] });
    set('ch-csat', { series: [{ data: m.map(function (x) { return ratio(x[9], x[8]); }) }] });
    var b = [0, 0, 0, 0];
    reps.forEach(function (r) { for (var k = 0; k < 4; k++) { b[k] += X.reps[r].b[k]; } });
    var beff = ratio(b[0], b[1]), bwin = ratio(b[2], b[2] + b[3]);
    var lift = function (c, base) { return c === null || base === null || base === 0 ? null : c / base - 1; };
    var recent = m.slice(Math.max(0, m.length - 12));
    set('ch-lifts', { series: [{ data: recent.map(function (x) { return lift(ratio(x[0], x[5]), beff); }) },
      { data: recent.map(function (x) { return lift(ratio(x[3], x[3] + x[4]), bwin); }) }] });
    set('ch-teams', byGroup(reps, 't', X.teams));
    set('ch-regions', byGroup(reps, 'r', X.regions));
    var f = funnelOf(reps);
    set('ch-funnel', { series: [{ data: f.slice().reverse() }] });
    var sc = [];
    reps.forEach(function (r) { (X.reps[r].s || []).forEach(function (n, i) { sc[i] = (sc[i] || 0) + n; }); });
    if (charts['ch-scores']) { set('ch-scores', { series: [{ data: orig['ch-scores'].series[0].data.map(function (_, i) { return sc[i] || 0; }) }] }); }
    drawBonus(reps);
  }
  function funnelOf(reps) {
    var f = [0, 0, 0, 0];
    reps.forEach(function (r) { for (var k = 0; k < 4; k++) { f[k] += X.reps[r].f[k]; } });
    return f;
  }
  // The bonus bar keeps its shape: the ten largest, then the rest as one.
  function drawBonus(reps) {
    if (!charts['ch-bonus']) { return; }
    var cats = [], data = [], others = 0, n = 0;
    X.bonus.forEach(function (r) {
      if (!chosen(r)) { return; }
      if (n++ < 10) { cats.push(X.reps[r].name); data.push(X.reps[r].a / 100); } else { others += X.reps[r].a; }
    });
    if (n > 10) { cats.push(L['bonus.others']); data.push({ value: others / 100, itemStyle: { color: '#9aa5b1' } }); }
    set('ch-bonus', { yAxis: [{ data: cats }], series: [{ data: data }] });
  }
  function restoreCharts() {
    Object.keys(charts).forEach(function (id) { charts[id].setOption(orig[id]); });
  }

  // ---- tables
  function tagRows(table, reps, skip) {
    rowsOf(table).forEach(function (row, i) { if (i >= skip && reps[i - skip] !== undefined) { row.setAttribute('data-rep', reps[i - skip]); } });
  }
  function showRows() {
    ['leaders-table', 'bonus-table'].forEach(function (id) {
      rowsOf(document.getElementById(id)).forEach(function (row) {
        var r = row.getAttribute('data-rep');
        row.hidden = r !== null && filtering() && !chosen(+r);
      });
    });
    drawRisk();
    if (!funnelTable) { return; }
    var f = funnelOf(selected());
    rowsOf(funnelTable).forEach(function (row) {
      var i = +row.getAttribute('data-stage');
      if (!filtering()) { funnelText[i].forEach(function (t, c) { row.cells[c].textContent = t; }); return; }
      row.cells[1].textContent = count(f[i]);
      row.cells[3].textContent = i + 1 < f.length ? pct(f[i + 1], f[i]) : '—';
    });
  }

  // The customers at risk of the selected reps: their own first riskCap,
  // in the table's order (never followed up first, then the oldest
  // follow-up, then the customer id), and their count in the note.
  var riskTable = document.getElementById('risk-table');
  var riskOrig = rowsOf(riskTable);
  var riskNote = riskTable ? riskTable.closest('section').querySelector('p.note') : null;
  var riskNoteText = riskNote ? riskNote.textContent : '';
  function drawRisk() {
    if (!riskTable) { return; }
    var tb = riskTable.tBodies[0];
    unsorted(riskTable);
    tb.textContent = '';
    if (!filtering()) {
      riskOrig.forEach(function (r) { tb.appendChild(r); });
      riskNote.textContent = riskNoteText;
      return;
    }
    var rows = [], total = 0;
    selected().forEach(function (r) {
      total += X.reps[r].kn || 0;
      (X.reps[r].k || []).forEach(function (k) { rows.push({ r: r, k: k }); });
    });
    rows.sort(function (a, b) {
      var x = a.k[1], y = b.k[1];
      if (x !== y) { return x === '' ? -1 : y === '' ? 1 : (x < y ? -1 : 1); }
      var cx = X.cust[a.k[0]][0], cy = X.cust[b.k[0]][0];
      return cx < cy ? -1 : cx > cy ? 1 : 0;
    });
    rows.slice(0, X.riskCap).forEach(function (x) {
      var tr = tb.insertRow();
      [cust(x.k[0]), X.reps[x.r].name, x.k[1] || L['never'], x.k[2] === null ? '—' : String(x.k[2])].forEach(function (v, j) {
        tr.appendChild(el('td', v, j === 3 ? 'num' : ''));
      });
    });
    var shown = Math.min(rows.length, X.riskCap);
    riskNote.textContent = L['risk.explain'] + ' ' + count(total) + ' ' + L['risk.total'] + (total > shown ? ' · ' + L['risk.shown'] + ' ' + count(shown) : '');
  }

  // ---- the drill-down
  var kinds = [
    { key: 'ex.deal', cols: ['col.date', 'col.id', 'col.customer', 'col.event', 'col.amount'], num: [4],
      cells: function (x) { return [day(x[0]), x[1], cust(x[2]), L['event.' + x[3]] || x[3], money(x[4])]; } },
    { key: 'ex.followup', cols: ['col.date', 'col.id', 'col.customer', 'col.stage', 'col.note'], num: [],
      cells: function (x) { return [day(x[0]), x[1], cust(x[2]), L['stage.' + x[3]] || x[3], x[4]]; } },
    { key: 'ex.response', cols: ['col.date', 'col.id', 'col.customer', 'col.score', 'col.note'], num: [3],
      cells: function (x) { return [day(x[0]), x[1], cust(x[2]), x[3] === null ? '—' : String(x[3]), x[4]]; } }
  ];
  function cust(i) { var c = X.cust[i]; return c ? (c[1] || c[0]) : '—'; }
  function drill() {
    var sec = document.getElementById('drill'), body = document.getElementById('drill-body');
    if (!sec) { return; }
    if (state.rep < 0) { sec.hidden = true; return; }
    var p = X.reps[state.rep];
    document.getElementById('drill-title').textContent = L['ex.drill'] + ' — ' + p.name;
    body.textContent = '';
    kinds.forEach(function (k, i) {
      var rows = (p.x && p.x[i]) || [], total = p.n[i];
      body.appendChild(el('h3', L[k.key] + ' (' + count(total) + ')'));
      if (!rows.length) { body.appendChild(el('p', L['ex.none'], 'muted')); return; }
      var t = el('table'), head = t.createTHead().insertRow(), tb = t.createTBody();
      t.id = 'drill-' + ['deals', 'followups', 'responses'][i];
      k.cols.forEach(function (c, j) { head.appendChild(el('th', L[c], k.num.indexOf(j) >= 0 ? 'num' : '')); });
      rows.forEach(function (x) {
        var tr = tb.insertRow();
        k.cells(x).forEach(function (v, j) { tr.appendChild(el('td', v, k.num.indexOf(j) >= 0 ? 'num' : '')); });
        if (i === 0 && x[4] !== null) { tr.cells[4].setAttribute('data-v', x[4]); }
      });
      var wrap = el('div', null, 'scroll');
      wrap.appendChild(t);
      body.appendChild(wrap);
      sortable(t);
      if (total > rows.length) {
        body.appendChild(el('p', L['ex.capped'].replace('{shown}', count(rows.length)).replace('{total}', count(total)), 'note'));
      }
    });
    sec.hidden = false;
  }

  // ---- sorting: numbers by value, text by the page language's collation
  function key(cell) {
    var v = cell.getAttribute('data-v');
    if (v !== null) { return +v; }
    // The first number of the cell ("3 / 1" sorts as 3); its sign may
    // stand before the currency symbol ("-¥22,838.87").
    var t = cell.textContent, m = t.match(/\d[\d,]*(\.\d+)?/);
    if (!m) { return null; }
    var v = +m[0].replace(/,/g, '');
    return /[-\u2212]/.test(t.slice(0, m.index)) ? -v : v;
  }
  // unsorted clears a table's sort marks when its rows are rewritten.
  function unsorted(table) {
    if (!table.tHead) { return; }
    [].forEach.call(table.tHead.rows[0].cells, function (h) {
      if (h.getAttribute('aria-sort')) { h.setAttribute('aria-sort', 'none'); h.lastChild.textContent = ''; }
    });
  }
  function sortable(table) {
    if (!table.tHead || !table.tBodies[0]) { return; }
    [].forEach.call(table.tHead.rows[0].cells, function (th, col) {
      th.classList.add('sortable');
      if (L['ex.sort']) { th.title = L['ex.sort']; }
      th.setAttribute('aria-sort', 'none');
      var mark = el('span', '', 'sort');
      th.appendChild(mark);
      th.addEventListener('click', function () {
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        [].forEach.call(th.parentNode.cells, function (h) { h.setAttribute('aria-sort', 'none'); h.lastChild.textContent = ''; });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        mark.textContent = asc ? ' ▲' : ' ▼';
        var numeric = th.classList.contains('num');
        var rows = rowsOf(table).map(function (r, i) { var c = r.cells[col]; return { r: r, i: i, k: c ? (numeric ? key(c) : c.textContent) : null }; });
        rows.sort(function (a, b) {
          var x = a.k, y = b.k;
          if (x === null || x === '—' || y === null || y === '—') { // blanks last either way
            var bx = x === null || x === '—', by = y === null || y === '—';
            return bx === by ? a.i - b.i : (bx ? 1 : -1);
          }
          var c = numeric ? x - y : collator.compare(x, y);
          return (asc ? c : -c) || a.i - b.i;
        });
        var tb = table.tBodies[0];
        rows.forEach(function (x) { tb.appendChild(x.r); });
      });
    });
  }

  // ---- the bar
  function options(select, names, keep) {
    var cur = select.value;
    select.textContent = '';
    select.appendChild(new Option(L['ex.all'], '-1'));
    names.forEach(function (n) { if (keep(n.i)) { select.appendChild(new Option(n.name, String(n.i))); } });
    select.value = cur;
    if (select.value !== cur) { select.value = '-1'; }
  }
  if (!X) { document.querySelectorAll('#dash table').forEach(sortable); return; }
  var fTeam = document.getElementById('f-team'), fRegion = document.getElementById('f-region'), fRep = document.getElementById('f-rep');
  var sortedNames = function (list) { return list.map(function (n, i) { return { name: n, i: i }; }).sort(function (a, b) { return collator.compare(a.name, b.name); }); };
  var repNames = sortedNames(X.reps.map(function (r) { return r.name; }));
  function refreshBar() {
    fTeam.value = String(state.team);
    fRegion.value = String(state.region);
    options(fRep, repNames, function (i) {
      var p = X.reps[i];
      return (state.team < 0 || p.t === state.team) && (state.region < 0 || p.r === state.region);
    });
    fRep.value = String(state.rep);
    document.getElementById('f-note').textContent = filtering() ? L['ex.note'] : L['ex.hint'];
    var parts = [];
    if (state.team >= 0) { parts.push(L['col.team'] + ' ' + X.teams[state.team]); }
    if (state.region >= 0) { parts.push(L['col.region'] + ' ' + X.regions[state.region]); }
    if (state.rep >= 0) { parts.push(L['col.rep'] + ' ' + X.reps[state.rep].name); }
    document.getElementById('f-state').textContent = L['ex.filters'] + ': ' + parts.join(' · ');
    bar.toggleAttribute('data-on', filtering());
  }
  function apply() {
    if (state.rep >= 0 && !((state.team < 0 || X.reps[state.rep].t === state.team) && (state.region < 0 || X.reps[state.rep].r === state.region))) { state.rep = -1; }
    refreshBar();
    if (filtering()) { drawCharts(selected()); } else { restoreCharts(); }
    showRows();
    drill();
    document.documentElement.setAttribute('data-filter', [state.team, state.region, state.rep].join(','));
  }
  window.salesopsExplore = { state: state, apply: apply };

  var bar = document.getElementById('explore'), main = document.getElementById('dash');
  if (!bar || !main) { return; }
  options(fTeam, sortedNames(X.teams), function () { return true; });
  options(fRegion, sortedNames(X.regions), function () { return true; });
  fTeam.addEventListener('change', function () { state.team = +fTeam.value; apply(); });
  fRegion.addEventListener('change', function () { state.region = +fRegion.value; apply(); });
  fRep.addEventListener('change', function () { state.rep = +fRep.value; apply(); });
  document.getElementById('f-clear').addEventListener('click', function () { state.team = state.region = state.rep = -1; apply(); });
  main.insertBefore(bar, main.firstChild);
  bar.hidden = false;
  var leaders = document.getElementById('leaders-table'), drillSec = document.getElementById('drill');
  if (leaders && drillSec) { leaders.closest('section').after(drillSec); }

  tagRows(leaders, X.leaders, 0);
  tagRows(document.getElementById('bonus-table'), X.bonus, 3); // after pool, allocated, unallocated
  // A rep's name in the leaderboard opens their rows.
  rowsOf(leaders).forEach(function (row) {
    var r = +row.getAttribute('data-rep'), cell = row.cells[1];
    if (!cell || isNaN(r)) { return; }
    var b = el('button', cell.textContent, 'rep-link');
    b.type = 'button';
    b.addEventListener('click', function () { state.rep = r; apply(); drillSec.scrollIntoView({ block: 'start' }); });
    cell.textContent = '';
    cell.appendChild(b);
  });
  // Cross-filtering: a team's or region's bar (or its label) filters the
  // page by it, a second click lets it go; a rep's bonus bar opens the rep.
  function onPick(id, pick) {
    var c = charts[id];
    if (!c) { return; }
    var axis = id === 'ch-bonus' ? 'yAxis' : 'xAxis', upd = {};
    upd[axis] = [{ triggerEvent: true }];
    c.setOption(upd);
    c.on('click', function (p) { pick(p.componentType === axis ? p.value : p.name); });
  }
  onPick('ch-teams', function (name) { var t = X.teams.indexOf(name); state.team = state.team === t ? -1 : t; apply(); });
  onPick('ch-regions', function (name) { var g = X.regions.indexOf(name); state.region = state.region === g ? -1 : g; apply(); });
  onPick('ch-bonus', function (name) {
    for (var i = 0; i < X.bonus.length; i++) {
      if (X.reps[X.bonus[i]].name === name && chosen(X.bonus[i])) { state.rep = X.bonus[i]; apply(); drillSec.scrollIntoView({ block: 'start' }); return; }
    }
  });
  document.querySelectorAll('#dash table').forEach(sortable);
  refreshBar();
})();
