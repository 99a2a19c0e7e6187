import { html } from './html.js';

// Designed placeholders, so no screen is ever blank while it loads, when it has nothing, or when it fails.

export function loading(what) {
  return html`<div class="state state-loading" role="status" aria-live="polite">
    <span class="spinner" aria-hidden="true"></span><span>Loading ${what}…</span></div>`;
}

export function empty(title, detail, action) {
  return html`<div class="state state-empty">
    <svg class="state-icon" viewBox="0 0 48 48" aria-hidden="true"><rect x="8" y="12" width="32" height="24" rx="3"
      fill="none" stroke="currentColor" stroke-width="2"/><path d="M8 30l9-8 7 6 6-5 10 8" fill="none"
      stroke="currentColor" stroke-width="2"/></svg>
    <h2>${title}</h2><p>${detail}</p>${action || ''}</div>`;
}

export function failure(error, retryLabel = 'Try again') {
  const code = error && error.code ? error.code : 'error';
  const message = error && error.message ? error.message : String(error);
  return html`<div class="state state-error" role="alert">
    <h2>Something went wrong</h2><p>${message}</p><p class="muted">Error code: <code>${code}</code></p>
    <button type="button" class="button" data-action="retry">${retryLabel}</button></div>`;
}

/** Renders an error state whose retry button calls again. */
export function showFailure(container, error, again) {
  container.replaceChildren();
  const holder = document.createElement('div');
  holder.innerHTML = failure(error).text;
  container.append(holder.firstElementChild);
  container.querySelector('[data-action="retry"]').addEventListener('click', again);
}

/** A short message at the corner of the screen, read out by screen readers. */
export function toast(message, kind = 'info') {
  const region = document.getElementById('toasts');
  const item = document.createElement('div');
  item.className = `toast toast-${kind}`;
  item.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  item.textContent = message;
  region.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 7000 : 3500);
}
