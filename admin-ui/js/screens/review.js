import { html, mount } from '../html.js';
import { api, imageUrl } from '../api.js';
import { session } from '../session.js';
import { loading, empty, showFailure, toast } from '../states.js';
import { number, label, scoreTone } from '../format.js';

// The reviewer's main screen: one image at a time, original beside enhanced (or under a slider), the QC score
// with its reasons, and Approve / Reject / Rework by button or single key.

const QUEUE_PAGE = 200;
const ZOOMS = { fit: 'Fit', 1: '100%', 2: '200%' };

// Rework choices besides the saved presets: rework options the connector validates like any preset.
const BUILT_IN_REWORK = [
  { value: 'options:full', text: 'Full pipeline (mode: full)', options: { mode: 'full' } },
  { value: 'options:sharpen', text: 'Sharpen only (mode: sharpen)', options: { mode: 'sharpen' } },
  { value: 'options:keep-background', text: 'Keep background', options: { remove_background: false } },
];

const METRICS = [
  ['width', 'Width', 0, 'px'],
  ['height', 'Height', 0, 'px'],
  ['sharpness', 'Sharpness', 1, ''],
  ['noise', 'Noise', 2, ''],
  ['contrast', 'Contrast', 1, ''],
];

export function renderReview(main) {
  const state = {
    items: [], index: 0, total: 0, seenTotal: 0, presets: [], view: 'side', zoom: 'fit', split: 50, busy: false,
    details: new Map(), images: new Map(), disposed: false,
  };

  mount(main, html`<section class="review" aria-labelledby="review-title">
    <div class="toolbar">
      <div class="toolbar-title">
        <h1 id="review-title">Review queue</h1>
        <p class="progress-text" id="queue-progress" aria-live="polite"></p>
      </div>
      <div class="toolbar-group" role="group" aria-label="Comparison view">
        <button type="button" class="seg" data-view="side" aria-pressed="true">Side by side</button>
        <button type="button" class="seg" data-view="slider" aria-pressed="false">Slider</button>
      </div>
      <div class="toolbar-group" role="group" aria-label="Zoom">
        ${Object.entries(ZOOMS).map(([z, text]) => html`<button type="button" class="seg" data-zoom="${z}"
          aria-pressed="${z === 'fit'}">${text}</button>`)}
      </div>
      <div class="toolbar-group">
        <button type="button" class="button" id="prev-item" title="Previous (K)">Previous</button>
        <button type="button" class="button" id="next-item" title="Next (J)">Next</button>
      </div>
      <div class="toolbar-group toolbar-end">
        <button type="button" class="button" id="open-bulk">Bulk approve…</button>
        <button type="button" class="button button-quiet" id="open-help" aria-haspopup="dialog">Shortcuts <kbd>?</kbd></button>
      </div>
    </div>
    <div id="review-body" class="review-body">${loading('the review queue')}</div>
    ${helpDialog()}
    ${bulkDialog()}
  </section>`);

  const body = main.querySelector('#review-body');
  const progress = main.querySelector('#queue-progress');
  const help = main.querySelector('#help-dialog');
  const bulk = main.querySelector('#bulk-dialog');

  main.querySelectorAll('[data-view]').forEach((b) => b.addEventListener('click', () => setView(b.dataset.view)));
  main.querySelectorAll('[data-zoom]').forEach((b) => b.addEventListener('click', () => setZoom(b.dataset.zoom)));
  main.querySelector('#prev-item').addEventListener('click', () => move(-1));
  main.querySelector('#next-item').addEventListener('click', () => move(1));
  main.querySelector('#open-help').addEventListener('click', () => help.showModal());
  main.querySelector('#open-bulk').addEventListener('click', openBulk);
  help.querySelector('[data-close]').addEventListener('click', () => help.close());
  bulk.querySelector('[data-close]').addEventListener('click', () => bulk.close());
  bulk.querySelector('#bulk-min-score').addEventListener('input', updateBulkCount);
  bulk.querySelector('#bulk-sku').addEventListener('input', updateBulkCount);
  bulk.querySelector('#bulk-form').addEventListener('submit', runBulk);

  function onKey(event) {
    if (state.disposed || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
    if (help.open || bulk.open) return;
    const key = event.key;
    const actions = {
      a: () => decide('approve'), r: () => decide('reject'), w: () => decide('rework'),
      j: () => move(1), k: () => move(-1), '?': () => help.showModal(),
      s: () => setView(state.view === 'side' ? 'slider' : 'side'),
      f: () => setZoom('fit'), 1: () => setZoom('1'), 2: () => setZoom('2'),
    };
    const action = actions[key.length === 1 ? key.toLowerCase() : key];
    if (!action) return;
    event.preventDefault();
    action();
  }
  document.addEventListener('keydown', onKey);

  load();

  async function load() {
    mount(body, loading('the review queue'));
    try {
      const [page, presets] = await Promise.all([
        api.get(`qc/pending?limit=${QUEUE_PAGE}`),
        api.get('configs').catch(() => []),
      ]);
      if (state.disposed) return;
      state.items = page.items;
      state.total = page.total;
      state.seenTotal = Math.max(state.seenTotal, page.total);
      state.presets = presets;
      state.index = Math.min(state.index, Math.max(0, state.items.length - 1));
      show();
    } catch (e) {
      if (!state.disposed) showFailure(body, e, load);
    }
  }

  function updateProgress() {
    progress.textContent = state.total === 0 ? 'Nothing left to review'
      : `${number(state.total)} of ${number(state.seenTotal)} left`;
  }

  function current() {
    return state.items[state.index];
  }

  function show() {
    updateProgress();
    const item = current();
    if (!item) {
      if (state.total > 0) {
        load();
        return;
      }
      mount(body, empty('The queue is clear', 'No enhanced image is waiting for review. New ones appear here as workers finish them.',
        html`<button type="button" class="button" data-action="reload">Check again</button>`));
      body.querySelector('[data-action="reload"]').addEventListener('click', load);
      return;
    }
    mount(body, html`<div class="review-layout">
      <div class="compare-area">
        <div class="item-head">
          <h2><span class="muted">SKU</span> ${item.sku_id || '–'}</h2>
          <span class="muted">${item.product_group_id ? html`Group ${item.product_group_id} · ` : ''}Image
            <a href="#/images/${item.id}">#${item.id}</a> · ${state.index + 1} of ${state.items.length} loaded</span>
        </div>
        <div id="compare" class="compare compare-${state.view} zoom-${state.zoom}"></div>
      </div>
      <aside class="decision-panel" aria-label="Decision">
        <div id="qc-summary" class="qc-summary">${loading('QC details')}</div>
        <form id="decision-form" class="decision-form" novalidate>
          <label for="review-notes">Notes</label>
          <textarea id="review-notes" rows="2" maxlength="2000"
            placeholder="What should change? Shown in the review history."></textarea>
          <label for="rework-preset">Rework preset</label>
          <select id="rework-preset">
            ${state.presets.length ? html`<optgroup label="Saved presets">${state.presets.map((p) => html`<option
              value="preset:${p.name}">${p.name}${p.category ? html` (${p.category})` : ''}</option>`)}</optgroup>` : ''}
            <optgroup label="Adjustments">${BUILT_IN_REWORK.map((o) => html`<option value="${o.value}">${o.text}</option>`)}</optgroup>
          </select>
          <div class="decision-buttons">
            <button type="button" class="button button-approve" data-decision="approve">Approve<kbd aria-hidden="true">A</kbd></button>
            <button type="button" class="button button-reject" data-decision="reject">Reject<kbd aria-hidden="true">R</kbd></button>
            <button type="button" class="button button-rework" data-decision="rework">Rework<kbd aria-hidden="true">W</kbd></button>
          </div>
        </form>
      </aside>
    </div>`);
    body.querySelectorAll('[data-decision]').forEach((b) => b.addEventListener('click', () => decide(b.dataset.decision)));
    renderCompare(item);
    renderSummary(item);
    prefetch(state.index + 1);
  }

  async function renderSummary(item) {
    const holder = body.querySelector('#qc-summary');
    try {
      const detail = await detailOf(item.id);
      if (current() !== item || state.disposed) return;
      const latest = detail.metrics.length ? detail.metrics[detail.metrics.length - 1] : null;
      const reasons = latest && latest.report && Array.isArray(latest.report.reasons) ? latest.report.reasons : [];
      const score = item.qc_score;
      mount(holder, html`<div class="score score-${scoreTone(score)}">
          <span class="score-value" id="qc-score">${number(score, 0)}</span>
          <span class="score-label">QC score<br><span class="muted">${label(item.qc_status)}</span></span>
        </div>
        <h3>Reasons</h3>
        ${reasons.length ? html`<ul class="reasons" id="qc-reasons">${reasons.map((r) => html`<li>${label(r)}</li>`)}</ul>`
          : html`<p class="muted" id="qc-reasons">No penalties: the score is below the auto-approve threshold.</p>`}
        <h3>Key metrics</h3>
        ${latest ? metricsTable(latest) : html`<p class="muted">No metrics recorded for this image.</p>`}
        ${latest && latest.report && latest.report.label_guard ? labelGuardBlock(latest.report.label_guard) : ''}`);
    } catch (e) {
      if (current() === item) mount(holder, html`<p class="form-error" role="alert">QC details unavailable: ${e.message}</p>`);
    }
  }

  // The label guard's own figures (OCR words and confidence, codes). It runs by default; when it skipped (no text
  // detected, OCR not installed) one line says why, as there are no figures to show.
  function labelGuardBlock(g) {
    if (g.verdict === 'skipped') {
      return html`<h3>Label guard</h3><p class="muted" id="label-guard">${g.reason || 'skipped'}</p>`;
    }
    const text = (t) => (t ? `${t.words} words, confidence ${number(t.mean_confidence, 0)}` : 'not read');
    const codes = (list) => (Array.isArray(list) ? list.length : 0);
    return html`<h3>Label guard</h3>
      <p id="label-guard"><strong>${label(g.verdict || '')}</strong>${g.reason ? html`: ${g.reason}` : ''}</p>
      <table class="metrics"><tbody>
        <tr><th scope="row">Text</th><td>${text(g.text_before)}</td><td>${text(g.text_after)}</td></tr>
        <tr><th scope="row">Codes</th><td>${codes(g.codes_before)}</td><td>${codes(g.codes_after)}</td></tr>
      </tbody></table>`;
  }

  function metricsTable(m) {
    return html`<table class="metrics"><thead><tr><th scope="col">Metric</th><th scope="col">Before</th>
      <th scope="col">After</th></tr></thead><tbody>${METRICS.map(([key, name, digits, unit]) => {
        const before = m.before ? m.before[key] : null;
        const after = m.after ? m.after[key] : null;
        const better = key === 'noise' ? after < before : after > before;
        const tone = before === after ? '' : better ? 'delta-up' : 'delta-down';
        return html`<tr><th scope="row">${name}</th><td>${number(before, digits)}${unit}</td>
          <td class="${tone}">${number(after, digits)}${unit}</td></tr>`;
      })}</tbody></table>`;
  }

  function detailOf(id) {
    if (!state.details.has(id)) state.details.set(id, api.get(`images/${id}`));
    return state.details.get(id);
  }

  function imagesOf(item) {
    if (!state.images.has(item.id)) {
      const enhanced = item.enhanced_image_url
        || (item.selected_rendition_id ? `/api/v1/images/${item.id}/renditions/${item.selected_rendition_id}/content` : null);
      state.images.set(item.id, {
        original: settle(imageUrl(`/api/v1/images/${item.id}/original`)),
        enhanced: enhanced ? settle(imageUrl(enhanced)) : Promise.resolve({ error: new Error('no rendition yet') }),
      });
    }
    return state.images.get(item.id);
  }

  function prefetch(index) {
    const next = state.items[index];
    if (next) {
      imagesOf(next);
      detailOf(next.id).catch(() => {});
    }
  }

  function renderCompare(item) {
    const compare = body.querySelector('#compare');
    if (state.view === 'side') {
      mount(compare, html`
        <figure class="pane"><figcaption>Original <span class="muted" data-size="original"></span></figcaption>
          <div class="viewport" data-pane="original">${loading('original')}</div></figure>
        <figure class="pane"><figcaption>Enhanced <span class="muted" data-size="enhanced"></span></figcaption>
          <div class="viewport" data-pane="enhanced">${loading('enhanced')}</div></figure>`);
    } else {
      mount(compare, html`<figure class="pane pane-slider"><figcaption>Original ← → Enhanced
          <span class="muted">drag the handle or use the arrow keys</span></figcaption>
        <div class="viewport" data-pane="slider"><div class="slider-stage">${loading('images')}</div></div>
        <label class="sr-only" for="split">Before/after position</label>
        <input type="range" id="split" min="0" max="100" value="${state.split}" class="split-range"></figure>`);
    }
    const { original, enhanced } = imagesOf(item);
    Promise.all([original, enhanced]).then(([o, e]) => {
      if (current() !== item || state.disposed || !compare.isConnected) return;
      if (state.view === 'side') {
        fillPane(compare, 'original', o, 'Original photo');
        fillPane(compare, 'enhanced', e, 'Enhanced rendition');
        syncScroll(compare);
      } else {
        fillSlider(compare, o, e);
      }
    });
  }

  function fillPane(compare, which, result, alt) {
    const viewport = compare.querySelector(`[data-pane="${which}"]`);
    if (result.error) {
      mount(viewport, html`<div class="state state-error compact" role="alert"><p>${alt} unavailable</p>
        <p class="muted">${result.error.message}</p></div>`);
      return;
    }
    const img = document.createElement('img');
    img.alt = alt;
    img.decoding = 'async';
    img.addEventListener('load', () => {
      compare.querySelector(`[data-size="${which}"]`).textContent = `${img.naturalWidth} × ${img.naturalHeight}`;
      applyZoom(img);
    });
    img.src = result.url;
    viewport.replaceChildren(img);
  }

  function fillSlider(compare, o, e) {
    const stage = compare.querySelector('.slider-stage');
    if (o.error || e.error) {
      mount(stage, html`<div class="state state-error compact" role="alert"><p>Images unavailable</p>
        <p class="muted">${(o.error || e.error).message}</p></div>`);
      return;
    }
    mount(stage, html`<img class="slider-before" alt="Original photo" src="${o.url}">
      <img class="slider-after" alt="Enhanced rendition" src="${e.url}">
      <div class="slider-handle" aria-hidden="true"></div>`);
    const range = compare.querySelector('#split');
    const setSplit = (v) => {
      state.split = Number(v);
      stage.style.setProperty('--split', `${state.split}%`);
    };
    setSplit(state.split);
    range.addEventListener('input', () => setSplit(range.value));
    const before = stage.querySelector('.slider-before');
    before.addEventListener('load', () => {
      if (state.zoom !== 'fit') stage.style.width = `${before.naturalWidth * Number(state.zoom)}px`;
    });
    stage.addEventListener('pointerdown', (ev) => {
      const move = (m) => {
        const rect = stage.getBoundingClientRect();
        const v = Math.max(0, Math.min(100, ((m.clientX - rect.left) / rect.width) * 100));
        range.value = String(Math.round(v));
        setSplit(v);
      };
      move(ev);
      stage.setPointerCapture(ev.pointerId);
      stage.addEventListener('pointermove', move);
      stage.addEventListener('pointerup', () => stage.removeEventListener('pointermove', move), { once: true });
    });
  }

  function applyZoom(img) {
    if (state.zoom === 'fit') img.style.width = '';
    else img.style.width = `${img.naturalWidth * Number(state.zoom)}px`;
  }

  // In zoomed side-by-side view both panes scroll together, so the same label detail stays in view.
  function syncScroll(compare) {
    const panes = [...compare.querySelectorAll('.viewport')];
    let lock = false;
    panes.forEach((pane) => pane.addEventListener('scroll', () => {
      if (lock) return;
      lock = true;
      const fx = pane.scrollLeft / Math.max(1, pane.scrollWidth - pane.clientWidth);
      const fy = pane.scrollTop / Math.max(1, pane.scrollHeight - pane.clientHeight);
      panes.filter((p) => p !== pane).forEach((p) => {
        p.scrollLeft = fx * (p.scrollWidth - p.clientWidth);
        p.scrollTop = fy * (p.scrollHeight - p.clientHeight);
      });
      requestAnimationFrame(() => { lock = false; });
    }));
  }

  function setView(view) {
    state.view = view;
    main.querySelectorAll('[data-view]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.view === view)));
    const item = current();
    const compare = body.querySelector('#compare');
    if (item && compare) {
      compare.className = `compare compare-${state.view} zoom-${state.zoom}`;
      renderCompare(item);
    }
  }

  function setZoom(zoom) {
    state.zoom = zoom;
    main.querySelectorAll('[data-zoom]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.zoom === zoom)));
    const compare = body.querySelector('#compare');
    if (!compare) return;
    compare.className = `compare compare-${state.view} zoom-${state.zoom}`;
    compare.querySelectorAll('.viewport > img').forEach(applyZoom);
    const stage = compare.querySelector('.slider-stage');
    const before = compare.querySelector('.slider-before');
    if (stage && before) stage.style.width = zoom === 'fit' ? '' : `${before.naturalWidth * Number(zoom)}px`;
  }

  function move(step) {
    if (!state.items.length) return;
    state.index = (state.index + step + state.items.length) % state.items.length;
    show();
    body.querySelector('.compare-area')?.focus?.();
  }

  async function decide(kind) {
    const item = current();
    if (!item || state.busy) return;
    const notesField = body.querySelector('#review-notes');
    const notes = notesField ? notesField.value.trim() : '';
    const request = { status: kind === 'approve' ? 'approved' : 'rejected', reviewer_id: session.reviewerName() };
    if (notes) request.notes = notes;
    if (kind === 'rework') {
      const choice = body.querySelector('#rework-preset').value;
      if (choice.startsWith('preset:')) request.rework_preset = choice.slice('preset:'.length);
      else request.rework_options = BUILT_IN_REWORK.find((o) => o.value === choice).options;
    }
    state.busy = true;
    body.querySelectorAll('[data-decision]').forEach((b) => { b.disabled = true; });
    try {
      await api.post(`qc/${item.id}/review`, request);
      const verb = { approve: 'Approved', reject: 'Rejected', rework: 'Sent to rework' }[kind];
      toast(`${verb}: ${item.sku_id || `image #${item.id}`}`, kind === 'approve' ? 'success' : 'info');
      forget(item);
      state.total = Math.max(0, state.total - 1);
      if (state.index >= state.items.length) state.index = 0;
      show();
    } catch (e) {
      toast(`Could not record the decision: ${e.message}`, 'error');
      if (e.code === 'not_reviewable' || e.status === 404) {
        forget(item);
        show();
      } else {
        body.querySelectorAll('[data-decision]').forEach((b) => { b.disabled = false; });
      }
    } finally {
      state.busy = false;
    }
  }

  function forget(item) {
    state.items = state.items.filter((i) => i !== item);
    const urls = state.images.get(item.id);
    state.images.delete(item.id);
    state.details.delete(item.id);
    if (urls) revoke(urls);
  }

  function openBulk() {
    bulk.querySelector('#bulk-result').textContent = '';
    updateBulkCount();
    bulk.showModal();
  }

  function bulkSelection() {
    const min = Number(bulk.querySelector('#bulk-min-score').value || 0);
    const sku = bulk.querySelector('#bulk-sku').value.trim().toLowerCase();
    return state.items.filter((i) => (i.qc_score ?? 0) >= min && (!sku || String(i.sku_id || '').toLowerCase().includes(sku)));
  }

  function updateBulkCount() {
    const n = bulkSelection().length;
    const submit = bulk.querySelector('#bulk-submit');
    submit.textContent = `Approve ${n} image${n === 1 ? '' : 's'}`;
    submit.disabled = n === 0;
    bulk.querySelector('#bulk-count').textContent = `${n} of the ${state.items.length} loaded images match.`;
  }

  async function runBulk(event) {
    event.preventDefault();
    const selected = bulkSelection();
    const result = bulk.querySelector('#bulk-result');
    const submit = bulk.querySelector('#bulk-submit');
    submit.disabled = true;
    let done = 0;
    const failed = [];
    for (const item of selected) {
      try {
        await api.post(`qc/${item.id}/review`, { status: 'approved', reviewer_id: session.reviewerName(), notes: 'bulk approve' });
        done += 1;
      } catch (e) {
        failed.push(`#${item.id}: ${e.message}`);
      }
      result.textContent = `Approved ${done} of ${selected.length}…`;
    }
    result.textContent = failed.length ? `Approved ${done}; ${failed.length} failed: ${failed.join('; ')}`
      : `Approved ${done} image${done === 1 ? '' : 's'}.`;
    toast(`Bulk approve: ${done} approved`, failed.length ? 'error' : 'success');
    state.index = 0;
    await load();
    updateBulkCount();
  }

  return () => {
    state.disposed = true;
    document.removeEventListener('keydown', onKey);
    if (help.open) help.close();
    if (bulk.open) bulk.close();
    state.images.forEach(revoke);
  };
}

async function settle(promise) {
  try {
    return { url: await promise };
  } catch (error) {
    return { error };
  }
}

function revoke(urls) {
  for (const p of [urls.original, urls.enhanced]) {
    p.then((r) => { if (r.url && r.url.startsWith('blob:')) URL.revokeObjectURL(r.url); });
  }
}

function helpDialog() {
  const keys = [['A', 'Approve'], ['R', 'Reject (with the notes typed)'], ['W', 'Rework with the chosen preset'],
    ['J', 'Next image'], ['K', 'Previous image'], ['S', 'Switch side by side / slider'],
    ['F', 'Fit to pane'], ['1', 'Zoom 100%'], ['2', 'Zoom 200%'], ['?', 'This help']];
  return html`<dialog id="help-dialog" aria-labelledby="help-title">
    <h2 id="help-title">Keyboard shortcuts</h2>
    <p class="muted">Shortcuts work whenever the cursor is not in a text field.</p>
    <table class="shortcuts"><tbody>${keys.map(([k, what]) => html`<tr><td><kbd>${k}</kbd></td><td>${what}</td></tr>`)}</tbody></table>
    <div class="dialog-actions"><button type="button" class="button" data-close>Close</button></div>
  </dialog>`;
}

function bulkDialog() {
  return html`<dialog id="bulk-dialog" aria-labelledby="bulk-title">
    <form id="bulk-form" method="dialog">
      <h2 id="bulk-title">Bulk approve</h2>
      <p class="muted">Approve every loaded image in the queue that matches this filter.</p>
      <label for="bulk-min-score">Minimum QC score</label>
      <input id="bulk-min-score" type="number" min="0" max="100" step="1" value="80">
      <label for="bulk-sku">SKU contains</label>
      <input id="bulk-sku" type="text" autocomplete="off">
      <p id="bulk-count" class="hint" aria-live="polite"></p>
      <p id="bulk-result" role="status"></p>
      <div class="dialog-actions">
        <button type="button" class="button" data-close>Cancel</button>
        <button type="submit" class="button button-approve" id="bulk-submit">Approve</button>
      </div>
    </form>
  </dialog>`;
}
