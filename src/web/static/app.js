// Dashboard behaviour: sortable tables and charts. Served as a file so that the CSP needs no inline script;
// chart data arrive in <script type="application/json" id="chart-data">, never as code.
'use strict';

(function sortableTables() {
  const key = (td) => {
    const v = td.getAttribute('data-v');
    const s = v !== null ? v : td.textContent.trim();
    const n = Number(s);
    return s !== '' && s !== '—' && !Number.isNaN(n) ? n : s;
  };
  for (const table of document.querySelectorAll('table.sortable')) {
    const heads = table.querySelectorAll('th[data-sort]');
    heads.forEach((th) => {
      th.addEventListener('click', () => {
        const idx = Array.prototype.indexOf.call(th.parentNode.children, th);
        const asc = th.getAttribute('aria-sort') !== 'ascending';
        heads.forEach((h) => h.removeAttribute('aria-sort'));
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        rows.sort((a, b) => {
          const x = key(a.cells[idx]);
          const y = key(b.cells[idx]);
          const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN');
          return asc ? c : -c;
        });
        rows.forEach((r) => body.appendChild(r));
      });
    });
  }
})();

(function charts() {
  const block = document.getElementById('chart-data');
  if (!block || typeof echarts === 'undefined') return;
  const data = JSON.parse(block.textContent);
  const font = '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
  // richText tooltips render on canvas: no HTML from the data ever reaches the DOM.
  const base = { textStyle: { fontFamily: font }, tooltip: { renderMode: 'richText', trigger: 'item' }, animation: false };
  const RED = '#b42318', BLUE = '#1d4ed8', GREY = '#9ca3af';
  const DAY = 86400000;
  const t = (d) => Date.parse(d + 'T00:00:00Z');
  const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

  const builders = {
    grades(c) {
      const colours = ['#067647', '#1d4ed8', '#b54708', '#b42318', GREY];
      return Object.assign({}, base, {
        grid: { left: 40, right: 20, top: 20, bottom: 30 },
        xAxis: { type: 'category', data: c.labels },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', barWidth: '45%', data: c.values.map((v, i) => ({ value: v, itemStyle: { color: colours[i] } })), label: { show: true, position: 'top' } }],
      });
    },
    // Units down the side: every name is read level (cut with an ellipsis when long), however many units there are.
    scores(c) {
      return Object.assign({}, base, {
        tooltip: { renderMode: 'richText', trigger: 'axis' },
        legend: { data: ['建议得分', '确认得分'], top: 0 },
        grid: { left: 8, right: 24, top: 30, bottom: 24, containLabel: true },
        yAxis: { type: 'category', data: c.units, inverse: true, axisLabel: { interval: 0, width: 130, overflow: 'truncate' } },
        xAxis: { type: 'value', max: 100 },
        series: [
          { name: '建议得分', type: 'bar', data: c.suggested, itemStyle: { color: GREY } },
          { name: '确认得分', type: 'bar', data: c.confirmed, itemStyle: { color: BLUE } },
        ],
      });
    },
    timeline(c) {
      const from = t(c.from), to = t(c.to);
      const pubs = c.pubs.map(t).sort((a, b) => a - b);
      const line = [];
      let j = -1;
      for (let d = from; d <= to; d += DAY) {
        while (j + 1 < pubs.length && pubs[j + 1] <= d) j++;
        line.push([iso(d), j >= 0 ? Math.round((d - pubs[j]) / DAY) : null]);
      }
      const series = [
        { name: '距上次更新（天）', type: 'line', showSymbol: false, data: line, lineStyle: { color: GREY, width: 1 },
          markArea: { silent: true, itemStyle: { color: 'rgba(180,35,24,0.16)' }, data: c.episodes.map((e) => [{ xAxis: e.from }, { xAxis: e.to || iso(to) }]) },
          markLine: c.window ? { silent: true, symbol: 'none', lineStyle: { color: RED, type: 'dashed' }, label: { formatter: '时限 ' + c.windowLabel, position: 'insideEndTop' }, data: [{ yAxis: c.window }] } : undefined },
        { name: '发布', type: 'scatter', symbolSize: 7, itemStyle: { color: BLUE }, data: c.pubs.filter((p) => t(p) >= from && t(p) <= to).map((p) => [p, 0]) },
      ];
      const years = [c.from.slice(0, 4), iso(to).slice(0, 4)].filter((y, i, a) => a.indexOf(y) === i).join('–');
      return Object.assign({}, base, {
        grid: { left: 40, right: 52, top: 18, bottom: 24 },
        // Months only, thinned when they would touch; the year is said once, at the end of the axis.
        xAxis: { type: 'time', min: iso(from), max: iso(to), name: years + ' 年', nameGap: 8, axisLabel: { formatter: '{M}月', hideOverlap: true } },
        // The limit line stays inside the plot even when the data never come near it (a blank column, a yearly class).
        yAxis: { type: 'value', min: 0, max: c.window ? (v) => Math.ceil(Math.max(Number.isFinite(v.max) ? v.max : 0, c.window) * 1.15) : null },
        series,
      });
    },
    latency(c) {
      return Object.assign({}, base, {
        grid: { left: 40, right: 20, top: 20, bottom: 40 },
        xAxis: { type: 'category', data: c.buckets, name: '工作日', nameLocation: 'middle', nameGap: 26 },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', data: c.counts.map((v, i) => ({ value: v, itemStyle: { color: c.late[i] ? RED : BLUE } })) }],
      });
    },
  };

  // A bar per unit needs its own room: the score chart grows with the units instead of squeezing their names.
  const heights = { scores: (c) => Math.max(220, 26 * c.units.length + 64) };
  // Canvases keep the width they were drawn at: redrawn whenever their box changes (a scrollbar appearing,
  // the window resized), so a chart never holds the page wider than the screen.
  const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver((entries) => {
    for (const e of entries) echarts.getInstanceByDom(e.target)?.resize();
  });
  for (const c of data.charts || []) {
    const el = document.getElementById(c.el);
    if (!el || !builders[c.type]) continue;
    if (heights[c.type]) el.style.height = heights[c.type](c) + 'px';
    echarts.init(el, null, { renderer: 'canvas' }).setOption(builders[c.type](c));
    resize?.observe(el);
  }
})();

(function yearSwitch() {
  // The form works without script; this only saves the click on 切换.
  const select = document.getElementById('year-select');
  if (select) select.addEventListener('change', () => select.form.submit());
})();
