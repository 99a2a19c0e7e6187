import { html, mount } from '../html.js';
import { api } from '../api.js';
import { canWrite } from '../session.js';
import { loading, empty, showFailure, toast } from '../states.js';
import { number, pill, dateTime } from '../format.js';

// Live progress by polling GET /batch/{id} for every batch still running; polling stops with the screen.

const POLL_MS = 1500;
const MODES = ['auto', 'full', 'sharpen', 'denoise', 'upscale', 'optimize'];

export function renderBatches(main) {
  let disposed = false;
  let timer = null;
  const progress = new Map();
  const writable = canWrite('batches');
  mount(main, html`<section aria-labelledby="batches-title">
    <div class="toolbar"><div class="toolbar-title"><h1 id="batches-title">Batches</h1>
      <p class="muted">Enhance a selection of images with the same settings and follow it live.</p></div></div>
    <div class="detail-grid">
      <div class="panel">${writable ? createForm() : html`<h2>Create a batch</h2>
        <p class="muted">Your role can follow batches; an integration or admin key creates them.</p>`}</div>
      <div class="panel"><h2>Recent batches</h2><div id="batch-list">${loading('batches')}</div></div>
    </div></section>`);
  const list = main.querySelector('#batch-list');
  if (writable) wireForm();
  loadList();

  function createForm() {
    return html`<h2>Create a batch</h2><form id="batch-form" novalidate>
      <fieldset class="inline-choices"><legend>Select images by</legend>
        <label><input type="radio" name="by" value="sku_id" checked> SKU</label>
        <label><input type="radio" name="by" value="product_group_id"> Product group</label>
        <label><input type="radio" name="by" value="image_ids"> Image ids</label></fieldset>
      <label for="batch-selector" id="batch-selector-label">SKU</label>
      <input id="batch-selector" type="text" autocomplete="off" required aria-describedby="batch-error">
      <div class="field-row">
        <div class="field"><label for="batch-mode">Mode</label><select id="batch-mode">${MODES.map((m) => html`<option value="${m}">${m}</option>`)}</select></div>
        <div class="field"><label for="batch-bg">Remove background</label><select id="batch-bg">
          <option value="auto">Automatic</option><option value="true">Yes</option><option value="false">No</option></select></div>
        <div class="field"><label for="batch-preset">Preset</label><select id="batch-preset"><option value="">None</option></select></div>
      </div>
      <p class="form-error" id="batch-error" role="alert"></p>
      <button type="submit" class="button button-primary">Create batch</button></form>`;
  }

  async function wireForm() {
    const form = main.querySelector('#batch-form');
    const selector = form.querySelector('#batch-selector');
    const selectorLabel = form.querySelector('#batch-selector-label');
    const labels = { sku_id: 'SKU', product_group_id: 'Product group', image_ids: 'Image ids (comma-separated)' };
    form.querySelectorAll('input[name="by"]').forEach((r) => r.addEventListener('change', () => {
      selectorLabel.textContent = labels[r.value];
    }));
    try {
      const presets = await api.get('configs');
      const select = form.querySelector('#batch-preset');
      presets.forEach((p) => {
        const option = document.createElement('option');
        option.value = p.name;
        option.textContent = p.name;
        select.append(option);
      });
    } catch {
      // presets are optional here; the batch can run without one
    }
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const error = form.querySelector('#batch-error');
      error.textContent = '';
      const by = new FormData(form).get('by');
      const raw = selector.value.trim();
      if (!raw) {
        error.textContent = `Enter ${labels[by].toLowerCase()}.`;
        selector.focus();
        return;
      }
      const request = { mode: form.querySelector('#batch-mode').value, remove_background: form.querySelector('#batch-bg').value };
      const preset = form.querySelector('#batch-preset').value;
      if (preset) request.preset = preset;
      if (by === 'image_ids') {
        const ids = raw.split(/[\s,]+/).filter(Boolean).map(Number);
        if (ids.some((n) => !Number.isInteger(n) || n < 1)) {
          error.textContent = 'Image ids must be whole numbers separated by commas.';
          return;
        }
        request.image_ids = ids;
      } else {
        request[by] = raw;
      }
      try {
        const created = await api.post('batch', request);
        toast(`Batch created with ${created.total} image${created.total === 1 ? '' : 's'}`, 'success');
        selector.value = '';
        loadList();
      } catch (e) {
        error.textContent = e.message;
      }
    });
  }

  async function loadList() {
    try {
      const batches = await api.get('batch?limit=20');
      if (disposed) return;
      drawList(batches);
      // running batches for their live counts, finished ones with failures for the failure list
      const worthAsking = batches.filter((b) => b.status === 'running' || b.failed > 0);
      await Promise.all(worthAsking.map((b) => refresh(b.id)));
      schedule(batches);
    } catch (e) {
      if (!disposed) showFailure(list, e, loadList);
    }
  }

  function schedule(batches) {
    clearTimeout(timer);
    if (disposed) return;
    const active = batches.filter((b) => (progress.get(b.id) || b).status === 'running');
    if (active.length) timer = setTimeout(async () => {
      await Promise.all(active.map((b) => refresh(b.id)));
      schedule(batches);
    }, POLL_MS);
  }

  async function refresh(id) {
    try {
      const p = await api.get(`batch/${encodeURIComponent(id)}`);
      progress.set(id, p);
      if (!disposed) drawProgress(p);
    } catch {
      // a transient failure leaves the last known progress on screen; the next poll tries again
    }
  }

  function drawList(batches) {
    if (!batches.length) {
      mount(list, empty('No batches yet', writable ? 'Create one with the form: pick images by SKU, product group or id.'
        : 'Batches created by integrations appear here.'));
      return;
    }
    mount(list, html`<ul class="batch-list">${batches.map((b) => html`<li class="batch" data-batch="${b.id}">
      ${batchBody({ job_id: b.id, status: b.status, total: b.total, completed: b.completed, failed: b.failed,
        progress: b.total ? ((b.completed + b.failed) / b.total) * 100 : 100, failures: [], created_at: b.created_at })}</li>`)}</ul>`);
    fillBars(list);
    wireRetry();
  }

  function drawProgress(p) {
    const item = list.querySelector(`[data-batch="${CSS.escape(p.job_id)}"]`);
    if (!item) return;
    mount(item, batchBody(p));
    fillBars(item);
    wireRetry();
  }

  // Widths set through the DOM, not a style attribute in the markup: the Content-Security-Policy allows no inline styles.
  function fillBars(root) {
    root.querySelectorAll('.bar > span[data-percent]').forEach((bar) => { bar.style.width = `${bar.dataset.percent}%`; });
  }

  function batchBody(p) {
    const pct = Math.round(p.progress * 10) / 10;
    return html`<div class="batch-head"><span class="mono">${p.job_id.slice(0, 8)}</span> ${pill(p.status)}
        <span class="muted">${dateTime(p.created_at)}</span></div>
      <div class="bar" role="progressbar" aria-label="Batch ${p.job_id.slice(0, 8)} progress" aria-valuemin="0"
        aria-valuemax="100" aria-valuenow="${pct}"><span data-percent="${pct}"></span></div>
      <p class="batch-counts"><span class="batch-percent">${number(pct, 0)}%</span> · ${number(p.completed)} done ·
        ${number(p.failed)} failed · ${number(p.total)} total</p>
      ${p.failures && p.failures.length ? html`<details class="failures"><summary>${p.failures.length} failure${p.failures.length === 1 ? '' : 's'}</summary>
        <ul>${p.failures.map((f) => html`<li><a href="#/images/${f.image_id}">#${f.image_id}</a> ${f.error}</li>`)}</ul>
        ${writable ? html`<button type="button" class="button" data-retry="${p.job_id}">Retry failed</button>` : ''}</details>` : ''}`;
  }

  function wireRetry() {
    list.querySelectorAll('[data-retry]').forEach((b) => b.addEventListener('click', async () => {
      const p = progress.get(b.dataset.retry);
      if (!p) return;
      b.disabled = true;
      try {
        const created = await api.post('batch', { image_ids: p.failures.map((f) => Number(f.image_id)) });
        toast(`Retrying ${created.total} failed images in a new batch`, 'success');
        loadList();
      } catch (e) {
        toast(`Retry failed: ${e.message}`, 'error');
        b.disabled = false;
      }
    }));
  }

  return () => {
    disposed = true;
    clearTimeout(timer);
  };
}
