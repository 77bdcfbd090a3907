#!/usr/bin/env python3
"""Crash harness: SIGKILL the real graphjobs binary at random moments and check nothing is lost.

Usage: scripts/system/crash_harness.py BINARY [--rounds N] [--seed S] [--report FILE]

One data dir for the whole run. Each round starts the server on it, submits a mix of jobs
(imports of the demo files into fresh graphs, algorithms and vertex queries on the demo graph,
result dumps and graph exports to local folders) while the previous rounds' jobs may still be queued, sleeps a
random 0.05–1.5 s and SIGKILLs the process. After the last round the server is started once more
and must, within a deadline:
  * know every job it ever answered with an id (none lost), each in a legal state;
  * leave none queued or running (none stuck);
  * serve a readable result page for every succeeded algorithm job, and a manifest for every
    succeeded dump/export;
  * hold every graph whose import succeeded with exactly the demo counts, and the demo graph
    intact; a graph whose import was interrupted holds nothing half-imported.
Every round also checks the restarted server answers and its already-terminal jobs stayed put.
Exit status 0 only if every check passed; the report lists rounds and outcomes.
"""

import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

PROJECT = "demo"
DEMO_VERTICES, DEMO_EDGES = 4018, 36803
ALGORITHMS = [
    ("pagerank", {"alpha": 0.85, "max_iterations": 200, "convergence": 1e-9}),
    ("louvain", {}),
    ("betweenness", {"k": 64}),
    ("connected_component", {}),
    ("triangle_count", {}),
    ("kcore", {"k": 3}),
    ("label_propagation", {}),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, binary, data, token=None):
        self.binary, self.data = binary, data
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        log = open(os.path.join(data, "server.log"), "ab")
        self.proc = subprocess.Popen(
            [binary, "serve", "--addr", f"127.0.0.1:{self.port}", "--data-dir", data, "--demo", "--workers", "2"],
            stdout=log, stderr=log, env={**os.environ, "GRAPHJOBS_LOG": "warn"},
        )
        self.token = token

    def wait_ready(self, deadline=60):
        end = time.time() + deadline
        while time.time() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode} during start (see server.log)")
            try:
                with urllib.request.urlopen(self.base + "/health", timeout=1) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not become ready")

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def call(self, method, path, body=None, timeout=10):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("X-Auth-Token", self.token)
        req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")


def create_token(binary, data):
    out = subprocess.run([binary, "token", "create", "--project", PROJECT, "--data-dir", data],
                         check=True, capture_output=True, text=True).stdout
    return out.strip().splitlines()[-1]


def submit_mix(srv, rng, round_no, demo_dir, out_root, jobs, stop_at):
    """Submits jobs until `stop_at`; records every id the server answered with."""
    i = 0
    while time.time() < stop_at:
        i += 1
        kind = rng.choice(["import", "algo", "algo", "algo", "query", "dump", "export"])
        try:
            if kind == "import":
                graph = f"g{round_no}x{i}"
                body = {"schemaPath": f"file://{demo_dir}/schema.xml",
                        "vertexsetPath": f"file://{demo_dir}/vertices.csv",
                        "edgesetPath": f"file://{demo_dir}/edges.csv"}
                code, resp = srv.call("POST", f"/ges/v1.0/{PROJECT}/graphs/{graph}/action?action_id=import-graph", body)
            elif kind == "algo":
                graph = "movie"
                name, params = rng.choice(ALGORITHMS)
                code, resp = srv.call("POST", f"/ges/v1.0/{PROJECT}/graphs/movie/action?action_id=execute-algorithm",
                                      {"algorithmName": name, "parameters": params})
            elif kind == "query":
                graph = "movie"
                code, resp = srv.call("POST", f"/ges/v1.0/{PROJECT}/graphs/movie/vertices/action?action_id=query",
                                      {"labels": ["user"], "limit": 50,
                                       "vertexFilters": [{"propertyName": "Gender", "predicate": "=", "values": ["F"]}]})
            elif kind == "dump":
                done = [j for j in jobs.values() if j["kind"] == "algo"]
                if not done:
                    continue
                source = rng.choice(done)
                graph = "movie"
                path = os.path.join(out_root, f"dump{round_no}x{i}")
                code, resp = srv.call("POST", f"/ges/v1.0/{PROJECT}/graphs/movie/jobs/{source['id']}/action?action_id=export-result",
                                      {"exportPath": f"file://{path}/", "erase": False})
                if code == 200:
                    resp["path"] = path
            else:
                graph = "movie"
                path = os.path.join(out_root, f"export{round_no}x{i}")
                code, resp = srv.call("POST", f"/ges/v1.0/{PROJECT}/graphs/movie/action?action_id=export-graph",
                                      {"graphExportPath": f"file://{path}/", "edgeSetName": "edges",
                                       "vertexSetName": "vertices", "schemaName": "schema.xml"})
                if code == 200:
                    resp["path"] = path
        except OSError:
            return  # killed mid-request: that submission has no id, so nothing to account for
        if code == 200 and resp.get("jobId"):
            jobs[resp["jobId"]] = {"id": resp["jobId"], "kind": kind, "graph": graph, "round": round_no,
                                   "path": resp.get("path")}
        time.sleep(rng.uniform(0.0, 0.05))


