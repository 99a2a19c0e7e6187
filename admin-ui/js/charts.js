import { html } from './html.js';
import { number } from './format.js';

// Small SVG charts: bars, horizontal bars, histogram and a line over time. Each answers markup with a title
// and a text alternative, so the figures are readable without seeing the chart.

const PALETTE = ['#2f6fed', '#1f9d74', '#d98a00', '#c2410c', '#7c3aed', '#0e7490', '#be185d', '#4d7c0f'];

function nice(max) {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

function summary(entries) {
  return entries.map(([k, v]) => `${k}: ${number(v)}`).join(', ');
}

/** Vertical bars, one per entry [label, value]; colors by an optional tone function. */
export function barChart(title, entries, { height = 170, width = 420, color } = {}) {
  if (!entries.length) return emptyChart(title);
  const pad = { top: 16, right: 12, bottom: 30, left: 40 };
  const max = nice(Math.max(...entries.map(([, v]) => v)));
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const slot = plotW / entries.length;
  const barW = Math.min(48, slot * 0.64);
  const ticks = [0, 0.5, 1].map((f) => f * max);
  return html`<figure class="chart"><figcaption>${title}</figcaption>
    <svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}: ${summary(entries)}">
      ${ticks.map((t) => {
        const y = pad.top + plotH - (t / max) * plotH;
        return html`<line class="grid" x1="${pad.left}" x2="${width - pad.right}" y1="${y}" y2="${y}"/>
          <text class="axis" x="${pad.left - 6}" y="${y + 4}" text-anchor="end">${number(t)}</text>`;
      })}
      ${entries.map(([name, value], i) => {
        const h = (value / max) * plotH;
        const x = pad.left + slot * i + (slot - barW) / 2;
        const y = pad.top + plotH - h;
        const fill = color ? color(name, i) : PALETTE[i % PALETTE.length];
        return html`<g><title>${name}: ${number(value)}</title>
          <rect x="${x}" y="${y}" width="${barW}" height="${Math.max(h, 0.5)}" rx="3" fill="${fill}"/>
          <text class="value" x="${x + barW / 2}" y="${y - 4}" text-anchor="middle">${number(value)}</text>
          <text class="axis" x="${x + barW / 2}" y="${height - pad.bottom + 16}" text-anchor="middle">${shorten(name, 14)}</text></g>`;
      })}
    </svg></figure>`;
}

/** Horizontal bars, for long labels such as failure reasons. */
export function horizontalBars(title, entries, { width = 420, rowHeight = 28 } = {}) {
  if (!entries.length) return emptyChart(title, 'No failures recorded');
  const labelW = 150;
  const height = entries.length * rowHeight + 12;
  const max = Math.max(...entries.map(([, v]) => v), 1);
  const barSpace = width - labelW - 48;
  return html`<figure class="chart"><figcaption>${title}</figcaption>
    <svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}: ${summary(entries)}">
      ${entries.map(([name, value], i) => {
        const y = 6 + i * rowHeight;
        const w = Math.max((value / max) * barSpace, 1);
        return html`<g><title>${name}: ${number(value)}</title>
          <text class="axis" x="${labelW - 8}" y="${y + rowHeight / 2 + 2}" text-anchor="end">${shorten(name, 22)}</text>
          <rect x="${labelW}" y="${y + 4}" width="${w}" height="${rowHeight - 10}" rx="3" fill="#c2410c"/>
          <text class="value" x="${labelW + w + 6}" y="${y + rowHeight / 2 + 2}">${number(value)}</text></g>`;
      })}
    </svg></figure>`;
}

/** Counts of values in equal-width bins over [min, max). */
export function histogram(title, values, { min = 0, max = 100, bins = 10, threshold } = {}) {
  if (!values.length) return emptyChart(title, 'No scored images yet');
  const counts = new Array(bins).fill(0);
  const step = (max - min) / bins;
  for (const v of values) counts[Math.min(bins - 1, Math.max(0, Math.floor((v - min) / step)))] += 1;
  const entries = counts.map((c, i) => [`${min + i * step}–${min + (i + 1) * step}`, c]);
  const tone = (name, i) => {
    const upper = min + (i + 1) * step;
    if (threshold !== undefined && upper <= threshold) return '#d98a00';
    return '#1f9d74';
  };
  return barChart(title, entries, { color: tone, width: 460 });
}

/** A line over time from [Date, value] points, already sorted. */
export function lineChart(title, points, { width = 460, height = 190, unit = '' } = {}) {
  if (points.length < 2) return emptyChart(title, 'Not enough history yet');
  const pad = { top: 16, right: 14, bottom: 34, left: 40 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const t0 = points[0][0].getTime();
  const t1 = points[points.length - 1][0].getTime();
  const max = nice(Math.max(...points.map(([, v]) => v)));
  const x = (t) => pad.left + ((t.getTime() - t0) / Math.max(1, t1 - t0)) * plotW;
  const y = (v) => pad.top + plotH - (v / max) * plotH;
  const path = points.map(([t, v], i) => `${i ? 'L' : 'M'}${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const area = `${path} L${x(points[points.length - 1][0]).toFixed(1)},${pad.top + plotH} L${pad.left},${pad.top + plotH} Z`;
  const timeLabel = (d) => d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  const text = points.map(([t, v]) => `${timeLabel(t)} ${number(v)}${unit}`).join(', ');
  return html`<figure class="chart"><figcaption>${title}</figcaption>
    <svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}: ${text}">
      ${[0, 0.5, 1].map((f) => html`<line class="grid" x1="${pad.left}" x2="${width - pad.right}" y1="${y(f * max)}"
        y2="${y(f * max)}"/><text class="axis" x="${pad.left - 6}" y="${y(f * max) + 4}" text-anchor="end">${number(f * max)}</text>`)}
      <path d="${area}" fill="#2f6fed" fill-opacity="0.12"/>
      <path d="${path}" fill="none" stroke="#2f6fed" stroke-width="2"/>
      ${points.map(([t, v]) => html`<circle cx="${x(t)}" cy="${y(v)}" r="3" fill="#2f6fed"><title>${timeLabel(t)}: ${number(v)}${unit}</title></circle>`)}
      <text class="axis" x="${pad.left}" y="${height - 8}">${timeLabel(points[0][0])}</text>
      <text class="axis" x="${width - pad.right}" y="${height - 8}" text-anchor="end">${timeLabel(points[points.length - 1][0])}</text>
    </svg></figure>`;
}

function emptyChart(title, message = 'No data yet') {
  return html`<figure class="chart chart-empty"><figcaption>${title}</figcaption>
    <svg viewBox="0 0 420 120" role="img" aria-label="${title}: ${message}">
      <rect x="1" y="1" width="418" height="118" rx="8" fill="none" stroke="#d0d5dd" stroke-dasharray="4 4"/>
      <text class="axis" x="210" y="64" text-anchor="middle">${message}</text></svg></figure>`;
}

function shorten(text, n) {
  const s = String(text);
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
