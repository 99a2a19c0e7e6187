import { html, mount } from '../html.js';
import { api } from '../api.js';
import { loading, empty, showFailure, toast } from '../states.js';
import { number, pill, dateTime } from '../format.js';

// Outbound webhook deliveries (GET /api/v1/webhooks/deliveries: a page of {id, event_type, endpoint, target_url,
// status, attempts, last_status_code, last_latency_ms, last_error, last_attempt_at, next_attempt_at}). A connector
// that predates the endpoint answers 404, and this screen says so instead of looking broken.

const ENDPOINT = 'webhooks/deliveries';

export function renderDeliveries(main) {
  let disposed = false;
  mount(main, html`<section aria-labelledby="deliveries-title">
    <div class="toolbar"><div class="toolbar-title"><h1 id="deliveries-title">Webhook deliveries</h1>
      <p class="muted">Events sent to subscribers: attempts, outcome, redelivery.</p></div>
      <div class="toolbar-group toolbar-end"><button type="button" class="button" id="deliveries-refresh">Refresh</button></div></div>
    <div id="deliveries-body">${loading('deliveries')}</div></section>`);
  const body = main.querySelector('#deliveries-body');
  main.querySelector('#deliveries-refresh').addEventListener('click', load);
  load();

  async function load() {
    mount(body, loading('deliveries'));
    try {
      const data = await api.get(`${ENDPOINT}?limit=50`);
      if (!disposed) draw(Array.isArray(data) ? data : data.items || []);
    } catch (e) {
      if (disposed) return;
      if (e.status === 404 || e.status === 405) {
        mount(body, html`<div class="state state-unavailable" id="deliveries-unavailable">
          <svg class="state-icon" viewBox="0 0 48 48" aria-hidden="true"><circle cx="24" cy="24" r="18" fill="none"
            stroke="currentColor" stroke-width="2"/><path d="M16 24h16" stroke="currentColor" stroke-width="2"/></svg>
          <h2>Not available on this connector</h2>
          <p>This connector version records outbound deliveries but does not publish them over the API yet
            (<code>GET /api/v1/${ENDPOINT}</code> answered ${e.status}).</p>
          <p class="muted">Deliveries and their attempts are in the <code>outbound_deliveries</code> and
            <code>delivery_attempts</code> tables; the screen fills in once the endpoint exists.</p></div>`);
      } else {
        showFailure(body, e, load);
      }
    }
  }

  function draw(items) {
    if (!items.length) {
      mount(body, empty('No deliveries yet', 'Deliveries appear here once QC decisions are sent to subscribers.'));
      return;
    }
    mount(body, html`<div class="table-wrap"><table class="data-table"><thead><tr><th scope="col">Event</th>
      <th scope="col">Target</th><th scope="col">Status</th><th scope="col" class="num">Attempts</th>
      <th scope="col">Last attempt</th><th scope="col">Next attempt</th><th scope="col">Last error</th>
      <th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>${items.map((d) => html`<tr data-delivery="${d.id}"><td><span class="mono">${d.event_type || d.event_id || d.id}</span></td>
        <td class="wrap">${d.endpoint ? html`<strong>${d.endpoint}</strong> ` : ''}${d.target_url || d.url || '–'}</td>
        <td>${pill(d.status)}</td><td class="num">${number(d.attempts)}</td>
        <td>${dateTime(d.last_attempt_at || d.updated_at)}${d.last_status_code ? html` <span class="muted">HTTP ${d.last_status_code}${
          d.last_latency_ms != null ? `, ${number(d.last_latency_ms)} ms` : ''}</span>` : ''}</td>
        <td>${d.status === 'pending' ? dateTime(d.next_attempt_at) : '–'}</td><td class="wrap">${d.last_error || ''}</td>
        <td>${d.status === 'pending' ? '' : html`<button type="button" class="button" data-redeliver="${d.id}">Redeliver</button>`}</td></tr>`)}</tbody></table></div>`);
    body.querySelectorAll('[data-redeliver]').forEach((b) => b.addEventListener('click', async () => {
      b.disabled = true;
      try {
        await api.post(`${ENDPOINT}/${encodeURIComponent(b.dataset.redeliver)}/redeliver`);
        toast('Redelivery queued', 'success');
        load();
      } catch (e) {
        toast(`Redeliver failed: ${e.message}`, 'error');
        b.disabled = false;
      }
    }));
  }

  return () => { disposed = true; };
}
