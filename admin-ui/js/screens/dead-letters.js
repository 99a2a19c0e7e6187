import { html, mount } from '../html.js';
import { api } from '../api.js';
import { loading, empty, showFailure, toast } from '../states.js';
import { number, pill, dateTime } from '../format.js';

// The Kafka dead-letter topic, admin only. GET /api/v1/admin/dead-letters?limit=N answers the newest records,
// oldest first: [{partition, offset, timestamp, key, image_id, task_id, failure_code, message, handled}].
// POST .../replay {key?, dry_run?, from_beginning?} answers {topic, dry_run, read, filtered_out, replayed: [entry],
// skipped: [entry with note]}; a record is "handled" once a replay has dealt with it, and a plain replay skips it.

const ENDPOINT = 'admin/dead-letters';
const LIMIT = 100;

export function renderDeadLetters(main) {
  let disposed = false;
  let letters = [];
  let pending = null; // the replay the confirmation dialog is about
  mount(main, html`<section aria-labelledby="dlt-title">
    <div class="toolbar"><div class="toolbar-title"><h1 id="dlt-title">Dead letters</h1>
      <p class="muted">Enhancement tasks that failed every retry. Fix the cause, then replay them.</p></div>
      <div class="toolbar-group toolbar-end">
        <label class="checkbox toolbar-check"><input type="checkbox" id="dlt-from-beginning"> Include handled</label>
        <button type="button" class="button" id="dlt-dry-run">Dry run</button>
        <button type="button" class="button button-primary" id="dlt-replay">Replay</button>
        <button type="button" class="button" id="dlt-refresh">Refresh</button></div></div>
    <div id="dlt-result" role="status" aria-live="polite"></div>
    <div id="dlt-body">${loading('dead letters')}</div>
    <dialog id="dlt-confirm" aria-labelledby="dlt-confirm-title">
      <form method="dialog" id="dlt-confirm-form">
        <h2 id="dlt-confirm-title">Replay dead letters?</h2>
        <p id="dlt-confirm-text"></p>
        <p class="muted">Each record goes back to the jobs topic after its image is put back to pending. Images that
          moved on since (a newer task, no longer failed) are skipped.</p>
        <div class="dialog-actions">
          <button type="button" class="button" data-close>Cancel</button>
          <button type="submit" class="button button-primary" id="dlt-confirm-submit">Replay now</button>
        </div>
      </form>
    </dialog></section>`);
  const body = main.querySelector('#dlt-body');
  const result = main.querySelector('#dlt-result');
  const dialog = main.querySelector('#dlt-confirm');
  const fromBeginning = main.querySelector('#dlt-from-beginning');
  main.querySelector('#dlt-refresh').addEventListener('click', load);
  main.querySelector('#dlt-dry-run').addEventListener('click', () => replay({ dry_run: true }));
  main.querySelector('#dlt-replay').addEventListener('click', () => confirmReplay(null));
  dialog.querySelector('[data-close]').addEventListener('click', () => dialog.close());
  dialog.querySelector('#dlt-confirm-form').addEventListener('submit', () => {
    const options = pending;
    pending = null;
    if (options) replay(options);
  });
  load();

  async function load() {
    mount(body, loading('dead letters'));
    try {
      const data = await api.get(`${ENDPOINT}?limit=${LIMIT}`);
      if (!disposed) draw(Array.isArray(data) ? data : []);
    } catch (e) {
      if (!disposed) showFailure(body, e, load);
    }
  }

  function draw(items) {
    letters = items;
    if (!items.length) {
      mount(body, empty('No dead letters', 'Tasks that fail every retry land here, ready to be replayed.'));
      return;
    }
    // newest first reads better; the API answers oldest first
    const rows = [...items].reverse();
    mount(body, html`<div class="table-wrap"><table class="data-table" id="dlt-table"><thead><tr>
      <th scope="col">Offset</th><th scope="col">Time</th><th scope="col">Image / key</th>
      <th scope="col">Failure code</th><th scope="col">Reason</th><th scope="col">State</th>
      <th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>${rows.map((d) => html`<tr data-dead-letter="${d.partition}:${d.offset}">
        <td class="mono">${d.partition}:${d.offset}</td><td>${dateTime(d.timestamp)}</td>
        <td>${d.image_id != null ? html`<a href="#/images/${d.image_id}">#${d.image_id}</a>` : html`<span class="mono">${d.key || '–'}</span>`}
          ${d.task_id ? html`<div class="muted mono wrap">${d.task_id}</div>` : html`<div class="muted">not an enhancement task</div>`}</td>
        <td><span class="mono">${d.failure_code}</span></td><td class="wrap">${d.message || '–'}</td>
        <td>${d.handled ? pill('handled') : pill('waiting')}</td>
        <td>${d.key && !d.handled ? html`<button type="button" class="button" data-replay-key="${d.key}" aria-label="Replay key ${d.key}">Replay</button>` : ''}</td>
      </tr>`)}</tbody></table></div>
      <p class="hint">${number(items.length)} record${items.length === 1 ? '' : 's'} kept${items.length >= LIMIT ? ` (the newest ${LIMIT})` : ''}.</p>`);
    body.querySelectorAll('[data-replay-key]').forEach((b) => b.addEventListener('click', () => confirmReplay(b.dataset.replayKey)));
  }

  function confirmReplay(key) {
    const all = fromBeginning.checked;
    pending = { key: key || undefined, from_beginning: all || undefined };
    const waiting = letters.filter((d) => (all || !d.handled) && (!key || d.key === key)).length;
    const what = key ? `for key ${key}` : 'in the topic';
    dialog.querySelector('#dlt-confirm-text').textContent = all
      ? `Every dead letter ${what}, handled ones included (${waiting} listed), will be looked at again.`
      : `${waiting} dead letter${waiting === 1 ? '' : 's'} ${what} not handled yet will be replayed.`;
    dialog.showModal();
  }

  async function replay(options) {
    const request = { ...options };
    if (fromBeginning.checked) request.from_beginning = true;
    Object.keys(request).forEach((k) => request[k] === undefined && delete request[k]);
    const buttons = main.querySelectorAll('#dlt-dry-run, #dlt-replay, [data-replay-key]');
    buttons.forEach((b) => { b.disabled = true; });
    try {
      const report = await api.post(`${ENDPOINT}/replay`, request);
      if (disposed) return;
      showReport(report, request.key);
      if (!report.dry_run) toast(`Replayed ${report.replayed.length}, skipped ${report.skipped.length}`, 'success');
      await load();
    } catch (e) {
      if (disposed) return;
      mount(result, html`<div class="panel replay-report replay-error" role="alert"><strong>${
        request.dry_run ? 'Dry run failed' : 'Replay failed'}:</strong> ${e.message} <span class="muted">(${e.code})</span></div>`);
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  }

  function showReport(r, key) {
    const verb = r.dry_run ? 'Would replay' : 'Replayed';
    mount(result, html`<div class="panel replay-report" id="dlt-report">
      <p><strong>${r.dry_run ? 'Dry run' : 'Replay'}${key ? ` of key ${key}` : ''}:</strong>
        <span id="dlt-report-summary">${verb} ${number(r.replayed.length)}, skipped ${number(r.skipped.length)}</span>
        <span class="muted">of ${number(r.read)} read from <code>${r.topic}</code>, ${number(r.filtered_out)} not matching
        the filter${r.dry_run ? '; nothing changed' : ''}.</span></p>
      ${r.replayed.length || r.skipped.length ? html`<ul class="replay-entries">
        ${r.replayed.map((e) => html`<li>${r.dry_run ? 'would replay' : 'replayed'} <span class="mono">${e.partition}:${e.offset}</span>
          key ${e.key} <span class="muted">(${e.failure_code})</span></li>`)}
        ${r.skipped.map((e) => html`<li>skipped <span class="mono">${e.partition}:${e.offset}</span> key ${e.key}: ${e.note}</li>`)}
      </ul>` : ''}</div>`);
  }

  return () => {
    disposed = true;
    if (dialog.open) dialog.close();
  };
}
