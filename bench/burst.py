#!/usr/bin/env python3
"""Issue 17 figures against a running connector: a burst of large uploads, a trickling origin, a webhook job queued
behind a slow-origin job. Prints tables. Used by bench/burst.sh, which starts the service."""
import hashlib, hmac, http.server, json, os, socket, sys, threading, time, urllib.request, uuid

BASE = os.environ["BASE"]; KEY = os.environ["KEY"]; PID = int(os.environ["SERVICE_PID"])
SECRET = os.environ["WEBHOOK_SECRET"]; IMAGE = os.environ["IMAGE"]; SMALL = os.environ["SMALL_IMAGE"]
BURST = int(os.environ.get("BURST", "16")); ORIGIN_PORT = int(os.environ["ORIGIN_PORT"])

def rss_mb():
    with open(f"/proc/{PID}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"): return int(line.split()[1]) // 1024
    return 0

class Origin(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_GET(self):
        if self.path.startswith("/slow"):   # headers at once, then one byte a second
            self.send_response(200); self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", "100000"); self.end_headers()
            try:
                self.wfile.write(b"\xff\xd8\xff"); self.wfile.flush()
                for _ in range(400): time.sleep(1); self.wfile.write(b"\0"); self.wfile.flush()
            except OSError: pass
            return
        body = open(SMALL, "rb").read()
        self.send_response(200); self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)

server = http.server.ThreadingHTTPServer(("127.0.0.1", ORIGIN_PORT), Origin)
server.daemon_threads = True
threading.Thread(target=server.serve_forever, daemon=True).start()

def call(method, path, body=None, headers=None, timeout=400):
    req = urllib.request.Request(BASE + path, data=body, method=method, headers=dict(headers or {}))
    req.add_header("Authorization", "Bearer " + KEY)
    t = time.time()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read(), time.time() - t
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read(), time.time() - t

# ---------------------------------------------------------------- 1. burst
peak = [rss_mb()]; before = peak[0]; stop = threading.Event()
def sample():
    while not stop.is_set():
        try: peak[0] = max(peak[0], rss_mb())
        except OSError: return
        time.sleep(0.25)
threading.Thread(target=sample, daemon=True).start()
photo = open(IMAGE, "rb").read(); boundary = "b" + uuid.uuid4().hex
multipart = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.jpg\"\r\n"
             "Content-Type: image/jpeg\r\n\r\n").encode() + photo + f"\r\n--{boundary}--\r\n".encode()
results = [None] * BURST
def upload(i):
    try:
        results[i] = call("POST", "/api/v1/enhance/upload", multipart,
                          {"Content-Type": "multipart/form-data; boundary=" + boundary})
    except Exception as e:  # no answer at all
        results[i] = (None, {}, str(e).encode(), 0)
start = time.time()
threads = [threading.Thread(target=upload, args=(i,)) for i in range(BURST)]
for t in threads: t.start()
for t in threads: t.join()
wall = time.time() - start; stop.set(); time.sleep(0.3)
alive = os.path.exists(f"/proc/{PID}")
print(f"\n## Burst: {BURST} concurrent uploads of {os.path.basename(IMAGE)} ({len(photo)//1024} KB)\n")
print("| # | status | Retry-After | error | seconds |"); print("|---|---|---|---|---|")
for i, (st, h, b, s) in enumerate(results):
    err = ""
    if st != 200:
        try: err = json.loads(b).get("error", "")
        except Exception: err = b[:60].decode(errors="replace")
    print(f"| {i+1} | {st} | {h.get('Retry-After', '')} | {err} | {s:.1f} |")
answered = sum(1 for r in results if r[0] in (200, 429, 503) and (r[0] == 200 or "Retry-After" in r[1]))
print(f"\n| process alive | answered (200, or 429/503 + Retry-After) | slowest answer s | RSS before MB | peak RSS MB |")
print("|---|---|---|---|---|")
print(f"| {alive} | {answered}/{BURST} | {max(r[3] for r in results):.1f} | {before} | {peak[0]} |")
if not alive: sys.exit(1)

# ---------------------------------------------------------------- 2. trickling origin
st, h, b, s = call("POST", "/api/v1/enhance/url",
                   json.dumps({"image_url": f"http://127.0.0.1:{ORIGIN_PORT}/slow.jpg"}).encode(),
                   {"Content-Type": "application/json"})
print(f"\n## enhance/url from a 1 byte/s origin\n\n| status | body | seconds |\n|---|---|---|")
print(f"| {st} | {b.decode()[:150]} | {s:.1f} |")

# ---------------------------------------------------------------- 3. webhook job behind a slow-origin job
def webhook(asset, url):
    body = json.dumps({"event_id": "ev-" + asset, "event": "asset.uploaded",
                       "occurred_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                       "asset": {"id": asset, "url": url, "sku_id": "SKU-" + asset, "image_type": "primary",
                                 "mime_type": "image/jpeg"}}).encode()
    ts = str(int(time.time()))
    sig = hmac.new(SECRET.encode(), ts.encode() + b"." + body, hashlib.sha256).hexdigest()
    return call("POST", "/webhooks/generic", body, {"Content-Type": "application/json",
                                                   "X-Enhancer-Signature": f"t={ts},v1={sig}"})
run = uuid.uuid4().hex[:6]
print(f"\n## Webhook job queued behind a slow-origin job\n")
print("| job | webhook status | completed after s | final status |\n|---|---|---|---|")
w1 = webhook("slow-" + run, f"http://127.0.0.1:{ORIGIN_PORT}/slow.jpg")
time.sleep(1)
t0 = time.time(); w2 = webhook("fast-" + run, f"http://127.0.0.1:{ORIGIN_PORT}/fast.jpg")
def image_status(asset):
    st, h, b, s = call("GET", f"/api/v1/images?sku_id=SKU-{asset}")
    try:
        items = json.loads(b); items = items.get("items", items.get("images", items)) if isinstance(items, dict) else items
        return items[0].get("status") if items else None
    except Exception: return None
done = None
while time.time() - t0 < 60:
    s2 = image_status("fast-" + run)
    if s2 in ("completed", "failed"): done = time.time() - t0; break
    time.sleep(0.25)
print(f"| behind (fast origin) | {w2[0]} | {done if done is None else round(done, 1)} | {image_status('fast-' + run)} |")
print(f"| slow origin (1 byte/s) | {w1[0]} | - | {image_status('slow-' + run)} (at that moment) |")