def status(srv, job, limit=5):
    return srv.call("GET", f"/ges/v1.0/{PROJECT}/graphs/{job['graph']}/jobs/{job['id']}/status?offset=0&limit={limit}")


def settle(srv, jobs, deadline):
    """Waits until every job is terminal; returns {id: status body}."""
    end = time.time() + deadline
    while True:
        seen, pending = {}, []
        for job in jobs.values():
            code, body = status(srv, job)
            seen[job["id"]] = (code, body)
            if code == 200 and body.get("status") in ("pending", "running"):
                pending.append(job["id"])
        if not pending or time.time() > end:
            return seen, pending
        time.sleep(0.5)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--report")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    data = tempfile.mkdtemp(prefix="graphjobs-crash.")
    out_root = os.path.join(data, "out")
    os.makedirs(out_root)
    token = create_token(args.binary, data)
    jobs, rounds, failures = {}, [], []
    t0 = time.time()
    for r in range(1, args.rounds + 1):
        srv = Server(args.binary, data, token)
        srv.wait_ready()
        demo_dir = os.path.join(data, "demo", "movie")
        # The demo graph must be back (imported in round 1, reloaded from its snapshot after).
        for _ in range(200):
            code, g = srv.call("GET", f"/v2/{PROJECT}/graphs/movie")
            if code == 200:
                break
            time.sleep(0.05)
        before = len(jobs)
        stop_at = time.time() + rng.uniform(0.05, 1.5)
        submit_mix(srv, rng, r, demo_dir, out_root, jobs, stop_at)
        srv.kill9()
        rounds.append({"round": r, "submitted": len(jobs) - before, "killed_after_s": round(stop_at - t0, 2)})
    # Final restart: account for everything.
    srv = Server(args.binary, data, token)
    srv.wait_ready()
    seen, stuck = settle(srv, jobs, deadline=300)
    outcome = {"success": 0, "failed": 0}
    reasons = {}
    for job in jobs.values():
        code, body = seen[job["id"]]
        if code != 200:
            failures.append(f"job {job['id']} ({job['kind']}, round {job['round']}) lost: {code} {body}")
            continue
        st = body.get("status")
        if st not in ("success", "failed"):
            failures.append(f"job {job['id']} ({job['kind']}) stuck in {st}")
            continue
        outcome[st] += 1
        if st == "failed":
            reason = (body.get("failReason") or "").split(":")[0][:60]
            if not reason:
                failures.append(f"job {job['id']} failed without a reason")
            reasons[reason] = reasons.get(reason, 0) + 1
            continue
        if job["kind"] in ("algo", "query"):
            code, page = status(srv, job, limit=3)
            outputs = (page.get("data") or {}).get("outputs")
            if code != 200 or not isinstance(outputs, dict) or "data_total_size" not in outputs:
                failures.append(f"job {job['id']} succeeded but its result is unreadable: {page}")
        elif job["kind"] in ("dump", "export"):
            if not os.path.exists(os.path.join(job["path"], "manifest.json")):
                failures.append(f"{job['kind']} {job['id']} succeeded without a manifest in {job['path']}")
    graphs = {}
    code, listing = srv.call("GET", f"/v2/{PROJECT}/graphs?limit=1000")
    for g in listing.get("graphs", []):
        graphs[g["name"]] = (g["vertex_num"], g["edge_num"])
    if graphs.get("movie") != (DEMO_VERTICES, DEMO_EDGES):
        failures.append(f"demo graph damaged: {graphs.get('movie')}")
    for job in jobs.values():
        if job["kind"] != "import":
            continue
        st = seen[job["id"]][1].get("status")
        counts = graphs.get(job["graph"])
        if st == "success" and counts != (DEMO_VERTICES, DEMO_EDGES):
            failures.append(f"graph {job['graph']}: import succeeded but holds {counts}")
        if st == "failed" and counts not in (None, (0, 0)):
            failures.append(f"graph {job['graph']}: import failed but left {counts} behind")
    srv.proc.send_signal(signal.SIGTERM)
    srv.proc.wait(timeout=30)
    by_kind = {}
    for job in jobs.values():
        by_kind[job["kind"]] = by_kind.get(job["kind"], 0) + 1
    report = {
        "seed": args.seed, "rounds": len(rounds), "jobs": len(jobs), "by_kind": by_kind,
        "outcomes": outcome, "failed_reasons": reasons, "graphs": len(graphs),
        "seconds": round(time.time() - t0, 1), "violations": failures, "per_round": rounds,
    }
    text = json.dumps(report, indent=1)
    print(text)
    if args.report:
        with open(args.report, "w") as f:
            f.write(text + "\n")
    if failures:
        for v in failures[:20]:
            print("violation:", v, file=sys.stderr)
        print(f"crash harness: {len(failures)} violation(s), seed {args.seed}; data dir kept at {data}", file=sys.stderr)
        return 1
    shutil.rmtree(data, ignore_errors=True)
    print(f"crash harness: {len(rounds)} rounds, {len(jobs)} jobs, every one accounted for", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
