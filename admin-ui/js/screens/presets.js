import { html, mount } from '../html.js';
import { api } from '../api.js';
import { canWrite } from '../session.js';
import { loading, empty, showFailure, toast } from '../states.js';

// Presets are validated twice: here, so obvious mistakes are named next to the field, and by the connector,
// whose message is shown as is (it names the rejected value). The bounds, choices and patterns used here are not
// copied: they come from the options schema the engine publishes (GET /api/v1/options/schema).

const NAME_PATTERN = /^[A-Za-z0-9 _.-]{1,128}$/;
// Which options the form shows, and how they are labelled; everything else about them is in the schema.
const SHOWN = [
  { key: 'mode', label: 'Mode' },
  { key: 'remove_background', label: 'Remove background' },
  { key: 'background', label: 'Background color', placeholder: '#FFFFFF', hint: 'a hex color like #FFFFFF, or transparent' },
  { key: 'canvas', label: 'Canvas', placeholder: '1500x1500', hint: 'WIDTHxHEIGHT or none' },
  { key: 'target_min_dimension', label: 'Target min dimension (px)' },
  { key: 'quality', label: 'JPEG/WebP quality' },
  { key: 'target_kb', label: 'Target size (KB)' },
  { key: 'format', label: 'Format' },
  { key: 'auto_approve_threshold', label: 'Auto-approve threshold' },
];
// Older names the connector still accepts, shown in the field of the option they mean.
const ALIASES = { background_color: 'background' };

/** The form fields, each with the type, bounds, choices and pattern of its property in the options schema. */
export function fieldsFrom(schema) {
  const properties = (schema && schema.properties) || {};
  return SHOWN.filter((f) => properties[f.key]).map((f) => {
    const p = properties[f.key];
    const types = [].concat(p.type || []);
    if (Array.isArray(p.enum)) {
      return { ...f, type: 'select', choices: ['', ...p.enum.filter((v) => v !== null).map(String)] };
    }
    if (types.includes('integer') || types.includes('number')) {
      return { ...f, type: 'number', min: p.minimum, max: p.maximum, whole: types.includes('integer') };
    }
    return { ...f, type: 'text', pattern: p.pattern ? new RegExp(p.pattern, 'i') : null,
      sideMin: p['x-side-minimum'], sideMax: p['x-side-maximum'] };
  });
}

