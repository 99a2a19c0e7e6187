import { html, mount } from '../html.js';
import { api } from '../api.js';
import { session } from '../session.js';

export function renderSignIn(main, { onSignedIn }) {
  const notice = sessionStorage.getItem('enhancer.signInMessage');
  sessionStorage.removeItem('enhancer.signInMessage');
  mount(main, html`<section class="signin">
    <div class="signin-card">
      <h1>Enhancer admin</h1>
      <p class="muted">Review enhanced product photos, follow batches and manage presets.</p>
      <form id="signin-form" novalidate>
        <label for="api-key">API key</label>
        <input id="api-key" name="api-key" type="password" autocomplete="off" spellcheck="false" required
          aria-describedby="api-key-hint signin-error">
        <p class="hint" id="api-key-hint">Printed once when the service first started, or issued by an admin.
          It is kept only for this browser tab.</p>
        <label for="reviewer-name">Your name <span class="muted">(optional, shown in review history)</span></label>
        <input id="reviewer-name" name="reviewer-name" type="text" autocomplete="name" maxlength="64">
        <p class="form-error" id="signin-error" role="alert">${notice || ''}</p>
        <button type="submit" class="button button-primary button-wide">Sign in</button>
      </form>
    </div>
  </section>`);
  const form = main.querySelector('#signin-form');
  const keyInput = main.querySelector('#api-key');
  const error = main.querySelector('#signin-error');
  keyInput.focus();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = keyInput.value.trim();
    if (!key) {
      error.textContent = 'Enter your API key.';
      keyInput.setAttribute('aria-invalid', 'true');
      keyInput.focus();
      return;
    }
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    button.textContent = 'Signing in…';
    try {
      const me = await api.whoAmI(key);
      session.signIn(key, me.role, main.querySelector('#reviewer-name').value.trim());
      onSignedIn();
    } catch (e) {
      error.textContent = e.status === 401 ? 'That API key is not valid.' : e.message;
      keyInput.setAttribute('aria-invalid', 'true');
      button.disabled = false;
      button.textContent = 'Sign in';
      keyInput.select();
    }
  });
}
