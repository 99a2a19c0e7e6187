import { html } from './html.js';

export function number(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return '–';
  return Number(value).toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function bytes(n) {
  if (n === null || n === undefined) return '–';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function dateTime(value) {
  if (!value) return '–';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** Underscored ids as words: needs_review -> Needs review. */
export function label(id) {
  if (id === null || id === undefined || id === '') return '–';
  const s = String(id).replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const TONES = {
  completed: 'good', approved: 'good', auto_approved: 'good', delivered: 'good',
  processing: 'info', running: 'info', pending: 'neutral', queued: 'neutral',
  needs_review: 'warn', completed_with_failures: 'warn',
  failed: 'bad', rejected: 'bad', dead: 'bad',
};

export function pill(status) {
  return html`<span class="pill pill-${TONES[status] || 'neutral'}">${label(status)}</span>`;
}

export function scoreTone(score) {
  if (score === null || score === undefined) return 'neutral';
  if (score >= 85) return 'good';
  if (score >= 60) return 'warn';
  return 'bad';
}