export function renderPresets(main) {
  let disposed = false;
  let presets = [];
  let fields = [];
  const writable = canWrite('presets');
  mount(main, html`<section aria-labelledby="presets-title">
    <div class="toolbar"><div class="toolbar-title"><h1 id="presets-title">Presets</h1>
      <p class="muted">Enhancement settings per category, product group or SKU.</p></div>
      ${writable ? html`<div class="toolbar-group toolbar-end"><button type="button" class="button button-primary" id="new-preset">New preset</button></div>` : ''}</div>
    <div class="detail-grid"><div class="panel" id="preset-list">${loading('presets')}</div>
      <div class="panel" id="preset-editor">${writable ? html`<h2>Edit a preset</h2><p class="muted">Choose a preset, or create a new one.</p>`
        : html`<h2>Read only</h2><p class="muted">Your role can see presets; an admin key edits them.</p>`}</div></div></section>`);
  const list = main.querySelector('#preset-list');
  const editor = main.querySelector('#preset-editor');
  if (writable) main.querySelector('#new-preset').addEventListener('click', () => edit(null));
  load();

  async function load() {
    try {
      const [stored, schema] = await Promise.all([api.get('configs'), fields.length ? null : api.get('options/schema')]);
      presets = stored;
      if (schema) fields = fieldsFrom(schema);
      if (!disposed) drawList();
    } catch (e) {
      if (!disposed) showFailure(list, e, load);
    }
  }

  function drawList() {
    if (!presets.length) {
      mount(list, empty('No presets yet', writable ? 'Create one with "New preset"; reviewers can then pick it for rework.'
        : 'An admin can create presets for categories and SKUs.'));
      return;
    }
    mount(list, html`<h2>Saved presets</h2><div class="table-wrap"><table class="data-table"><thead><tr><th scope="col">Name</th>
      <th scope="col">Applies to</th><th scope="col">Settings</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>${presets.map((p) => html`<tr><td><strong>${p.name}</strong></td>
        <td>${p.built_in ? html`<span class="muted">built-in, chosen by name</span>`
          : [p.category && `category ${p.category}`, p.product_group_id && `group ${p.product_group_id}`, p.sku_id && `SKU ${p.sku_id}`,
            p.overrides_built_in && 'overrides the built-in preset'].filter(Boolean).join(', ') || html`<span class="muted">chosen by name</span>`}</td>
        <td class="wrap mono small">${Object.entries(p.options || {}).filter(([, v]) => v !== null).map(([k, v]) => `${k}=${v}`).join(' ') || '–'}</td>
        <td>${!writable ? '' : p.built_in ? html`<button type="button" class="button" data-customise="${p.name}">Customise</button>`
          : html`<button type="button" class="button" data-edit="${p.id}">Edit</button>`}</td></tr>`)}</tbody></table></div>`);
    list.querySelectorAll('[data-edit]').forEach((b) => b.addEventListener('click', () => edit(presets.find((p) => String(p.id) === b.dataset.edit))));
    // A built-in cannot be changed in place: saving its copy stores a preset of the same name, which overrides it.
    list.querySelectorAll('[data-customise]').forEach((b) => b.addEventListener('click', () => edit(presets.find((p) => p.built_in && p.name === b.dataset.customise))));
  }

  function edit(preset) {
    const opts = preset ? Object.fromEntries(Object.entries(preset.options || {}).filter(([, v]) => v !== null)) : {};
    for (const [alias, key] of Object.entries(ALIASES)) {
      if (alias in opts && !(key in opts)) opts[key] = opts[alias];
      delete opts[alias];
    }
    const stored = Boolean(preset && preset.id);
    const known = new Set(fields.map((f) => f.key));
    const extra = Object.fromEntries(Object.entries(opts).filter(([k]) => !known.has(k)));
    mount(editor, html`<h2>${stored ? html`Edit ${preset.name}` : preset ? html`Customise the built-in ${preset.name}` : 'New preset'}</h2>
      <form id="preset-form" novalidate>
        <div class="field-row">
          <div class="field"><label for="p-name">Name *</label><input id="p-name" name="name" value="${preset ? preset.name : ''}" maxlength="128" required></div>
          <div class="field"><label for="p-category">Category</label><input id="p-category" name="category" value="${preset?.category || ''}"></div>
        </div>
        <div class="field-row">
          <div class="field"><label for="p-group">Product group</label><input id="p-group" name="product_group_id" value="${preset?.product_group_id || ''}"></div>
          <div class="field"><label for="p-sku">SKU</label><input id="p-sku" name="sku_id" value="${preset?.sku_id || ''}"></div>
        </div>
        <fieldset><legend>Settings (blank keeps the service default)</legend><div class="field-grid">
          ${fields.map((f) => field(f, opts[f.key]))}</div></fieldset>
        <label for="p-extra">Other options (JSON)</label>
        <textarea id="p-extra" name="extra" rows="2" class="mono">${Object.keys(extra).length ? JSON.stringify(extra) : ''}</textarea>
        <p class="form-error" id="preset-error" role="alert"></p>
        <div class="form-actions"><button type="submit" class="button button-primary">Save preset</button>
          ${stored ? html`<button type="button" class="button button-reject" id="delete-preset">Delete</button>` : ''}</div>
      </form>`);
    const form = editor.querySelector('#preset-form');
    form.querySelector('#p-name').focus();
    form.addEventListener('submit', (e) => save(e, form, preset));
    editor.querySelector('#delete-preset')?.addEventListener('click', () => remove(preset));
  }

  function field(f, value) {
    const id = `opt-${f.key}`;
    const v = value === undefined || value === null ? '' : String(value);
    if (f.type === 'select') {
      return html`<div class="field"><label for="${id}">${f.label}</label><select id="${id}" data-option="${f.key}">
        ${f.choices.map((c) => html`<option value="${c}" ${c === v ? html`selected` : ''}>${c || 'default'}</option>`)}</select></div>`;
    }
    return html`<div class="field"><label for="${id}">${f.label}</label><input id="${id}" data-option="${f.key}"
      type="${f.type === 'number' ? 'number' : 'text'}" value="${v}" placeholder="${f.placeholder || ''}"
      ${f.min !== undefined ? html`min="${f.min}" max="${f.max}"` : ''}></div>`;
  }

  function collect(form) {
    const problems = [];
    const name = form.elements.name.value.trim();
    if (!NAME_PATTERN.test(name)) problems.push('Name: 1 to 128 letters, digits, spaces, "_", "." or "-".');
    const options = {};
    for (const f of fields) {
      const input = form.querySelector(`[data-option="${f.key}"]`);
      const raw = input.value.trim();
      input.removeAttribute('aria-invalid');
      if (!raw) continue;
      const problem = (text) => {
        problems.push(text);
        input.setAttribute('aria-invalid', 'true');
      };
      if (f.type === 'number') {
        const n = Number(raw);
        if (!Number.isFinite(n) || n < f.min || n > f.max) problem(`${f.label} must be ${f.min}..${f.max}, got ${raw}.`);
        else if (f.whole && !Number.isInteger(n)) problem(`${f.label} must be a whole number, got ${raw}.`);
        else options[f.key] = n;
      } else if (f.pattern && !f.pattern.test(raw)) {
        problem(`${f.label} must be ${f.hint}, got "${raw}".`);
      } else if (f.sideMin !== undefined && /x/i.test(raw)
          && raw.split(/x/i).map(Number).some((side) => side < f.sideMin || side > f.sideMax)) {
        problem(`${f.label} sides must be ${f.sideMin}..${f.sideMax} px, got ${raw}.`);
      } else {
        options[f.key] = f.key === 'remove_background' && raw !== 'auto' ? raw === 'true' : raw;
      }
    }
    const extraText = form.elements.extra.value.trim();
    if (extraText) {
      try {
        const extra = JSON.parse(extraText);
        if (!extra || typeof extra !== 'object' || Array.isArray(extra)) throw new Error('not an object');
        Object.assign(options, extra);
      } catch {
        problems.push('Other options must be a JSON object such as {"shadow": true}.');
      }
    }
    const blank = (k) => form.elements[k].value.trim() || null;
    return { problems, request: { name, category: blank('category'), product_group_id: blank('product_group_id'), sku_id: blank('sku_id'), options } };
  }

  async function save(event, form, preset) {
    event.preventDefault();
    const error = form.querySelector('#preset-error');
    const { problems, request } = collect(form);
    if (problems.length) {
      error.textContent = problems.join(' ');
      return;
    }
    error.textContent = '';
    try {
      if (preset && preset.id) await api.put(`configs/${preset.id}`, request);
      else await api.post('configs', request);
      toast(`Preset ${request.name} saved`, 'success');
      await load();
      edit(presets.find((p) => p.name === request.name && p.id) || null);
    } catch (e) {
      error.textContent = e.message;
    }
  }

  async function remove(preset) {
    const button = editor.querySelector('#delete-preset');
    if (button.dataset.confirm !== 'yes') {
      button.dataset.confirm = 'yes';
      button.textContent = `Really delete ${preset.name}?`;
      return;
    }
    try {
      await api.delete(`configs/${preset.id}`);
      toast(`Preset ${preset.name} deleted`, 'success');
      mount(editor, html`<h2>Edit a preset</h2><p class="muted">Choose a preset, or create a new one.</p>`);
      load();
    } catch (e) {
      toast(`Could not delete: ${e.message}`, 'error');
    }
  }

  return () => { disposed = true; };
}
