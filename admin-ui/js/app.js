import { html, mount } from './html.js';
import { session, canOpen, SCREENS_BY_ROLE } from './session.js';
import { renderSignIn } from './screens/signin.js';
import { renderReview } from './screens/review.js';
import { renderDashboard } from './screens/dashboard.js';
import { renderImages } from './screens/images.js';
import { renderImageDetail } from './screens/image-detail.js';
import { renderBatches } from './screens/batches.js';
import { renderImport } from './screens/import.js';
import { renderPresets } from './screens/presets.js';
import { renderDeliveries } from './screens/deliveries.js';
import { renderDeadLetters } from './screens/dead-letters.js';

// Hash routes keep the key out of URLs and need no server-side routing: #/review, #/images/42, ...
const SCREENS = {
  review: { title: 'Review queue', nav: 'Review', render: renderReview },
  dashboard: { title: 'Dashboard', nav: 'Dashboard', render: renderDashboard },
  images: { title: 'Images', nav: 'Images', render: renderImages, detail: renderImageDetail },
  batches: { title: 'Batches', nav: 'Batches', render: renderBatches },
  import: { title: 'Import', nav: 'Import', render: renderImport },
  presets: { title: 'Presets', nav: 'Presets', render: renderPresets },
  deliveries: { title: 'Webhook deliveries', nav: 'Webhooks', render: renderDeliveries },
  'dead-letters': { title: 'Dead letters', nav: 'Dead letters', render: renderDeadLetters },
};

const main = document.getElementById('main');
let dispose = null;

function parseHash() {
  const parts = window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  return { screen: parts[0] || '', param: parts[1] ? decodeURIComponent(parts[1]) : null };
}

function defaultScreen() {
  return (SCREENS_BY_ROLE[session.role()] || ['dashboard'])[0];
}

function renderChrome(current) {
  const topbar = document.getElementById('topbar');
  topbar.hidden = false;
  const allowed = SCREENS_BY_ROLE[session.role()] || [];
  mount(document.getElementById('nav'), html`<ul>${allowed.map((id) => html`<li><a href="#/${id}"
    ${id === current ? html`aria-current="page"` : ''}>${SCREENS[id].nav}</a></li>`)}</ul>`);
  document.getElementById('role-badge').textContent = `${session.reviewerName()} · ${session.role()}`;
  document.getElementById('brand-link').setAttribute('href', `#/${defaultScreen()}`);
}

async function route() {
  if (dispose) {
    try {
      dispose();
    } catch {
      // a screen that fails to clean up must not block the next one
    }
    dispose = null;
  }
  if (!session.signedIn()) {
    document.getElementById('topbar').hidden = true;
    document.title = 'Sign in · Enhancer admin';
    renderSignIn(main, { onSignedIn: () => go(defaultScreen()) });
    return;
  }
  const { screen, param } = parseHash();
  if (!SCREENS[screen] || !canOpen(screen)) {
    go(defaultScreen());
    return;
  }
  const spec = SCREENS[screen];
  renderChrome(screen);
  document.title = `${spec.title} · Enhancer admin`;
  const render = param && spec.detail ? spec.detail : spec.render;
  dispose = render(main, { param, go }) || null;
}

function go(screen, param) {
  const target = `#/${screen}${param !== undefined && param !== null ? `/${encodeURIComponent(param)}` : ''}`;
  if (window.location.hash === target) route();
  else window.location.hash = target;
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  window.location.hash = '';
  route();
});

window.addEventListener('enhancer:unauthorized', () => {
  session.signOut();
  sessionStorage.setItem('enhancer.signInMessage', 'The API key was not accepted any more. Sign in again.');
  route();
});

window.addEventListener('hashchange', route);
route();
