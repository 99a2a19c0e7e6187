// Regenerates the Directus screenshots of docs/directus.md (headless Chromium over CDP; node >= 20 with --experimental-websocket).
// usage: node --experimental-websocket directus-screenshots.mjs BASE EMAIL PASSWORD OUT_DIR /admin/path=name ...
import { spawn } from 'node:child_process';
const [base, email, password, out, ...shots] = process.argv.slice(2);
const login = await fetch(base + '/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ email, password, mode: 'session' }) });
const cookie = (login.headers.get('set-cookie') || '').match(/directus_session_token=([^;]+)/)[1];
const port = 9300 + Math.floor(Math.random() * 500);
const chrome = spawn('/usr/bin/chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', `--remote-debugging-port=${port}`,
  '--remote-debugging-address=127.0.0.1', '--window-size=1400,900', '--user-data-dir=/tmp/directus-screenshots-profile', 'about:blank'], { stdio: 'ignore' });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let target;
for (let i = 0; i < 50 && !target; i++) { await sleep(200); try { target = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()).find((t) => t.type === 'page'); } catch {} }
const ws = new WebSocket(target.webSocketDebuggerUrl);
await new Promise((r) => ws.addEventListener('open', r));
let id = 0; const pending = new Map();
ws.addEventListener('message', (e) => { const m = JSON.parse(e.data); if (m.id && pending.has(m.id)) { pending.get(m.id)(m); pending.delete(m.id); } });
const cdp = (method, params = {}) => new Promise((r) => { const n = ++id; pending.set(n, r); ws.send(JSON.stringify({ id: n, method, params })); });
const u = new URL(base);
await cdp('Network.enable');
await cdp('Network.setCookie', { name: 'directus_session_token', value: cookie, domain: u.hostname, path: '/', httpOnly: true });
await cdp('Emulation.setDeviceMetricsOverride', { width: 1400, height: 900, deviceScaleFactor: 1, mobile: false });
const fs = await import('node:fs');
await cdp('Runtime.enable');
await cdp('Page.navigate', { url: base + '/admin/files' });
await sleep(12000);
const skip = () => cdp('Runtime.evaluate', { expression: "[...document.querySelectorAll('button')].filter(b => ['Skip','Remind Later'].includes(b.textContent.trim())).forEach(b => b.click())" });
await skip(); await sleep(1500); await skip(); await sleep(1500);
for (const s of shots) {
  const [path, name] = s.split('=');
  await cdp('Page.navigate', { url: base + path });
  await sleep(8000);
  await skip(); await sleep(2500);
  const shot = await cdp('Page.captureScreenshot', { format: 'png' });
  fs.writeFileSync(`${out}/${name}.png`, Buffer.from(shot.result.data, 'base64'));
  console.log('wrote', name);
}
ws.close(); chrome.kill();
