import { html, mount } from '../html.js';
import { api } from '../api.js';
import { readRecords } from '../csv.js';
import { empty, toast } from '../states.js';
import { number } from '../format.js';

const FIELDS = [
  { key: 'sku_id', name: 'SKU column', required: true, guesses: ['sku_id', 'sku', 'skuid', 'product_sku', 'article'] },
  { key: 'image_url', name: 'Image URL column', required: true, guesses: ['image_url', 'url', 'image', 'imageurl', 'src', 'link'] },
  { key: 'product_group_id', name: 'Product group column', required: false, guesses: ['product_group_id', 'product_group', 'group', 'category'] },
  { key: 'image_type', name: 'Image type column', required: false, guesses: ['image_type', 'type', 'kind', 'role'] },
];
const PREVIEW_ROWS = 10;

export function renderImport(main) {
  let parsed = null;
  let fileName = '';
  mount(main, html`<section aria-labelledby="import-title">
    <div class="toolbar"><div class="toolbar-title"><h1 id="import-title">Import</h1>
      <p class="muted">Register product images from a CSV or JSON list of URLs. Each row is checked on its own.</p></div></div>
    <div class="panel">
      <h2>1. Choose a file</h2>
      <label for="import-file">CSV or JSON file</label>
      <input id="import-file" type="file" accept=".csv,.json,text/csv,application/json" aria-describedby="import-file-hint import-file-error">
      <p class="hint" id="import-file-hint">CSV with a header line, or JSON as <code>{"images": [{"sku_id", "image_url", ...}]}</code>.
        Up to 10,000 rows.</p>
      <p class="form-error" id="import-file-error" role="alert"></p>
    </div>
    <div id="import-steps"></div>
    <div id="import-result" aria-live="polite"></div></section>`);
  const fileInput = main.querySelector('#import-file');
  const steps = main.querySelector('#import-steps');
  const result = main.querySelector('#import-result');
  const fileError = main.querySelector('#import-file-error');
  mount(steps, empty('No file chosen yet', 'Pick a file above to map its columns and preview the rows.'));

  fileInput.addEventListener('change', async () => {
    fileError.textContent = '';
    result.replaceChildren();
    const file = fileInput.files[0];
    if (!file) return;
    fileName = file.name;
    try {
      parsed = readRecords(file.name, await file.text());
      if (parsed.records.length > 10000) throw new Error(`${file.name} has ${parsed.records.length} rows; at most 10,000 per import`);
      drawMapping();
    } catch (e) {
      parsed = null;
      fileError.textContent = e.message;
      mount(steps, empty('Nothing to import', 'The file could not be read; choose another one.'));
    }
  });

  function guess(field) {
    const normal = (s) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
    return parsed.columns.find((c) => field.guesses.map(normal).includes(normal(c))) || '';
  }

  function drawMapping() {
    mount(steps, html`<div class="panel"><h2>2. Map columns</h2>
      <p class="muted">${fileName}: ${number(parsed.records.length)} rows, columns ${parsed.columns.join(', ')}</p>
      <div class="field-row">${FIELDS.map((f) => html`<div class="field"><label for="map-${f.key}">${f.name}${f.required ? ' *' : ''}</label>
        <select id="map-${f.key}" data-field="${f.key}"><option value="">(not mapped)</option>
        ${parsed.columns.map((c) => html`<option value="${c}" ${c === guess(f) ? html`selected` : ''}>${c}</option>`)}</select></div>`)}</div>
      <p class="form-error" id="mapping-error" role="alert"></p></div>
      <div class="panel"><h2>3. Preview</h2><div id="import-preview"></div>
      <label class="checkbox"><input type="checkbox" id="import-enhance"> Enhance the imported images right away</label>
      <button type="button" class="button button-primary" id="import-submit">Import</button></div>`);
    steps.querySelectorAll('[data-field]').forEach((s) => s.addEventListener('change', drawPreview));
    steps.querySelector('#import-submit').addEventListener('click', submit);
    drawPreview();
  }

  function mapping() {
    const out = {};
    steps.querySelectorAll('[data-field]').forEach((s) => { out[s.dataset.field] = s.value; });
    return out;
  }

  function mapped() {
    const m = mapping();
    return parsed.records.map((r) => Object.fromEntries(FIELDS.map((f) => [f.key, m[f.key] ? r[m[f.key]] || '' : ''])));
  }

  function drawPreview() {
    const m = mapping();
    const missing = FIELDS.filter((f) => f.required && !m[f.key]);
    const mappingError = steps.querySelector('#mapping-error');
    const submitButton = steps.querySelector('#import-submit');
    mappingError.textContent = missing.length ? `Map the ${missing.map((f) => f.name).join(' and ')} to import.` : '';
    submitButton.disabled = missing.length > 0;
    submitButton.textContent = `Import ${number(parsed.records.length)} row${parsed.records.length === 1 ? '' : 's'}`;
    const rows = mapped();
    const shown = rows.slice(0, PREVIEW_ROWS);
    mount(steps.querySelector('#import-preview'), html`<div class="table-wrap"><table class="data-table">
      <thead><tr><th scope="col" class="num">Row</th>${FIELDS.map((f) => html`<th scope="col">${f.key}</th>`)}</tr></thead>
      <tbody>${shown.map((r, i) => html`<tr><td class="num">${i + 1}</td>${FIELDS.map((f) => html`<td class="wrap ${f.required && !r[f.key]
        ? 'cell-missing' : ''}">${r[f.key] || (f.required ? 'missing' : '–')}</td>`)}</tr>`)}</tbody></table></div>
      ${rows.length > PREVIEW_ROWS ? html`<p class="hint">Showing ${PREVIEW_ROWS} of ${number(rows.length)} rows.</p>` : ''}`);
  }

  async function submit() {
    const button = steps.querySelector('#import-submit');
    button.disabled = true;
    const label = button.textContent;
    button.textContent = 'Importing…';
    const images = mapped().map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== '')));
    try {
      const report = await api.post('import', { images, enhance: steps.querySelector('#import-enhance').checked });
      drawResult(report, images);
      const summary = `Imported ${report.imported} image${report.imported === 1 ? '' : 's'}`;
      toast(report.failed ? `${summary}; ${report.failed} row${report.failed === 1 ? '' : 's'} with errors` : summary,
        report.failed ? 'info' : 'success');
      result.scrollIntoView({ block: 'start' });
    } catch (e) {
      mount(result, html`<div class="panel"><div class="state state-error" role="alert"><h2>Import refused</h2>
        <p>${e.message}</p></div></div>`);
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  }

  function drawResult(report, images) {
    mount(result, html`<div class="panel" id="import-report"><h2>Result</h2>
      <div class="cards cards-small">
        <div class="card card-good"><p class="card-title">Imported</p><p class="card-value" id="import-imported">${number(report.imported)}</p></div>
        <div class="card ${report.failed ? 'card-bad' : ''}"><p class="card-title">Rows with errors</p><p class="card-value" id="import-failed">${number(report.failed)}</p></div>
      </div>
      ${report.errors.length ? html`<h3>Row errors</h3><div class="table-wrap"><table class="data-table" id="row-errors">
        <thead><tr><th scope="col" class="num">Row</th><th scope="col">SKU</th><th scope="col">Error</th><th scope="col">Message</th></tr></thead>
        <tbody>${report.errors.map((e) => html`<tr><td class="num">${e.row}</td><td>${(images[e.row - 1] || {}).sku_id || '–'}</td>
          <td><code>${e.error}</code></td><td class="wrap">${e.message}</td></tr>`)}</tbody></table></div>`
        : html`<p class="muted">Every row was imported.</p>`}</div>`);
  }

  return null;
}
