#!/usr/bin/env python3
"""Multi-node fault harness: 3 graphjobs nodes on one PostgreSQL and one S3 store, a client
working through randomly chosen nodes, and a nemesis that breaks things in rounds.

Usage: scripts/system/cluster_faults.sh [--rounds N] [--seed S] [--report FILE]
(the wrapper starts PostgreSQL and the loopback S3 server and passes their coordinates here
through the environment: GRAPHJOBS_TEST_PG_URL, PG_DIR/PG_PORT/PG_OS_USER for restarts,
S3_PID/S3_ENDPOINT/S3_AK/S3_SK).

Each round the client submits algorithm jobs, polls them, cancels some, and reads result pages,
each call through a random node, while the nemesis injects one fault, the kinds in turn:
  * kill9   - SIGKILL a node, restart it a moment later on the same data dir and port;
  * pause   - SIGSTOP a node for longer than the lease, then SIGCONT it (its jobs are taken over);
  * pg      - restart PostgreSQL under the running nodes;
  * s3      - the S3 server answers 503 to everything for a few seconds.
Every call is recorded with its outcome. At the end everything is healed, the harness waits for
every acknowledged job to finish, and checks:
  1. every acknowledged submit is known to every node and reaches exactly one terminal state
     (no job seen in two different terminal states, none left queued or running);
  2. a job seen `cancelled` right after its cancel was acknowledged never succeeds;
  3. a result page read from any node equals the same page read from any other, during the run
     and at the end (checksummed);
  4. jobs of the same deterministic algorithm on the same graph version produce the same result;
  5. a live-stream client (the console's `/console/events`), reconnecting to a random node with
     `Last-Event-ID` whenever its node dies or stalls, saw every change of every job exactly
     once: what it saw equals a replay of the whole change log read at the end.
The history and the verdict go to the report (JSON). Exit 0 only without violations.
"""

import argparse
import hashlib
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

