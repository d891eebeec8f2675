#!/usr/bin/env python3
"""Soak: searches from N clients while articles are posted and deleted over the API and an
`index` run commits a folder beside the server; then checks that no article was lost or
duplicated and that the index checks clean.

usage: scripts/soak.py --index DIR --folder EXTRA_FOLDER [--seconds 600] [--clients 16] [--binary PATH]
The index must exist; EXTRA_FOLDER is indexed once, 30 s in. Prints one JSON object."""
import argparse, json, subprocess, threading, time, urllib.request, urllib.error, os, socket

ap = argparse.ArgumentParser()
ap.add_argument("--index", required=True)
ap.add_argument("--folder", required=True)
ap.add_argument("--seconds", type=int, default=600)
ap.add_argument("--clients", type=int, default=16)
ap.add_argument("--binary", default="target/release/newsdex")
a = ap.parse_args()

with socket.socket() as s:
    s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
key = "soak-key-" + os.urandom(8).hex()
base = f"http://127.0.0.1:{port}"
server = subprocess.Popen([a.binary, "--index", a.index, "serve", "--addr", f"127.0.0.1:{port}", "--api-key", key],
                          stderr=subprocess.DEVNULL)
for _ in range(200):
    try:
        urllib.request.urlopen(base + "/health/readyz"); break
    except Exception:
        time.sleep(0.1)

load = subprocess.Popen([a.binary, "bench-http", "--url", base, "--clients", str(a.clients), "--seconds", str(a.seconds),
                         "--pid", str(server.pid), "--json"], stdout=subprocess.PIPE, text=True)

def call(method, path, body=None):
    req = urllib.request.Request(base + path, data=body, method=method,
                                 headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.load(r)

writes = {"posted": 0, "deleted": 0, "errors": 0}
kept = set()
def writer():
    i = 0
    end = time.time() + a.seconds
    while time.time() < end:
        i += 1
        doc = {"id": f"soak-{i}", "title": f"Soak article {i}", "body": f"Soak body number {i} about harbour cranes and ferries."}
        try:
            call("POST", "/api/v1/articles", json.dumps(doc).encode()); writes["posted"] += 1; kept.add(f"soak-{i}")
            if i % 3 == 0:
                call("DELETE", f"/api/v1/articles/soak-{i - 1}"); writes["deleted"] += 1; kept.discard(f"soak-{i - 1}")
        except Exception as e:
            writes["errors"] += 1
        time.sleep(1.0)
t = threading.Thread(target=writer); t.start()
time.sleep(30)
# The server's writes hold the write lock for a moment each: a run that meets one says so; retry.
for attempt in range(60):
    index_run = subprocess.run([a.binary, "--index", a.index, "-q", "index", a.folder, "--json"], capture_output=True, text=True)
    if index_run.returncode == 0 or "being written by another process" not in index_run.stderr:
        break
    time.sleep(1)
t.join()
report = json.loads(load.communicate()[0])
server.terminate(); server.wait()
ids = [json.loads(l)["id"] for l in subprocess.run([a.binary, "--index", a.index, "export"], capture_output=True, text=True, check=True).stdout.splitlines()]
soak_ids = {i for i in ids if i.startswith("soak-")}
check = subprocess.run([a.binary, "--index", a.index, "check", "--json"], capture_output=True, text=True)
print(json.dumps({
    "searches": {"ok": report["ok"], "errors": report["errors"], "qps": round(report["latency"]["qps"]),
                 "p50_us": round(report["latency"]["p50_us"]), "p99_us": round(report["latency"]["p99_us"]), "rss": report.get("rss")},
    "writes": writes, "index_run_ok": index_run.returncode == 0, "index_run_attempts": attempt + 1,
    "index_run_added": json.loads(index_run.stdout)["added"] if index_run.returncode == 0 else None,
    "articles": len(ids), "duplicated_ids": len(ids) - len(set(ids)),
    "posted_kept_missing": len(kept - soak_ids), "deleted_still_there": len(soak_ids - kept),
    "check_sound": check.returncode == 0,
}))
