#!/usr/bin/env python3
"""Disk faults: the real graphjobs binary on a data dir that fills up, then turns read-only.

Usage: scripts/system/disk_faults.py BINARY [--report FILE] [--site-root DIR] [--tmpfs]

Needs root: the data dir is a small filesystem mounted for the run (and always unmounted). It is
ext4 on a loop device mounted `errors=remount-ro` when the machine has loop devices, so the
kernel can turn it read-only under the running server the way it does when a disk fails (a plain
`mount -o remount,ro` is refused with EBUSY while the server holds files open for writing);
otherwise a tmpfs, and only the read-only-while-running step is skipped (the report says so).

1. baseline: the server (--demo) imports the demo graph; algorithms, a query, an import and a
   result dump succeed; the algorithms' first result pages are kept.
2. disk full: a filler file takes all but 96 KiB, then everything; algorithm jobs, a vertex
   query, an import and a result dump to file:// under the data dir are submitted. Every answer
   is a job id or the GES error envelope saying the disk is full (no bare 500, no hang); a job
   that fails says the disk is full; GETs keep answering. While the disk is full a job may stay
   queued or running (its end cannot be written); once the filler is gone the same process must
   end every job within 60 s (lease expiry included) and run new ones. Then a restart.
3. read-only: the filesystem turns read-only under the running server; submissions get the
   envelope saying the data dir is read-only or not writable, reads keep working, the server
   stops on SIGTERM; `serve` and `token create` on the read-only dir exit non-zero with a last
   line naming the dir as not writable, no panic (also after `mount -o remount,ro` with the
   server stopped). After repair (fsck, mount read-write) the server starts again.
After every restart: every job ever answered with an id is present and terminal (within a
deadline), every succeeded result is readable (the baseline pages unchanged), every succeeded
dump has its manifest, succeeded imports hold the demo counts and failed ones nothing, the demo
graph is intact, no partial result is left in results/, `PRAGMA integrity_check` of the SQLite
store (server stopped) says ok, and new jobs succeed.
No server output may contain a panic. Exit 0 only if every check passed.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.request

PROJECT = "demo"
DEMO_VERTICES, DEMO_EDGES = 4018, 36803
ALGORITHMS = [
    ("pagerank", {"alpha": 0.85}),
    ("connected_component", {}),
    ("triangle_count", {}),
    ("kcore", {"k": 3}),
    ("louvain", {}),
    ("label_propagation", {}),
    ("betweenness", {"k": 64}),
]
FULL = re.compile(r"no space left|disk is full|data dir is full|storage full", re.I)
READ_ONLY = re.compile(r"read-only|readonly|not writable", re.I)
PANIC = re.compile(r"panicked at|stack backtrace|RUST_BACKTRACE", re.I)
SIZE_MB = 48


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()


class Ext4Loop:
    """ext4 on a loop device; `fail_read_only` makes the kernel remount it read-only."""

    kind = "ext4 on a loop device (errors=remount-ro)"

    def __init__(self, work):
        self.dir = os.path.join(work, "data")
        self.image = os.path.join(work, "disk.img")
        self.dev = None
        os.makedirs(self.dir)
        with open(self.image, "wb") as f:
            f.truncate(SIZE_MB << 20)
        try:
            self.dev = run(["losetup", "-f", "--show", self.image])
            run(["mkfs.ext4", "-q", "-F", "-m", "0", "-E", "lazy_itable_init=0,lazy_journal_init=0", self.dev])
            self.mount()
        except (OSError, subprocess.CalledProcessError):
            self.close()
            raise
        self.trigger = f"/sys/fs/ext4/{os.path.basename(self.dev)}/trigger_fs_error"
        self.live_read_only = os.path.exists(self.trigger)

    def mount(self):
        run(["mount", "-o", "errors=remount-ro", self.dev, self.dir])

    def fail_read_only(self):
        os.sync()  # what was written so far is on the disk, as it would be after a commit
        with open(self.trigger, "w") as f:
            f.write("disk_faults.py: simulated disk error")

    def repair(self):
        """With the server stopped: unmount, fsck, mount read-write again."""
        if subprocess.run(["umount", self.dir], capture_output=True).returncode != 0:
            users = subprocess.run(["fuser", "-vm", self.dir], capture_output=True, text=True)
            raise RuntimeError(f"cannot unmount the data dir: {users.stdout} {users.stderr}")
        rc = subprocess.run(["e2fsck", "-fy", self.dev], capture_output=True).returncode
        self.mount()
        return rc < 4  # 0 clean, 1/2 corrected; 4+ left errors

    def remount(self, mode):
        run(["mount", "-o", f"remount,{mode}", self.dir])

    def close(self):
        unmount(self.dir)
        if self.dev:
            subprocess.run(["losetup", "-d", self.dev], capture_output=True)


class Tmpfs:
    kind = "tmpfs (read-only-while-running skipped: it needs ext4 on a loop device)"
    live_read_only = False

    def __init__(self, work):
        self.dir = os.path.join(work, "data")
        os.makedirs(self.dir)
        run(["mount", "-t", "tmpfs", "-o", f"size={SIZE_MB}m", "tmpfs", self.dir])

    def repair(self):
        return True

    def remount(self, mode):
        run(["mount", "-o", f"remount,{mode}", self.dir])

    def close(self):
        unmount(self.dir)


def unmount(path):
    for _ in range(20):
        if subprocess.run(["mountpoint", "-q", path]).returncode != 0:
            return
        if subprocess.run(["umount", path], capture_output=True).returncode == 0:
            return
        time.sleep(0.25)
    subprocess.run(["umount", "-l", path], capture_output=True)


def volume(work):
    if shutil.which("losetup") and shutil.which("mkfs.ext4") and os.path.exists("/dev/loop-control"):
        try:
            return Ext4Loop(work)
        except (OSError, subprocess.CalledProcessError):
            shutil.rmtree(os.path.join(work, "data"), ignore_errors=True)
    return Tmpfs(work)


class Server:
    def __init__(self, h):
        self.h = h
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        log = open(h.log_path, "ab")
        self.proc = subprocess.Popen(h.serve_cmd(self.port), stdout=log, stderr=log, env=h.env)
        log.close()
        h.server = self  # killed on any abort, so the data dir can be unmounted

    def wait_ready(self, deadline=30):
        end = time.time() + deadline
        while time.time() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode} during start (see {self.h.log_path})")
            try:
                with urllib.request.urlopen(self.base + "/health", timeout=1) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not become ready")

    def stop(self, what):
        """SIGTERM; a server that does not exit within 30 s is a violation (then killed)."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.h.violation(f"{what}: the server did not exit within 30 s of SIGTERM")
            self.proc.kill()
            self.proc.wait()

    def call(self, method, path, body=None, timeout=15):
        """(status, parsed JSON or None, raw bytes); (None, None, error text) when no answer came."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("X-Auth-Token", self.h.token)
        req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                code, raw = r.status, r.read()
        except urllib.error.HTTPError as e:
            code, raw = e.code, e.read()
        except OSError as e:
            return None, None, str(e).encode()
        try:
            return code, json.loads(raw), raw
        except ValueError:
            return code, None, raw


class Harness:
    def __init__(self, binary, site_root, vol, work):
        self.binary, self.site_root, self.vol = binary, site_root, vol
        self.data = vol.dir
        self.log_path = os.path.join(work, "server.log")  # outside the data dir: it must stay writable
        self.env = {**os.environ, "GRAPHJOBS_LOG": "warn"}
        self.token = None
        self.server = None
        self.jobs = {}          # id -> {id, kind, graph, phase, path}
        self.base_pages = {}    # baseline algorithm job id -> its first result page
        self.violations = []
        self.counts = {}
        self.phases = []
        self.refusals = {}      # phase -> the first refusal's answer, for the report

    def serve_cmd(self, port):
        cmd = [self.binary, "serve", "--addr", f"127.0.0.1:{port}", "--data-dir", self.data, "--demo",
               "--workers", "2"]
        return cmd + (["--site-root", self.site_root] if self.site_root else [])

    def violation(self, text):
        self.violations.append(text)

    def count(self, key, n=1):
        self.counts[key] = self.counts.get(key, 0) + n

    # --- submissions ------------------------------------------------------------------------

    def submit(self, srv, kind, phase, expect=None, **kw):
        """Submits one job; records its id, or checks the refusal is a clear envelope.
        `expect` is the regex a refusal's message must match (None: no refusal expected)."""
        g = f"/ges/v1.0/{PROJECT}/graphs"
        path = None
        graph = "movie"
        if kind == "algo":
            name, params = kw["algo"]
            req = (f"{g}/movie/action?action_id=execute-algorithm", {"algorithmName": name, "parameters": params})
        elif kind == "query":
            req = (f"{g}/movie/vertices/action?action_id=query",
                   {"labels": ["user"], "limit": 50,
                    "vertexFilters": [{"propertyName": "Gender", "predicate": "=", "values": ["F"]}]})
        elif kind == "import":
            graph = kw["graph"]
            demo = os.path.join(self.data, "demo", "movie")
            req = (f"{g}/{graph}/action?action_id=import-graph",
                   {"schemaPath": f"file://{demo}/schema.xml", "vertexsetPath": f"file://{demo}/vertices.csv",
                    "edgesetPath": f"file://{demo}/edges.csv"})
        else:  # dump
            path = os.path.join(self.data, "out", kw["name"])
            req = (f"{g}/movie/jobs/{kw['source']}/action?action_id=export-result",
                   {"exportPath": f"file://{path}/", "erase": False})
        t = time.time()
        code, body, raw = srv.call("POST", *req)
        label = f"{phase}: {kind} submission"
        self.count(f"{phase} submissions")
        if code is None:
            self.violation(f"{label} got no answer within 15 s: {raw.decode(errors='replace')}")
            return None
        if code == 200 and isinstance(body, dict) and body.get("jobId"):
            if body["jobId"] in self.jobs:  # the same request while the first is unfinished
                self.count(f"{phase} answered with the unfinished identical job")
                return self.jobs[body["jobId"]]
            job = {"id": body["jobId"], "kind": kind, "graph": graph, "phase": phase, "path": path}
            self.jobs[job["id"]] = job
            self.count(f"{phase} accepted")
            return job
        self.count(f"{phase} refused")
        if phase not in self.refusals and isinstance(body, dict):
            self.refusals[phase] = f"HTTP {code} {body.get('errorCode')} {body.get('errorMessage')!r}"
        if not isinstance(body, dict) or not body.get("errorCode") or not body.get("errorMessage"):
            self.violation(f"{label}: HTTP {code} without the GES error envelope: {raw[:200]!r}")
        elif expect is None:
            self.violation(f"{label} refused: HTTP {code} {body}")
        elif not expect.search(body["errorMessage"]):
            self.violation(f"{label}: HTTP {code} envelope does not say why ({expect.pattern}): {body}")
        if time.time() - t > 10:
            self.violation(f"{label} took {time.time() - t:.1f} s to be refused")
        return None

    # --- reading ----------------------------------------------------------------------------

    def status(self, srv, job, limit=5):
        return srv.call("GET", f"/ges/v1.0/{PROJECT}/graphs/{job['graph']}/jobs/{job['id']}/status"
                               f"?offset=0&limit={limit}")

    def settle(self, srv, jobs, deadline):
        """Polls until every job is terminal or the deadline passes: ({id: (code, body)}, [pending])."""
        end = time.time() + deadline
        while True:
            seen, pending = {}, []
            for job in jobs:
                code, body, _ = self.status(srv, job)
                seen[job["id"]] = (code, body)
                if code != 200 or body.get("status") in ("pending", "running"):
                    pending.append(job["id"])
            if not pending or time.time() > end:
                return seen, pending
            time.sleep(0.25)

    def graphs(self, srv):
        code, body, raw = srv.call("GET", f"/v2/{PROJECT}/graphs?limit=1000")
        if code != 200 or not isinstance(body, dict):
            self.violation(f"graph list: HTTP {code} {raw[:200]!r}")
            return {}
        return {g["name"]: (g["vertex_num"], g["edge_num"]) for g in body.get("graphs", [])}

    def reads_work(self, srv, phase):
        """The server keeps answering GETs: health, job lists, the baseline results, graphs."""
        checks = [("/health", None), (f"/ges/v1.0/{PROJECT}/graphs/movie/jobs/status?limit=100", dict),
                  (f"/v2/{PROJECT}/graphs/jobs?limit=100", dict)]
        for path, kind in checks:
            code, body, raw = srv.call("GET", path)
            self.count(f"{phase} reads")
            if code != 200 or (kind and not isinstance(body, kind)):
                self.violation(f"{phase}: GET {path} answered {code} {raw[:200]!r}")
        for jid, page in self.base_pages.items():
            code, body, raw = self.status(srv, self.jobs[jid])
            self.count(f"{phase} reads")
            got = (body or {}).get("data", {}).get("outputs") if code == 200 else None
            if got != page:
                self.violation(f"{phase}: result of {jid} unreadable or changed: {code} {raw[:200]!r}")
        if self.graphs(srv).get("movie") != (DEMO_VERTICES, DEMO_EDGES):
            self.violation(f"{phase}: the demo graph no longer has its counts")

    def wait_demo(self, srv, deadline=60):
        end = time.time() + deadline
        while time.time() < end:
            code, body, _ = srv.call("GET", f"/v2/{PROJECT}/graphs?limit=1000")
            if code == 200 and any(g["name"] == "movie" and (g["vertex_num"], g["edge_num"]) ==
                                   (DEMO_VERTICES, DEMO_EDGES) for g in body.get("graphs", [])):
                return
            time.sleep(0.2)
        raise RuntimeError("the demo graph was never imported")

    # --- whole-state verification -------------------------------------------------------------

    def verify(self, srv, phase, deadline=60):
        """Everything ever answered with an id is present and terminal and its output intact."""
        seen, pending = self.settle(srv, list(self.jobs.values()), deadline)
        graphs = self.graphs(srv)
        for jid in pending:
            code, body = seen[jid]
            state = body.get("status") if code == 200 else f"HTTP {code}"
            self.violation(f"{phase}: job {jid} ({self.jobs[jid]['kind']}, from {self.jobs[jid]['phase']}) "
                           f"{'lost' if code != 200 else 'stuck ' + str(state)} {deadline} s after the restart")
        for job in self.jobs.values():
            if job["id"] in pending:
                continue
            body = seen[job["id"]][1]
            self.count(f"{phase} jobs checked")
            if body["status"] == "failed":
                if not body.get("failReason"):
                    self.violation(f"{phase}: job {job['id']} failed without a reason")
                if job["kind"] == "import" and graphs.get(job["graph"]) not in (None, (0, 0)):
                    self.violation(f"{phase}: import {job['id']} failed but graph {job['graph']} holds "
                                   f"{graphs.get(job['graph'])}")
                continue
            if body["status"] != "success":
                self.violation(f"{phase}: job {job['id']} ended {body['status']}")
            elif job["kind"] in ("algo", "query"):
                outputs = (body.get("data") or {}).get("outputs")
                if not isinstance(outputs, dict) or "data_total_size" not in outputs:
                    self.violation(f"{phase}: job {job['id']} succeeded but its result is unreadable: {body}")
                elif job["id"] in self.base_pages and outputs != self.base_pages[job["id"]]:
                    self.violation(f"{phase}: the result of baseline job {job['id']} changed")
            elif job["kind"] == "dump":
                if not os.path.exists(os.path.join(job["path"], "manifest.json")):
                    self.violation(f"{phase}: dump {job['id']} succeeded without a manifest in {job['path']}")
            elif job["kind"] == "import" and graphs.get(job["graph"]) != (DEMO_VERTICES, DEMO_EDGES):
                self.violation(f"{phase}: import {job['id']} succeeded but {job['graph']} holds "
                               f"{graphs.get(job['graph'])}")
        if graphs.get("movie") != (DEMO_VERTICES, DEMO_EDGES):
            self.violation(f"{phase}: demo graph damaged: {graphs.get('movie')}")
        self.count(f"{phase} graphs checked", len(graphs))
        # Nothing runs now: a partial result left behind is space a failed write never gave back.
        results = os.path.join(self.data, "results")
        partial = [d for d in os.listdir(results) if d.endswith(".partial")] if os.path.isdir(results) else []
        if not pending and partial:
            self.violation(f"{phase}: {len(partial)} partial result(s) left in results/: {partial[:3]}")

    def new_jobs_succeed(self, srv, phase):
        algo = self.submit(srv, "algo", phase, algo=ALGORITHMS[0])
        imp = self.submit(srv, "import", phase, graph=re.sub(r"\W", "", phase) + str(len(self.jobs)))
        if algo:
            seen, _ = self.settle(srv, [algo], 30)
            if seen[algo["id"]][1].get("status") == "success":
                dump = self.submit(srv, "dump", phase, source=algo["id"], name=re.sub(r"\W", "", phase) + "-dump")
                jobs = [j for j in (dump, imp) if j]
            else:
                jobs = [j for j in (algo, imp) if j]
        else:
            jobs = [imp] if imp else []
        seen, _ = self.settle(srv, jobs + ([algo] if algo else []), 30)
        for jid, (code, body) in seen.items():
            if code != 200 or body.get("status") != "success":
                self.violation(f"{phase}: a new {self.jobs[jid]['kind']} job did not succeed: {body}")

    def integrity(self, phase):
        """With the server stopped: SQLite's own check of the job store."""
        db = os.path.join(self.data, "graphjobs.db")
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            try:
                answer = [r[0] for r in con.execute("PRAGMA integrity_check")]
            finally:
                con.close()
        except sqlite3.Error as e:
            answer = [f"cannot open: {e}"]
        self.count("integrity checks")
        if answer != ["ok"]:
            self.violation(f"{phase}: PRAGMA integrity_check of the job store: {answer[:5]}")

    def scan_log(self):
        with open(self.log_path, "rb") as f:
            text = f.read().decode(errors="replace")
        for line in text.splitlines():
            if PANIC.search(line):
                self.violation(f"server log: {line.strip()[:200]}")
        return len(text)

    def start_refused(self, phase):
        """On a read-only data dir, serve and token create fail: non-zero, one clear line, no panic."""
        for what, cmd in [("serve", self.serve_cmd(free_port())),
                          ("token create", [self.binary, "token", "create", "--project", PROJECT,
                                            "--data-dir", self.data])]:
            self.count(f"{phase} refused starts")
            try:
                p = subprocess.run(cmd, capture_output=True, text=True, timeout=30, env=self.env)
            except subprocess.TimeoutExpired:
                self.violation(f"{phase}: `{what}` on a read-only data dir was still running after 30 s")
                continue
            out = (p.stdout + p.stderr).strip()
            last = out.splitlines()[-1] if out else ""
            if p.returncode == 0:
                self.violation(f"{phase}: `{what}` on a read-only data dir exited 0")
            if PANIC.search(out):
                self.violation(f"{phase}: `{what}` on a read-only data dir panicked: {last[:200]}")
            elif not (READ_ONLY.search(last) and self.data in last):
                self.violation(f"{phase}: `{what}` on a read-only data dir: the last line does not name "
                               f"the data dir as read-only: {last[:300]!r}")
            self.phases.append(f"{phase}: `{what}` refused: {last[:160]}")

    # --- phases -----------------------------------------------------------------------------

    def baseline(self):
        srv = Server(self)
        srv.wait_ready()
        self.wait_demo(srv)
        algos = [self.submit(srv, "algo", "baseline", algo=a) for a in ALGORITHMS[:4]]
        imp = self.submit(srv, "import", "baseline", graph="copy0")
        q = self.submit(srv, "query", "baseline")
        jobs = [j for j in algos + [imp, q] if j]
        seen, pending = self.settle(srv, jobs, 30)
        for job in jobs:
            code, body = seen[job["id"]]
            if body.get("status") != "success":
                raise RuntimeError(f"baseline job {job['kind']} did not succeed: {body}")
            if job["kind"] == "algo":
                self.base_pages[job["id"]] = body["data"]["outputs"]
        dump = self.submit(srv, "dump", "baseline", source=algos[0]["id"], name="base-dump")
        seen, _ = self.settle(srv, [dump], 30)
        if seen[dump["id"]][1].get("status") != "success":
            raise RuntimeError(f"baseline dump did not succeed: {seen[dump['id']][1]}")
        self.verify(srv, "baseline")
        self.phases.append(f"baseline: demo graph imported, {len(self.jobs)} jobs succeeded")
        return srv

    def fill(self, leave=0):
        """A filler file takes every free byte (1 MiB writes, then smaller ones, until ENOSPC),
        then gives `leave` bytes back."""
        path = os.path.join(self.data, "filler")
        with open(path, "ab", buffering=0) as f:
            for size in (1 << 20, 1 << 12, 1 << 9):
                chunk = b"\0" * size
                while True:
                    try:
                        f.write(chunk)
                    except OSError as e:
                        if e.errno != 28:
                            raise
                        break
            if leave:
                f.truncate(max(0, f.tell() - leave))
            os.fsync(f.fileno())
        os.sync()  # ext4 reuses freed blocks once the freeing transaction commits
        st = os.statvfs(self.data)
        return os.path.getsize(path), st.f_bavail * st.f_frsize

    def free(self):
        os.remove(os.path.join(self.data, "filler"))
        os.sync()

    def disk_full(self, srv):
        source = next(iter(self.base_pages))
        # Nearly full: submissions are stored, the jobs then run out of space writing results.
        size, left = self.fill(leave=96 << 10)
        self.phases.append(f"nearly full: filler of {size >> 10} KiB, {left >> 10} KiB left")
        jobs = [self.submit(srv, "algo", "nearly full", expect=FULL, algo=a) for a in ALGORITHMS]
        jobs.append(self.submit(srv, "query", "nearly full", expect=FULL))
        jobs.append(self.submit(srv, "import", "nearly full", expect=FULL, graph="full1"))
        jobs.append(self.submit(srv, "dump", "nearly full", expect=FULL, source=source, name="full-dump"))
        self.ended_clearly(srv, [j for j in jobs if j], "nearly full", FULL, 10)
        # Completely full: even the job store cannot take a row.
        size, left = self.fill()
        self.phases.append(f"full: filler of {size >> 10} KiB, {left} bytes left")
        jobs = [self.submit(srv, "algo", "full", expect=FULL, algo=a) for a in ALGORITHMS[:3]]
        jobs.append(self.submit(srv, "import", "full", expect=FULL, graph="full2"))
        jobs.append(self.submit(srv, "dump", "full", expect=FULL, source=source, name="full-dump2"))
        self.ended_clearly(srv, [j for j in jobs if j], "full", FULL, 3)
        self.reads_work(srv, "full")
        # Space comes back: without a restart, every job ends (a job whose end could not be
        # written is recovered when its lease runs out) and new jobs run.
        self.free()
        full_jobs = [j for j in self.jobs.values() if j["phase"] in ("nearly full", "full")]
        t = time.time()
        seen, pending = self.ended_clearly(srv, full_jobs, "space back", FULL, 60, final=True)
        self.phases.append(f"space back: the {len(full_jobs)} jobs of the full disk ended "
                           f"{time.time() - t:.1f} s after the space came back")
        self.new_jobs_succeed(srv, "space back")
        srv.stop("disk full")
        self.integrity("after disk full")
        srv = Server(self)
        srv.wait_ready()
        self.verify(srv, "after disk full")
        self.new_jobs_succeed(srv, "after disk full")
        self.reads_work(srv, "after disk full")
        return srv

    def ended_clearly(self, srv, jobs, phase, reason, deadline, final=False):
        """Polls the jobs for up to `deadline` s; a failure must say why. While the disk is
        full a job may stay queued or running (its end cannot be written yet): counted; with
        `final`, still being unfinished at the deadline is a violation."""
        seen, pending = self.settle(srv, jobs, deadline)
        for jid in pending:
            code, body = seen[jid]
            st = body.get("status") if code == 200 else f"HTTP {code}"
            self.count(f"{phase} jobs still {st}")
            if final or code != 200:
                self.violation(f"{phase}: {self.jobs[jid]['kind']} job {jid} (from {self.jobs[jid]['phase']}) "
                               f"still {st} {deadline} s later")
        for job in jobs:
            if job["id"] in pending:
                continue
            body = seen[job["id"]][1]
            self.count(f"{phase} jobs {body.get('status')}")
            if body.get("status") == "failed" and not reason.search(body.get("failReason") or ""):
                self.violation(f"{phase}: {job['kind']} job {job['id']} failed without saying why "
                               f"({reason.pattern}): {body.get('failReason')!r}")
        return seen, pending

    def read_only(self, srv):
        if self.vol.live_read_only:
            # Nothing in flight: what was written is all on the disk when it turns read-only.
            self.settle(srv, list(self.jobs.values()), 30)
            self.vol.fail_read_only()
            try:
                with open(os.path.join(self.data, "probe"), "w"):
                    pass
                self.violation("read-only: the data dir is still writable after the simulated disk error")
            except OSError:
                pass
            source = next(iter(self.base_pages))
            self.submit(srv, "algo", "read-only", expect=READ_ONLY, algo=ALGORITHMS[0])
            self.submit(srv, "query", "read-only", expect=READ_ONLY)
            self.submit(srv, "import", "read-only", expect=READ_ONLY, graph="ro1")
            self.submit(srv, "dump", "read-only", expect=READ_ONLY, source=source, name="ro-dump")
            self.reads_work(srv, "read-only")
            ro_jobs = [j for j in self.jobs.values() if j["phase"] == "read-only"]
            self.ended_clearly(srv, ro_jobs, "read-only", READ_ONLY, 20, final=True)
            srv.stop("read-only")
            self.start_refused("read-only (disk error)")
            if not self.vol.repair():
                self.violation("read-only: e2fsck left errors on the filesystem")
            self.phases.append("read-only: the kernel remounted the data dir read-only under the server")
        else:
            srv.stop("read-only")
            self.phases.append("read-only while running: SKIPPED (needs ext4 on a loop device)")
        # The administrator's read-only mount, with the server stopped.
        self.vol.remount("ro")
        try:
            self.start_refused("read-only (mount -o ro)")
        finally:
            self.vol.remount("rw")
        self.integrity("after read-only")
        srv = Server(self)
        srv.wait_ready()
        self.verify(srv, "after read-only")
        self.new_jobs_succeed(srv, "after read-only")
        self.reads_work(srv, "after read-only")
        return srv


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--report")
    ap.add_argument("--site-root", default=os.environ.get("SITE_ROOT"))
    ap.add_argument("--tmpfs", action="store_true", help="use a tmpfs even if a loop device works")
    args = ap.parse_args()
    if os.geteuid() != 0:
        print("disk_faults: needs root (it mounts the data dir)", file=sys.stderr)
        return 2
    site_root = args.site_root or os.path.join(os.path.dirname(os.path.abspath(args.binary)), "site")
    site_root = site_root if os.path.isdir(site_root) else None
    binary = os.path.abspath(args.binary)
    t0 = time.time()
    # SIGTERM (a CI timeout) unwinds like an error, so the finally below still unmounts.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    work = tempfile.mkdtemp(prefix="graphjobs-disk.")
    vol, h = None, None
    try:
        vol = Tmpfs(work) if args.tmpfs else volume(work)
        h = Harness(binary, site_root, vol, work)
        h.token = run([binary, "token", "create", "--project", PROJECT, "--data-dir", vol.dir]).splitlines()[-1]
        srv = h.baseline()
        srv = h.disk_full(srv)
        srv = h.read_only(srv)
        srv.stop("end")
        h.integrity("end")
    except Exception as e:  # the run could not go on: that is a violation too
        if h is None:
            raise
        h.violation(f"aborted: {type(e).__name__}: {e}")
    finally:
        if h and h.server and h.server.proc.poll() is None:
            h.server.proc.kill()
            h.server.proc.wait()
        log_bytes = h.scan_log() if h else 0
        if h and h.violations:
            shutil.copy(h.log_path, os.path.join(tempfile.gettempdir(), "graphjobs-disk-faults.log"))
        if vol is not None:
            vol.close()
        shutil.rmtree(work, ignore_errors=True)
    by_kind = {}
    for job in h.jobs.values():
        by_kind[job["kind"]] = by_kind.get(job["kind"], 0) + 1
    report = {"volume": vol.kind, "jobs": len(h.jobs), "by_kind": by_kind, "counts": h.counts,
              "steps": h.phases, "refusals": h.refusals, "server_log_bytes": log_bytes, "seconds": round(time.time() - t0, 1),
              "violations": h.violations}
    if args.report:
        with open(args.report, "w") as f:
            f.write(json.dumps(report, indent=1) + "\n")
    print(f"disk_faults: data dir on {vol.kind}")
    for step in h.phases:
        print(f"  {step}")
    for phase, answer in h.refusals.items():
        print(f"  {phase}: submissions refused with {answer}")
    counts = ", ".join(f"{k}: {v}" for k, v in h.counts.items())
    print(textwrap.fill(counts, width=100, initial_indent="  ", subsequent_indent="  "))
    print(f"  {len(h.jobs)} jobs ({', '.join(f'{k} {v}' for k, v in by_kind.items())}), "
          f"{report['seconds']} s")
    if h.violations:
        print(f"disk_faults: {len(h.violations)} violation(s) (server log kept at "
              f"{os.path.join(tempfile.gettempdir(), 'graphjobs-disk-faults.log')}):", file=sys.stderr)
        for v in h.violations:
            print(f"  - {v}", file=sys.stderr)
        return 1
    print("disk_faults: every answer clear, every job accounted for, nothing corrupted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
