import { html, mount } from '../html.js';
import { api, imageUrl } from '../api.js';
import { canWrite } from '../session.js';
import { loading, showFailure, toast } from '../states.js';
import { number, bytes, pill, dateTime, label } from '../format.js';

export function renderImageDetail(main, { param }) {
  let disposed = false;
  const blobs = [];
  const id = Number(param);
  mount(main, html`<section aria-labelledby="detail-title">
    <div class="toolbar"><div class="toolbar-title"><p class="crumb"><a href="#/images">Images</a> /</p>
      <h1 id="detail-title">Image #${param}</h1></div></div>
    <div id="detail-body">${loading('the image')}</div></section>`);
  const body = main.querySelector('#detail-body');
  if (!Number.isInteger(id) || id < 1) {
    showFailure(body, { code: 'invalid_request', message: `"${param}" is not an image id` }, () => { window.location.hash = '#/images'; });
    return null;
  }
  load();

  async function load() {
    mount(body, loading('the image'));
    try {
      const detail = await api.get(`images/${id}`);
      if (!disposed) draw(detail);
    } catch (e) {
      if (!disposed) showFailure(body, e, load);
    }
  }

  function draw(d) {
    const image = d.image;
    const editable = canWrite('renditions');
    const renditions = d.renditions || [];
    mount(body, html`<div class="detail-grid">
      <div class="panel">
        <h2>Overview</h2>
        <dl class="facts">
          <dt>SKU</dt><dd>${image.sku_id || '–'}</dd>
          <dt>Product group</dt><dd>${image.product_group_id || '–'}</dd>
          <dt>Status</dt><dd>${pill(image.status)}</dd>
          <dt>QC</dt><dd>${pill(image.qc_status)} <span class="muted">score ${number(image.qc_score, 1)}</span></dd>
          <dt>Source</dt><dd class="wrap">${image.image_url || image.dam_reference || '–'}</dd>
          ${image.error_reason ? html`<dt>Problem</dt><dd class="error-text wrap">${image.error_code}: ${image.error_reason}</dd>` : ''}
          ${d.live_status ? html`<dt>Live</dt><dd>${label(d.live_status.state)} · ${d.live_status.stage || ''} ${d.live_status.message || ''}</dd>` : ''}
          <dt>Updated</dt><dd>${dateTime(image.updated_at)}</dd>
        </dl>
        <div class="thumbs">
          <figure><figcaption>Original</figcaption><div class="thumb" data-thumb="original">${loading('original')}</div></figure>
          <figure><figcaption>Published</figcaption><div class="thumb" data-thumb="published">${image.selected_rendition_id
            ? loading('rendition') : html`<p class="muted">The original is published.</p>`}</div></figure>
        </div>
      </div>
      <div class="stack"><div class="panel">
        <h2>Renditions</h2>
        ${renditions.length === 0 ? html`<p class="muted">No rendition yet: the image has not been enhanced.</p>` : html`
        <form id="rendition-form">
          <fieldset ${editable ? '' : html`disabled`}><legend>Version to publish</legend>
            <label class="radio-row"><input type="radio" name="rendition" value="" ${image.selected_rendition_id ? '' : html`checked`}>
              <span><strong>Original</strong> <span class="muted">revert to the untouched photo</span></span></label>
            ${renditions.map((r) => html`<label class="radio-row"><input type="radio" name="rendition" value="${r.id}"
              ${r.selected ? html`checked` : ''}><span><strong>Version ${r.version}</strong>
              <span class="muted">${r.width} × ${r.height} · ${bytes(r.bytes)} · ${r.media_type} · score ${number(r.qc_score, 1)}
              ${r.preset ? html`· preset ${r.preset}${r.preset_version != null ? ` v${r.preset_version}` : ''}` : ''} · ${dateTime(r.created_at)}</span></span></label>`)}
          </fieldset>
          ${editable ? html`<button type="submit" class="button button-primary">Publish selection</button>`
            : html`<p class="hint">Your role can look at renditions but not change which one is published.</p>`}
        </form>`}
      </div>
      <div class="panel">
        <h2>Review history</h2>
        ${d.review_history.length ? html`<ol class="history" id="review-history">${d.review_history.map((r) => html`<li>
          <div>${pill(r.decision)} <strong>${r.reviewer_id}</strong> <span class="muted">${dateTime(r.created_at)}
            · was ${label(r.previous_qc_status)}${r.rework_preset ? html` · rework preset ${r.rework_preset}` : ''}</span></div>
          ${r.notes ? html`<p class="note">${r.notes}</p>` : ''}</li>`)}</ol>`
          : html`<p class="muted" id="review-history">Nobody has reviewed this image yet.</p>`}
      </div></div>
      <div class="panel span-2">
        <h2>Metrics</h2>
        ${d.metrics.length ? html`<div class="table-wrap"><table class="data-table"><thead><tr><th scope="col">Rendition</th>
          <th scope="col">Size before → after</th><th scope="col" class="num">Sharpness</th><th scope="col" class="num">Noise</th>
          <th scope="col" class="num">Contrast</th><th scope="col" class="num">Time</th><th scope="col">QC reasons</th></tr></thead><tbody>
          ${d.metrics.map((m) => html`<tr><td>${m.rendition_id ? `#${m.rendition_id}` : '–'}</td>
            <td>${m.before.width}×${m.before.height} → ${m.after.width}×${m.after.height}</td>
            <td class="num">${number(m.before.sharpness, 1)} → ${number(m.after.sharpness, 1)}</td>
            <td class="num">${number(m.before.noise, 2)} → ${number(m.after.noise, 2)}</td>
            <td class="num">${number(m.before.contrast, 1)} → ${number(m.after.contrast, 1)}</td>
            <td class="num">${number(m.processing_ms, 0)} ms</td>
            <td>${m.report && m.report.reasons && m.report.reasons.length ? m.report.reasons.map(label).join(', ') : html`<span class="muted">none</span>`}</td></tr>`)}
          </tbody></table></div>` : html`<p class="muted">No metrics recorded yet.</p>`}
      </div></div>`);

    thumb('original', `/api/v1/images/${id}/original`, 'Original photo');
    const selected = renditions.find((r) => r.selected);
    if (selected) {
      thumb('published', `/api/v1/images/${id}/renditions/${selected.id}/content`, `Published rendition version ${selected.version}`);
    }
    const form = body.querySelector('#rendition-form');
    if (form && editable) form.addEventListener('submit', (e) => publish(e, form));
  }

  async function thumb(which, url, alt) {
    const holder = body.querySelector(`[data-thumb="${which}"]`);
    try {
      const src = await imageUrl(url);
      blobs.push(src);
      if (disposed) return;
      const img = document.createElement('img');
      img.alt = alt;
      img.src = src;
      holder.replaceChildren(img);
    } catch (e) {
      mount(holder, html`<p class="error-text">Unavailable: ${e.message}</p>`);
    }
  }

  async function publish(event, form) {
    event.preventDefault();
    const value = new FormData(form).get('rendition');
    const chosen = value ? Number(value) : null;
    try {
      await api.put(`images/${id}/renditions`, { selected_rendition_id: chosen });
      toast(chosen ? 'Rendition published' : 'Reverted to the original', 'success');
      load();
    } catch (e) {
      toast(`Could not publish: ${e.message}`, 'error');
    }
  }

  return () => {
    disposed = true;
    blobs.forEach((u) => { if (u.startsWith('blob:')) URL.revokeObjectURL(u); });
  };
}