PROJECT = "demo"
GRAPH = "movie"
LEASE = 3
# Deterministic results: same graph version, same rows (compared across jobs).
DETERMINISTIC = {
    "connected_component": {},
    "kcore": {"k": 3},
    "pagerank": {"alpha": 0.85, "max_iterations": 100, "convergence": 1e-9},
}
# Slower jobs, so some are running when a fault hits.
SLOW = {"betweenness": {}, "louvain": {}}
FAULTS = ["kill9", "pause", "pg", "s3"]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Node:
    def __init__(self, binary, work, index, env, token):
        self.binary, self.index, self.env, self.token = binary, index, env, token
        self.data = os.path.join(work, f"node{index}")
        os.makedirs(self.data, exist_ok=True)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = None
        self.paused = False

    def start(self):
        log = open(os.path.join(self.data, "server.log"), "ab")
        self.proc = subprocess.Popen(
            [self.binary, "serve", "--addr", f"127.0.0.1:{self.port}", "--data-dir", self.data,
             "--workers", "2", "--lease-secs", str(LEASE)],
            stdout=log, stderr=log, env=self.env)

    def wait_ready(self, deadline=60):
        end = time.time() + deadline
        while time.time() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"node {self.index} exited with {self.proc.returncode} (see {self.data}/server.log)")
            try:
                with urllib.request.urlopen(self.base + "/health", timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"node {self.index} did not become ready")

    def call(self, method, path, body=None, timeout=10):
        """(status, json) or (None, error text) when the node did not answer."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("X-Auth-Token", self.token)
        req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            try:
                return e.code, json.loads(e.read() or b"null")
            except ValueError:
                return e.code, None
        except (OSError, ValueError) as e:
            return None, str(e)


class Harness:
    def __init__(self, args, binary, work):
        self.rng = random.Random(args.seed)
        self.work = work
        self.history = []          # every client call: node, op, job, outcome
        self.violations = []
        self.jobs = {}             # id -> {"algo", "params", "terminal": set, "cancelled_at_ack"}
        self.pages = {}            # (job, offset) -> checksum first seen
        self.faults = []
        env = {**os.environ, "GRAPHJOBS_LOG": "warn",
               "GRAPHJOBS_DATABASE_URL": os.environ["GRAPHJOBS_TEST_PG_URL"],
               "GRAPHJOBS_OBJECT_STORE": "s3://graphjobs/harness",
               "GRAPHJOBS_OBS_ENDPOINT": os.environ["S3_ENDPOINT"],
               "GRAPHJOBS_OBS_ACCESS_KEY": os.environ["S3_AK"],
               "GRAPHJOBS_OBS_SECRET_KEY": os.environ["S3_SK"],
               "GRAPHJOBS_IMPORT_ROOTS": os.path.join(work, "inputs")}
        token = subprocess.run(
            [binary, "token", "create", "--project", PROJECT, "--data-dir", os.path.join(work, "admin")],
            check=True, capture_output=True, text=True, env=env).stdout.strip().splitlines()[-1]
        self.nodes = [Node(binary, work, i + 1, env, token) for i in range(3)]

    def record(self, node, op, job, status, body):
        self.history.append({"t": round(time.time(), 3), "node": node.index, "op": op, "job": job,
                             "status": status, "outcome": summary(body)})

    def live_node(self):
        return self.rng.choice([n for n in self.nodes if not n.paused])

    # --- client operations -------------------------------------------------------------

    def import_demo(self):
        inputs = os.path.join(self.work, "inputs")
        os.makedirs(inputs, exist_ok=True)
        for name in ["schema.xml", "vertices.csv", "edges.csv"]:
            with open(os.path.join(ROOT, "demo", "movie", name), "rb") as f, \
                    open(os.path.join(inputs, name), "wb") as out:
                out.write(f.read())
        body = {"schemaPath": f"file://{inputs}/schema.xml",
                "vertexsetPath": f"file://{inputs}/vertices.csv",
                "edgesetPath": f"file://{inputs}/edges.csv"}
        node = self.nodes[0]
        code, resp = node.call("POST", f"/ges/v1.0/{PROJECT}/graphs/{GRAPH}/action?action_id=import-graph", body)
        if code != 200:
            raise RuntimeError(f"demo import refused: {code} {resp}")
        if self.wait_job(resp["jobId"], 120) != "success":
            raise RuntimeError("demo import did not succeed")

    def submit(self):
        pool = {**DETERMINISTIC, **SLOW} if self.rng.random() < 0.3 else DETERMINISTIC
        algo = self.rng.choice(sorted(pool))
        node = self.live_node()
        code, resp = node.call("POST", f"/ges/v1.0/{PROJECT}/graphs/{GRAPH}/action?action_id=execute-algorithm",
                               {"algorithmName": algo, "parameters": pool[algo]})
        job = resp.get("jobId") if code == 200 and isinstance(resp, dict) else None
        self.record(node, "submit", job, code, resp)
        if job:
            self.jobs[job] = {"algo": algo, "params": pool[algo], "terminal": set(), "cancelled_at_ack": False}
            if self.rng.random() < 0.25:
                self.cancel(job)  # at once, through any node: often still queued

    def poll(self, job):
        node = self.live_node()
        code, resp = node.call("GET", f"/ges/v1.0/{PROJECT}/graphs/{GRAPH}/jobs/{job}/status?offset=0&limit=20")
        self.record(node, "status", job, code, resp)
        if code != 200:
            return None
        status = terminal_word(resp)
        if status in ("success", "failed", "cancelled"):
            self.observe_terminal(job, status, node)
            if status == "success":
                self.check_page(job, 0, resp, node)
        return status

    def cancel(self, job):
        node = self.live_node()
        code, resp = node.call("DELETE", f"/ges/v1.0/{PROJECT}/graphs/{GRAPH}/jobs/{job}")
        self.record(node, "cancel", job, code, resp)
        if code == 200:
            # Read at once from the same node: `cancelled` now means it never ran to the end.
            c2, r2 = node.call("GET", f"/ges/v1.0/{PROJECT}/graphs/{GRAPH}/jobs/{job}/status?limit=1")
            self.record(node, "status-after-cancel", job, c2, r2)
            if c2 == 200 and terminal_word(r2) == "cancelled":
                self.jobs[job]["cancelled_at_ack"] = True
                self.observe_terminal(job, "cancelled", node)

    def observe_terminal(self, job, status, node):
        seen = self.jobs[job]["terminal"]
        if seen and status not in seen:
            self.violations.append(f"job {job} seen {sorted(seen)} and then {status} (node {node.index})")
        seen.add(status)

    def check_page(self, job, offset, resp, node):
        outputs = (resp.get("data") or {}).get("outputs")
        if outputs is None:
            return
        digest = hashlib.sha256(json.dumps(outputs, sort_keys=True).encode()).hexdigest()
        first = self.pages.setdefault((job, offset), (digest, node.index))
        if first[0] != digest:
            self.violations.append(f"job {job} page {offset}: node {node.index} differs from node {first[1]}")

    def traffic(self, seconds):
        end = time.time() + seconds
        while time.time() < end:
            r = self.rng.random()
            open_jobs = [j for j, v in self.jobs.items() if not v["terminal"]]
            if r < 0.35 or not self.jobs:
                self.submit()
            elif r < 0.45 and open_jobs:
                self.cancel(self.rng.choice(open_jobs))
            else:
                self.poll(self.rng.choice(list(self.jobs)))
            time.sleep(self.rng.uniform(0.01, 0.08))

    def wait_job(self, job, deadline):
        end = time.time() + deadline
        while time.time() < end:
            status = self.poll(job) if job in self.jobs else self.raw_status(job)
            if status in ("success", "failed", "cancelled"):
                return status
            time.sleep(0.2)
        return None

    def raw_status(self, job):
        code, resp = self.nodes[0].call("GET", f"/ges/v1.0/{PROJECT}/graphs/{GRAPH}/jobs/{job}/status?limit=1")
        return resp.get("status") if code == 200 else None

    # --- the nemesis ----------------------------------------------------------------------

    def fault(self, kind):
        node = self.rng.choice(self.nodes)
        started = time.time()
        if kind == "kill9":
            node.proc.send_signal(signal.SIGKILL)
            node.proc.wait()
            self.traffic_except(node, 1.0)
            node.start()
            node.wait_ready()
        elif kind == "pause":
            node.proc.send_signal(signal.SIGSTOP)
            node.paused = True
            self.traffic(LEASE + 6.0)  # past the lease and a sweep period
            node.proc.send_signal(signal.SIGCONT)
            node.paused = False
        elif kind == "pg":
            subprocess.run(["bash", "-c", f"source {ROOT}/scripts/dev/pg.sh && pg_restart"], check=True)
            node = None
        elif kind == "s3":
            s3 = int(os.environ["S3_PID"])
            os.kill(s3, signal.SIGUSR1)
            self.traffic(3.0)
            os.kill(s3, signal.SIGUSR2)
            node = None
        self.faults.append({"kind": kind, "node": node.index if node else None,
                            "at": round(started, 3), "seconds": round(time.time() - started, 2)})

    def traffic_except(self, down, seconds):
        down.paused = True
        self.traffic(seconds)
        down.paused = False

    # --- the live-stream client ---------------------------------------------------------------

    def start_stream(self):
        self.stream_seen = []      # (seq, job) in arrival order, across reconnects
        self.stream_connects = 0
        self.stream_floor = None   # where the first connection started
        self.stream_stop = threading.Event()
        self.stream_thread = threading.Thread(target=self.stream_loop, daemon=True)
        self.stream_thread.start()

    def stream_loop(self):
        last = None
        rng = random.Random(self.rng.random())
        while not self.stream_stop.is_set():
            node = rng.choice([n for n in self.nodes if not n.paused])
            req = urllib.request.Request(node.base + "/console/events")
            req.add_header("Cookie", f"gj_session={node.token}")
            if last is not None:
                req.add_header("Last-Event-ID", str(last))
            try:
                with urllib.request.urlopen(req, timeout=3) as r:
                    self.stream_connects += 1
                    if self.stream_floor is None:
                        self.stream_floor = "pending"
                    seq = data = None
                    for raw in r:
                        if self.stream_stop.is_set():
                            return
                        line = raw.decode().rstrip("\n")
                        if line.startswith("id: "):
                            seq = int(line[4:])
                        elif line.startswith("data: "):
                            data = line[6:]
                        elif line == "":
                            if seq is not None and data:
                                if self.stream_floor == "pending":
                                    self.stream_floor = seq - 1
                                self.stream_seen.append((seq, data))
                                last = seq if last is None else max(last, seq)
                            seq = data = None
            except (OSError, ValueError):
                time.sleep(0.1)

    def stream_checks(self):
        self.stream_stop.set()
        self.stream_thread.join(timeout=10)
        seqs = [s for s, _ in self.stream_seen]
        dupes = len(seqs) - len(set(seqs))
        if dupes:
            self.violations.append(f"live stream: {dupes} changes shown twice")
        floor = self.stream_floor if isinstance(self.stream_floor, int) else 0
        code, log = None, []
        node = self.nodes[0]
        req = urllib.request.Request(node.base + "/console/events")
        req.add_header("Cookie", f"gj_session={node.token}")
        req.add_header("Last-Event-ID", str(floor))
        top = max(seqs, default=floor)
        try:
            with urllib.request.urlopen(req, timeout=5) as r:
                seq = data = None
                for raw in r:
                    line = raw.decode().rstrip("\n")
                    if line.startswith("id: "):
                        seq = int(line[4:])
                    elif line.startswith("data: "):
                        data = line[6:]
                    elif line == "" and seq is not None:
                        log.append((seq, data))
                        if seq >= top:
                            break
                        seq = data = None
        except (OSError, ValueError) as e:
            self.violations.append(f"live stream: replay of the change log failed: {e}")
        missed = sorted(set(log) - set(self.stream_seen))
        if missed:
            self.violations.append(f"live stream: {len(missed)} changes never shown, e.g. {missed[:3]}")
        self.stream_report = {"connects": self.stream_connects, "changes_seen": len(self.stream_seen),
                              "changes_in_log": len(log), "missed": len(missed), "shown_twice": dupes}

    # --- the verdict ----------------------------------------------------------------------

    def settle(self, deadline):
        end = time.time() + deadline
        pending = [j for j, v in self.jobs.items()]
        while pending and time.time() < end:
            pending = [j for j in pending if self.poll(j) not in ("success", "failed", "cancelled")]
            time.sleep(0.2)
        for j in pending:
            self.violations.append(f"job {j} not terminal {deadline}s after the last fault")

    def final_checks(self):
        groups = {}
        for job, v in self.jobs.items():
            states = set()
            for node in self.nodes:
                code, resp = node.call("GET", f"/ges/v1.0/{PROJECT}/graphs/{GRAPH}/jobs/{job}/status?offset=0&limit=100000")
                self.record(node, "final-status", job, code, resp)
                if code != 200:
                    self.violations.append(f"job {job} unknown to node {node.index}: {code} {summary(resp)}")
                    continue
                states.add(terminal_word(resp))
                if resp.get("status") == "success":
                    self.check_page(job, "all", resp, node)
                    v.setdefault("content", content_digest(resp))
            if len(states) > 1:
                self.violations.append(f"job {job}: nodes disagree on its state {sorted(states)}")
            state = next(iter(states), None)
            if state:
                self.observe_terminal(job, state, self.nodes[0])
            if v["cancelled_at_ack"] and state == "success":
                self.violations.append(f"job {job} was cancelled before it ran and then succeeded")
            if state == "success" and v["algo"] in DETERMINISTIC and "content" in v:
                groups.setdefault(v["algo"], {}).setdefault(v["content"], []).append(job)
        for algo, by_digest in groups.items():
            if len(by_digest) > 1:
                self.violations.append(f"{algo}: jobs on one graph version gave {len(by_digest)} different results")


def content_digest(resp):
    """A result's rows and scalars, whichever job computed them: the compute time is left out
    and lists are compared as sets of rows (two jobs may emit rows in another order)."""
    outputs = dict((resp.get("data") or {}).get("outputs") or {})
    outputs.pop("runtime", None)
    canon = {k: sorted(json.dumps(x, sort_keys=True) for x in v) if isinstance(v, list) else v
             for k, v in outputs.items()}
    return hashlib.sha256(json.dumps(canon, sort_keys=True).encode()).hexdigest()


def terminal_word(resp):
    """The job's state as the GES service plane shows it, with cancelled told apart: GES has no
    `cancelled` status, a cancelled job is `failed` with a reason starting "cancelled"."""
    status = resp.get("status")
    if status == "failed" and str(resp.get("errorMessage", "")).startswith("cancelled"):
        return "cancelled"
    return status


def summary(body):
    if isinstance(body, dict):
        return {k: body[k] for k in ("status", "errorCode", "errorMessage", "jobId") if k in body}
    return body


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--report", default="cluster-faults.json")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="graphjobs-faults.")
    h = Harness(args, args.binary, work)
    started = time.time()
    try:
        for n in h.nodes:
            n.start()
        for n in h.nodes:
            n.wait_ready()
        h.import_demo()
        h.start_stream()
        for r in range(args.rounds):
            h.traffic(2.0)
            h.fault(FAULTS[r % len(FAULTS)])
            h.traffic(1.0)
        h.settle(120)
        h.final_checks()
        h.stream_checks()
    finally:
        for n in h.nodes:
            if n.proc and n.proc.poll() is None:
                n.proc.send_signal(signal.SIGCONT)
                n.proc.terminate()
                n.proc.wait()
    states = {}
    for v in h.jobs.values():
        for s in v["terminal"]:
            states[s] = states.get(s, 0) + 1
    report = {
        "seed": args.seed, "rounds": args.rounds, "seconds": round(time.time() - started, 1),
        "nodes": len(h.nodes), "lease_seconds": LEASE,
        "operations": len(h.history), "acknowledged_jobs": len(h.jobs), "terminal_states": states,
        "live_stream": getattr(h, "stream_report", None),
        "faults": h.faults, "violations": h.violations, "verdict": "pass" if not h.violations else "fail",
        "history": h.history,
    }
    with open(args.report, "w") as f:
        json.dump(report, f, indent=1)
    print(json.dumps({k: report[k] for k in ("seed", "rounds", "seconds", "operations", "acknowledged_jobs",
                                             "terminal_states", "live_stream", "verdict")}))
    for v in h.violations[:20]:
        print("violation:", v, file=sys.stderr)
    if not h.violations:
        import shutil
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"logs kept in {work}", file=sys.stderr)
    sys.exit(0 if not h.violations else 1)


if __name__ == "__main__":
    main()
