#!/usr/bin/env python3
"""Secrets never land in logs, the data dir or API answers.

Usage: scripts/system/secrets_scan.py BINARY

Starts the real binary with debug logging and OBS reader keys in its environment, creates a
token and an AK/SK pair with the CLI, then sends requests that carry secrets: imports and
result dumps with `obsParameters`, requests with made-up tokens and a made-up signature, a
visualization job (which reads with the reader keys). After a clean shutdown every byte of the
server log and of every file in the data dir (SQLite store and WAL, results, snapshots, dumps)
is searched for each secret, and so are the job list and job status answers. Exit 0 only if
none is found anywhere.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

PROJECT = "demo"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(binary, data, *args):
    out = subprocess.run([binary, *args, "--project", PROJECT, "--data-dir", data],
                         check=True, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1]


def main():
    binary = sys.argv[1]
    data = tempfile.mkdtemp(prefix="graphjobs-secrets.")
    token = cli(binary, data, "token", "create")
    access_key, secret_key = cli(binary, data, "keys", "create").split(" ")
    secrets = {
        "token": token,
        "AK/SK secret key": secret_key,
        "obsParameters secretKey": "SK-probe-obs-7f3a9c1e",
        "reader secret key": "SK-probe-reader-5d2b8e4f",
        "presented bad token": "tok-probe-bogus-0b1c2d3e",
        "presented bad signature": "sig-probe-0a9b8c7d6e5f",
    }
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = os.path.join(data, "server.log")
    env = {**os.environ, "GRAPHJOBS_LOG": "debug",
           "GRAPHJOBS_OBS_ACCESS_KEY": "AK-probe-reader",
           "GRAPHJOBS_OBS_SECRET_KEY": secrets["reader secret key"],
           "GRAPHJOBS_OBS_ENDPOINT": "http://127.0.0.1:9"}
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([binary, "serve", "--addr", f"127.0.0.1:{port}", "--data-dir", data,
                                 "--demo", "--workers", "2"], stdout=log, stderr=log, env=env)
    try:
        answers = exercise(base, token, access_key, secrets, data)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
    found = []
    for name, secret in secrets.items():
        needle = secret.encode()
        if needle in answers:
            found.append(f"{name} in an API answer")
        for root, _, files in os.walk(data):
            for f in files:
                path = os.path.join(root, f)
                with open(path, "rb") as fh:
                    if needle in fh.read():
                        found.append(f"{name} in {os.path.relpath(path, data)}")
    with open(log_path, "rb") as fh:
        log_bytes = len(fh.read())
    # The scan must be able to see: the access key (not a secret) is stored as is.
    if not any(access_key.encode() in open(os.path.join(r, f), "rb").read()
               for r, _, fs in os.walk(data) for f in fs):
        print("secrets_scan: the scan did not even find the stored access key", file=sys.stderr)
        sys.exit(1)
    if found:
        print("secrets_scan: FOUND " + "; ".join(found), file=sys.stderr)
        sys.exit(1)
    print(f"secrets_scan: {len(secrets)} secrets absent from {log_bytes} bytes of debug log, "
          f"the data dir and the API answers")


def request(base, method, path, token=None, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("X-Auth-Token", token)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def exercise(base, token, access_key, secrets, data):
    for _ in range(600):
        try:
            if request(base, "GET", f"/ges/v1.0/{PROJECT}/graphs/movie/jobs/status", token)[0] == 200:
                break
        except OSError:
            pass
        time.sleep(0.1)
    else:
        raise SystemExit("secrets_scan: the demo graph never became ready")
    g = f"/ges/v1.0/{PROJECT}/graphs/movie"
    obs = {"accessKey": "AK-probe-obs", "secretKey": secrets["obsParameters secretKey"]}
    answers = b""
    status, body = request(base, "POST", f"{g}/action?action_id=execute-algorithm", token,
                           {"algorithmName": "pagerank", "parameters": {}})
    answers += body
    job = json.loads(body)["jobId"]
    for _ in range(300):
        status, body = request(base, "GET", f"{g}/jobs/{job}/status?limit=1", token)
        if json.loads(body).get("status") in ("success", "failed"):
            break
        time.sleep(0.1)
    dumps = os.path.join(data, "dumps")
    for path in [f"file://{dumps}/pr/", "bucket-probe/pr/"]:
        status, body = request(base, "POST", f"{g}/jobs/{job}/action?action_id=export-result", token,
                               {"exportPath": path, "obsParameters": obs})
        answers += body
    status, body = request(base, "POST", f"{g}/action?action_id=import-graph", token,
                           {"edgesetPath": "bucket-probe/e.csv", "obsParameters": obs})
    answers += body
    # Made-up credentials are refused without being echoed or logged.
    answers += request(base, "GET", f"{g}/jobs/status", secrets["presented bad token"])[1]
    sig = (f"SDK-HMAC-SHA256 Access={access_key}, SignedHeaders=host;x-sdk-date, "
           f"Signature={secrets['presented bad signature']}")
    answers += request(base, "GET", f"/v2/{PROJECT}/graphs/jobs", None,
                       headers={"Authorization": sig, "X-Sdk-Date": "20261122T000000Z"})[1]
    # A visualization job reads its bucket train_url with the reader keys (and fails: nothing
    # listens on the endpoint); its reason must not carry them.
    status, body = request(base, "POST", f"/v1/{PROJECT}/visualization-jobs", token,
                           {"job_name": "probe", "train_url": "/bucket-probe/pr/"})
    answers += body
    time.sleep(5)
    answers += request(base, "GET", f"{g}/jobs/status?limit=100", token)[1]
    answers += request(base, "GET", f"/v1/{PROJECT}/visualization-jobs", token)[1]
    answers += request(base, "GET", f"/v2/{PROJECT}/graphs/jobs?limit=100", token)[1]
    return answers


if __name__ == "__main__":
    main()
