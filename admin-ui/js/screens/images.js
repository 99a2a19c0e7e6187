import { html, mount } from '../html.js';
import { api, query } from '../api.js';
import { loading, empty, showFailure } from '../states.js';
import { number, pill, dateTime, label } from '../format.js';

const PAGE = 25;
const STATUSES = ['pending', 'processing', 'completed', 'failed'];
const QC_STATUSES = ['pending', 'needs_review', 'auto_approved', 'approved', 'rejected'];

export function renderImages(main, { go }) {
  let disposed = false;
  const filter = { sku_id: '', product_group_id: '', status: '', qc_status: '', offset: 0 };
  mount(main, html`<section aria-labelledby="images-title">
    <div class="toolbar"><div class="toolbar-title"><h1 id="images-title">Images</h1>
      <p class="muted" id="images-count" aria-live="polite"></p></div></div>
    <form class="filters" id="image-filters">
      <div class="field"><label for="f-sku">SKU</label><input id="f-sku" name="sku_id" type="search" autocomplete="off"></div>
      <div class="field"><label for="f-group">Product group</label><input id="f-group" name="product_group_id" type="search" autocomplete="off"></div>
      <div class="field"><label for="f-status">Status</label><select id="f-status" name="status"><option value="">Any</option>
        ${STATUSES.map((s) => html`<option value="${s}">${label(s)}</option>`)}</select></div>
      <div class="field"><label for="f-qc">QC status</label><select id="f-qc" name="qc_status"><option value="">Any</option>
        ${QC_STATUSES.map((s) => html`<option value="${s}">${label(s)}</option>`)}</select></div>
      <div class="field field-actions"><button type="submit" class="button button-primary">Apply filters</button>
        <button type="reset" class="button button-quiet">Clear</button></div>
    </form>
    <div id="images-body">${loading('images')}</div></section>`);
  const form = main.querySelector('#image-filters');
  const body = main.querySelector('#images-body');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    for (const key of ['sku_id', 'product_group_id', 'status', 'qc_status']) filter[key] = form.elements[key].value.trim();
    filter.offset = 0;
    load();
  });
  form.addEventListener('reset', () => setTimeout(() => form.requestSubmit(), 0));
  load();

  async function load() {
    mount(body, loading('images'));
    try {
      const page = await api.get(`images${query({ ...filter, limit: PAGE })}`);
      if (disposed) return;
      draw(page);
    } catch (e) {
      if (!disposed) showFailure(body, e, load);
    }
  }

  function draw(page) {
    main.querySelector('#images-count').textContent = `${number(page.total)} image${page.total === 1 ? '' : 's'}`;
    if (!page.items.length) {
      mount(body, empty('No images match', 'Change the filters, or import image URLs on the Import screen.'));
      return;
    }
    const last = Math.min(page.offset + page.items.length, page.total);
    mount(body, html`<div class="table-wrap"><table class="data-table">
      <thead><tr><th scope="col">ID</th><th scope="col">SKU</th><th scope="col">Product group</th><th scope="col">Status</th>
        <th scope="col">QC status</th><th scope="col" class="num">QC score</th><th scope="col">Updated</th><th scope="col">Problem</th></tr></thead>
      <tbody>${page.items.map((i) => html`<tr>
        <td><a href="#/images/${i.id}">#${i.id}</a></td><td>${i.sku_id || '–'}</td><td>${i.product_group_id || '–'}</td>
        <td>${pill(i.status)}</td><td>${pill(i.qc_status)}</td><td class="num">${number(i.qc_score, 1)}</td>
        <td>${dateTime(i.updated_at)}</td><td class="wrap">${i.error_reason ? html`<span class="error-text">${i.error_code}: ${i.error_reason}</span>` : ''}</td>
      </tr>`)}</tbody></table></div>
      <div class="pager"><span>${number(page.offset + 1)}–${number(last)} of ${number(page.total)}</span>
        <button type="button" class="button" data-page="-1" ${page.offset === 0 ? html`disabled` : ''}>Previous page</button>
        <button type="button" class="button" data-page="1" ${last >= page.total ? html`disabled` : ''}>Next page</button></div>`);
    body.querySelectorAll('[data-page]').forEach((b) => b.addEventListener('click', () => {
      filter.offset = Math.max(0, filter.offset + Number(b.dataset.page) * PAGE);
      load();
    }));
    body.querySelectorAll('tbody tr').forEach((row, n) => row.addEventListener('dblclick', () => go('images', page.items[n].id)));
  }

  return () => { disposed = true; };
}
