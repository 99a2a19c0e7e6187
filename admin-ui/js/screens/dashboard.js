import { html, mount } from '../html.js';
import { api } from '../api.js';
import { loading, showFailure } from '../states.js';
import { number, label } from '../format.js';
import { barChart, horizontalBars, histogram, lineChart } from '../charts.js';

// Counts come from /stats; the score distribution and throughput are drawn from the most recent completed
// images (one page of /images), which is what an operator looks at during a shift.

const SAMPLE = 500;
const STATUS_ORDER = ['pending', 'processing', 'completed', 'failed'];
const QC_ORDER = ['pending', 'needs_review', 'auto_approved', 'approved', 'rejected'];
const QC_COLORS = { pending: '#98a2b3', needs_review: '#d98a00', auto_approved: '#1f9d74', approved: '#15803d', rejected: '#c2410c' };
const STATUS_COLORS = { pending: '#98a2b3', processing: '#2f6fed', completed: '#1f9d74', failed: '#c2410c' };

export function renderDashboard(main) {
  let disposed = false;
  mount(main, html`<section aria-labelledby="dash-title">
    <div class="toolbar"><div class="toolbar-title"><h1 id="dash-title">Dashboard</h1>
      <p class="muted" id="dash-updated"></p></div>
      <div class="toolbar-group toolbar-end"><button type="button" class="button" id="dash-refresh">Refresh</button></div>
    </div>
    <div id="dash-body">${loading('the dashboard')}</div></section>`);
  const body = main.querySelector('#dash-body');
  main.querySelector('#dash-refresh').addEventListener('click', load);
  load();

  async function load() {
    try {
      const [stats, recent] = await Promise.all([
        api.get('stats'),
        api.get(`images?status=completed&limit=${SAMPLE}`),
      ]);
      if (disposed) return;
      draw(stats, recent);
      main.querySelector('#dash-updated').textContent = `Updated ${new Date().toLocaleTimeString('en-GB')}`;
    } catch (e) {
      if (!disposed) showFailure(body, e, load);
    }
  }

  function draw(stats, recent) {
    const byStatus = ordered(stats.by_status, STATUS_ORDER);
    const byQc = ordered(stats.by_qc_status, QC_ORDER);
    const total = byStatus.reduce((s, [, n]) => s + n, 0);
    const failures = Object.entries(stats.failures_by_reason || {}).map(([k, n]) => [k === 'null' ? 'unknown' : k, n])
      .sort((a, b) => b[1] - a[1]).slice(0, 8);
    const scores = recent.items.map((i) => i.qc_score).filter((s) => s !== null && s !== undefined);
    const improvement = stats.average_improvement || {};
    mount(body, html`
      <div class="cards">
        ${card('Images', number(total), `${number((stats.by_status || {}).completed || 0)} completed`)}
        ${card('Needs review', number((stats.by_qc_status || {}).needs_review || 0), 'waiting for a reviewer', 'warn')}
        ${card('Failed', number((stats.by_status || {}).failed || 0), failures.length ? `top reason: ${label(failures[0][0])}` : 'no failures', 'bad')}
        ${card('Average QC score', number(stats.average_qc_score, 1), 'over all scored images', 'good')}
        ${card('Sharpness gain', signed(improvement.sharpness, 1), 'average after − before')}
        ${card('Noise reduction', signed(improvement.noise, 2), `${number(improvement.processing_ms, 0)} ms per image`)}
      </div>
      <div class="chart-grid">
        <div class="panel">${barChart('Images by status', byStatus.map(([k, n]) => [label(k), n]),
          { color: (name, i) => STATUS_COLORS[byStatus[i][0]] || '#2f6fed' })}</div>
        <div class="panel">${barChart('Images by QC status', byQc.map(([k, n]) => [label(k), n]),
          { color: (name, i) => QC_COLORS[byQc[i][0]] || '#2f6fed' })}</div>
        <div class="panel">${histogram(`QC score distribution (latest ${number(scores.length)} completed)`, scores, { threshold: 75 })}</div>
        <div class="panel">${lineChart('Throughput: images completed per hour', throughput(recent.items))}</div>
        <div class="panel">${horizontalBars('Failures by reason', failures.map(([k, n]) => [label(k), n]))}</div>
      </div>`);
  }

  return () => { disposed = true; };
}

function card(title, value, detail, tone = '') {
  return html`<div class="card ${tone ? `card-${tone}` : ''}"><p class="card-title">${title}</p>
    <p class="card-value">${value}</p><p class="card-detail">${detail}</p></div>`;
}

function signed(v, digits) {
  if (v === null || v === undefined) return '–';
  return `${v >= 0 ? '+' : ''}${number(v, digits)}`;
}

function ordered(counts, order) {
  const entries = Object.entries(counts || {}).filter(([k]) => k !== 'null');
  return entries.sort((a, b) => rank(order, a[0]) - rank(order, b[0]));
}

function rank(order, key) {
  const i = order.indexOf(key);
  return i < 0 ? order.length : i;
}

/** Completions per hour over the last 12 hours of the sample. */
function throughput(items) {
  const times = items.map((i) => new Date(i.updated_at)).filter((d) => !Number.isNaN(d.getTime()));
  if (!times.length) return [];
  const hour = 3600 * 1000;
  const end = Math.ceil(Math.max(...times.map((t) => t.getTime())) / hour) * hour;
  const buckets = new Array(12).fill(0);
  for (const t of times) {
    const slot = 11 - Math.floor((end - 1 - t.getTime()) / hour);
    if (slot >= 0) buckets[slot] += 1;
  }
  return buckets.map((n, i) => [new Date(end - (12 - i) * hour), n]);
}
