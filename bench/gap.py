#!/usr/bin/env python3
"""GAP Benchmark Suite (github.com/sbeamer/gapbs) timings, measured in the same run as graphjobs.

    python3 bench/gap.py --scale 18 [--runs 3] [--out bench/out]   # the graph bench.rs wrote
    python3 bench/gap.py --own 18                                   # GAP's own generator (-g 18)

GAP is not part of this repository: bench/setup.sh builds it from a checkout you point it to
(GAPBS_SRC) into $GAPBS_DIR (default ~/.cache/gapbs); bench/run.sh calls this script only when
the binaries are there. Prints one JSON object on stdout (bench/run.sh writes it to
bench/out/gap-<scale>.json or gap-own-<scale>.json); progress goes to stderr.

--scale S: GAP reads bench/out/kron-S.el, the very file graphjobs and the Python libraries read.
  Its lines are `u v w`, which is GAP's `.wel` format (GAP picks the format from the suffix; read
  as `.el`, GAP would take each weight for the next vertex), so GAP reads it through a `.wel`
  symlink. GAP's `converter` turns it once into a symmetrized `.sg` (bfs, pr, cc, bc, tc) and a
  weighted `.wsg` (sssp); the weighted conversion is timed as the import reference. Then:
    pr    -i <pagerank_iterations of kron-S.json> -t 0: exactly as many iterations as graphjobs
          (tolerance 0 never stops early); -l prints one line per iteration, which is counted
    bfs   -r <source>, for each of the same sources graphjobs uses
    sssp  -r <source> -d <delta>, same sources (delta 2, GAP's own setting for its kron graph)
    cc    Afforest
    bc    -r <source> -i 1 for each of the 4 betweenness sources graphjobs uses; a trial's time is
          the sum over the 4 sources (GAP's -i 4 would draw its own random sources)
    tc    GAP's hybrid triangle count (it relabels by degree inside the timed trial when useful)
  Each with -n <runs> trials and OMP_NUM_THREADS = the CPUs this process may use, in --processes
  processes (GAP's binaries run that many times): a figure is the median of the processes'
  medians, as for graphjobs (bench/processes.py). `-a` (analysis of
  the last trial, outside the timed part) gives BFS/SSSP reach, components and triangles, which
  bench/report.py checks against graphjobs' results.

--own S: GAP's kernels on the Kronecker graph GAP itself generates (-g S), with the arguments of
  GAP's benchmark/bench.mk for its kron graph (bfs -n64, sssp -d2 -n64, pr -i1000 -t1e-4 -n16,
  cc -n16, bc -i4 -n16, tc -n3), so these figures can be set beside published GAP figures.

Times are GAP's own "Trial Time" lines (the kernel only, not loading). Peak RSS of each GAP
process is /usr/bin/time's %M (the "Maximum resident set size" of -v). A kernel that fails or
passes --timeout is recorded with its status and reason and no time, so the reports say "not
measured" for it.
"""

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from processes import median_row

HERE = os.path.dirname(os.path.abspath(__file__))
# Repetitions of the conversion stop once this much time is spent (one always runs), as bench.rs
# does for its own import.
CONVERT_BUDGET_S = 30.0
# GAP's benchmark/bench.mk arguments for its kron graph; `-l` on pr only adds one line per
# iteration (so the iterations to convergence can be counted).
OWN_ARGS = {
    "bfs": ["-n", "64"],
    "sssp": ["-d", "2", "-n", "64"],
    "pr": ["-i", "1000", "-t", "1e-4", "-n", "16", "-l"],
    "cc": ["-n", "16"],
    "bc": ["-i", "4", "-n", "16"],
    "tc": ["-n", "3"],
}


def log(msg):
    print(f"gap: {msg}", file=sys.stderr, flush=True)


class Failed(Exception):
    """A GAP process that timed out or exited non-zero; `status` is "timeout" or "error"."""

    def __init__(self, status, reason):
        super().__init__(reason)
        self.status, self.reason = status, reason


class Gap:
    def __init__(self, bin_dir, threads, timeout):
        self.bin_dir, self.timeout = bin_dir, timeout
        self.env = dict(os.environ, OMP_NUM_THREADS=str(threads))
        # Peak RSS: GNU time's %M where it exists. wait4's own figure would do elsewhere, but Linux
        # keeps a process's peak across exec, so it also counts this Python process (~15 MiB)
        # that forked GAP.
        self.time = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None

    def run(self, binary, args):
        """Runs one GAP binary; returns (its output, wall seconds, peak RSS in KiB)."""
        args = [str(a) for a in args]
        shown = " ".join([binary] + args)
        log(shown)
        cmd = [os.path.join(self.bin_dir, binary)] + args
        with tempfile.TemporaryFile("w+") as out, tempfile.NamedTemporaryFile("r") as rss_file:
            if self.time:
                cmd = [self.time, "-f", "%M", "-o", rss_file.name] + cmd
            t = time.perf_counter()
            # A process group of its own (process_group: Python 3.11+), so a timeout kills GAP and
            # not only /usr/bin/time. Not a session of its own: with the kernel's autogroup
            # scheduling that would give GAP another CPU share than graphjobs got on a busy machine.
            proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=self.env,
                                    process_group=0)
            timer = threading.Timer(self.timeout, os.killpg, (proc.pid, signal.SIGKILL))
            timer.start()
            try:
                _, status, usage = os.wait4(proc.pid, 0)
            finally:
                timer.cancel()
            wall = time.perf_counter() - t
            proc.returncode = code = os.waitstatus_to_exitcode(status)
            out.seek(0)
            text = out.read()
            # GNU time writes "Command exited with non-zero status N" first when it fails.
            lines = rss_file.read().split()
            rss = int(lines[-1]) if self.time and lines and lines[-1].isdigit() else usage.ru_maxrss
        if code != 0:
            if wall >= self.timeout:
                raise Failed("timeout", f"`{shown}` stopped after {self.timeout:.0f} s")
            last = (text.strip().splitlines() or [f"exit {code}"])[-1]
            raise Failed("error", f"`{shown}` failed (exit {code}): {last}")
        return text, wall, rss


def times(text, label):
    """Every `<label>: <seconds>` line of GAP's output."""
    return [float(x) for x in re.findall(rf"^{label}:\s+([0-9.eE+-]+)\s*$", text, re.M)]


def graph_stats(text):
    """GAP's `Graph has N nodes and M undirected edges` line."""
    m = re.search(r"^Graph has (\d+) nodes and (\d+) (un)?directed edges", text, re.M)
    return {"vertices": int(m[1]), "edges": int(m[2]), "directed": not m[3]} if m else None


def figure(samples, **extra):
    """{"median_s", "mean_s", "samples", "trial_s"} of the trials' seconds, plus `extra`."""
    if not samples:
        raise Failed("error", "GAP printed no `Trial Time` line")
    row = {"median_s": statistics.median(samples), "mean_s": statistics.fmean(samples),
           "samples": len(samples), "trial_s": samples}
    row.update(extra)
    return row


def failed(e):
    return {"status": e.status, "reason": e.reason}


def pagerank_iterations(text):
    """Iterations per trial from pr's -l output: each iteration prints `<step> <error>`, and each
    trial ends with its `Trial Time:` line."""
    counts, n = [], 0
    for line in text.splitlines():
        if re.match(r"^\s*\d+\s+[0-9.eE+-]+\s*$", line):
            n += 1
        elif line.startswith("Trial Time:"):
            counts.append(n)
            n = 0
    return counts


def per_iteration(trials, iterations):
    """Each PageRank trial's time over its own iteration count."""
    if len(iterations) != len(trials) or not all(iterations):
        raise Failed("error", f"pr printed {len(trials)} trials but iteration counts {iterations}")
    return [t / i for t, i in zip(trials, iterations)]


def components(text):
    """cc -a: component count and the largest component's size (first `id:size` line after
    `k biggest clusters`)."""
    count = re.search(r"^There are (\d+) components", text, re.M)
    largest = re.search(r"biggest clusters\n\d+:(\d+)", text)
    return int(count[1]) if count else None, int(largest[1]) if largest else None


def one_number(text, pattern):
    m = re.search(pattern, text, re.M)
    return int(m[1]) if m else None


def convert(gap, src, dst, weighted, runs):
    """Times `converter -f src -s [-w]b dst`: GAP's text edge list to CSR, symmetrized. Read and
    Build are GAP's own timers (parse the text; build the CSR); wall also writes the file."""
    args = ["-f", src, "-s", "-wb" if weighted else "-b", dst]
    read, build, wall, rss, stats, started = [], [], [], 0, None, time.perf_counter()
    while True:
        text, w, kib = gap.run("converter", args)
        read += times(text, "Read Time")
        build += times(text, "Build Time")
        wall.append(w)
        rss, stats = max(rss, kib), graph_stats(text)
        if len(wall) >= max(runs, 1) or time.perf_counter() - started >= CONVERT_BUDGET_S:
            break
    total = [r + b for r, b in zip(read, build)]
    return {"command": "converter " + " ".join(args), "read_build_s": statistics.median(total),
            "read_s": statistics.median(read), "build_s": statistics.median(build),
            "wall_s": statistics.median(wall), "samples": len(wall), "maxrss_kib": rss, "graph": stats}


def same_graph(gap, args):
    """GAP's six kernels on bench/out/kron-<scale>.el (see the module doc); the converted graphs
    live in bench/out/gap-work-<scale>/ while they run and are removed after (--keep-graphs)."""
    work = os.path.join(os.path.abspath(args.out), f"gap-work-{args.scale}")
    try:
        return kernels_on_file(gap, args, work)
    finally:
        if not args.keep_graphs and os.path.isdir(work):
            for name in os.listdir(work):
                os.remove(os.path.join(work, name))
            os.rmdir(work)


def kernels_on_file(gap, args, work):
    out = os.path.abspath(args.out)
    with open(os.path.join(out, f"kron-{args.scale}.json")) as f:
        meta = json.load(f)
    el = os.path.join(out, f"kron-{args.scale}.el")
    st = os.stat(el)
    os.makedirs(work, exist_ok=True)
    wel, sg, wsg = (os.path.join(work, f"kron-{args.scale}{ext}") for ext in (".wel", ".sg", ".wsg"))
    if os.path.lexists(wel):
        os.remove(wel)
    os.symlink(el, wel)
    runs, sources, bc_sources = args.runs, meta["sources"], meta["bc_sources"]
    iters = meta["pagerank_iterations"]
    result = {
        "tool": "gapbs", "mode": "same graph", "scale": args.scale, "runs": runs, "threads": args.threads,
        "processes": args.processes,
        "gapbs": build_info(args.gapbs_dir),
        # The metadata bench.rs wrote with the edge list, and the file's identity when GAP read
        # it: bench/report.py uses both to refuse a gap-<scale>.json from another run.
        "graph": meta, "edge_list": {"path": el, "bytes": st.st_size, "mtime_ns": st.st_mtime_ns},
        "settings": {"sssp_delta": args.delta, "pagerank_iterations": iters, "pagerank_tolerance": 0},
        "started_unix": time.time(), "load_start": loadavg(), "kernels": {}, "checks": {}, "memory": {},
    }
    kernels, checks, memory = result["kernels"], result["checks"], result["memory"]
    try:
        wconv = convert(gap, wel, wsg, True, runs)
        conv = convert(gap, wel, sg, False, 1)
    except Failed as e:
        # Without GAP's graph files no kernel can run: each says why.
        log(f"conversion failed: {e.reason}")
        result["import"] = failed(e)
        for key in ("pagerank", "pagerank_jacobi", "bfs", "wcc", "sssp", "triangle_count", "betweenness"):
            kernels[key] = failed(e)
        result["load_end"] = loadavg()
        return result
    result["gap_graph"] = conv["graph"]
    edges = meta["edges"]
    result["import"] = dict(wconv, input_bytes=st.st_size, edges=edges,
                            edges_per_s=edges / wconv["read_build_s"],
                            mb_per_s=st.st_size / 1e6 / wconv["read_build_s"])
    result["convert_unweighted"] = conv
    memory["converter_weighted_maxrss_kib"] = wconv["maxrss_kib"]
    memory["kernel_maxrss_kib"] = {}

    def kernel(key, fn):
        try:
            kernels[key] = median_row([fn() for _ in range(args.processes)])
        except Failed as e:
            kernels[key] = failed(e)
            log(f"{key}: {e.status}: {e.reason}")

    def per_source(binary, graph, extra, reach_pattern, check):
        samples, reached, rss = [], [], 0
        for s in sources:
            text, _, kib = gap.run(binary, ["-f", graph, "-r", s, "-n", runs, "-a"] + extra)
            samples += times(text, "Trial Time")
            reached.append(one_number(text, reach_pattern))
            rss = max(rss, kib)
        checks[check] = reached
        memory["kernel_maxrss_kib"][binary] = rss
        shown = " ".join(["-f", os.path.basename(graph), "-r <source>", "-n", str(runs), "-a"] + list(map(str, extra)))
        return figure(samples, command=f"{binary} {shown}", sources=len(sources))

    def pagerank(binary):
        def run():
            text, _, kib = gap.run(binary, ["-f", sg, "-i", iters, "-t", 0, "-n", runs, "-l"])
            trials, done = times(text, "Trial Time"), pagerank_iterations(text)
            memory["kernel_maxrss_kib"][binary] = kib
            return figure(per_iteration(trials, done), iterations=done,
                          command=f"{binary} -f {os.path.basename(sg)} -i {iters} -t 0 -n {runs} -l")
        return run

    def whole(binary, check):
        text, _, kib = gap.run(binary, ["-f", sg, "-n", runs, "-a"])
        check(text)
        memory["kernel_maxrss_kib"][binary] = kib
        return figure(times(text, "Trial Time"), command=f"{binary} -f {os.path.basename(sg)} -n {runs} -a")

    def cc_check(text):
        count, checks["wcc_largest"] = components(text)
        # GAP sizes its graph by the largest vertex id in the file, so vertices above it (isolated
        # in our graph: no edge names them) are missing from GAP's graph; each is a component of
        # its own for graphjobs and the libraries, so they are added back for the cross-check.
        missing = meta["vertices"] - conv["graph"]["vertices"]
        checks["wcc_components"] = count + missing if count is not None else None
        if missing:
            checks["wcc_components_note"] = (f"GAP counted {count:,}; plus {missing} isolated vertices above the "
                                             "largest id in the edge list, absent from GAP's graph")

    def tc_check(text):
        checks["triangles"] = one_number(text, r"^(\d+) triangles")

    def betweenness():
        per, rss = [], 0
        for s in bc_sources:
            text, _, kib = gap.run("bc", ["-f", sg, "-r", s, "-i", 1, "-n", runs])
            per.append(times(text, "Trial Time"))
            rss = max(rss, kib)
        memory["kernel_maxrss_kib"]["bc"] = rss
        # Trial k of the 4-source figure: trial k from each source, summed.
        trials = [sum(t) for t in zip(*per)]
        return figure(trials, command=f"bc -f {os.path.basename(sg)} -r <source> -i 1 -n {runs}, summed over "
                      f"{len(bc_sources)} sources", sources=len(bc_sources),
                      note=f"the same {len(bc_sources)} sources as graphjobs, one GAP process each; a trial is "
                      "the sum of the sources' trials")

    kernel("pagerank", pagerank("pr"))
    kernel("pagerank_jacobi", pagerank("pr_spmv"))
    kernel("bfs", lambda: per_source("bfs", sg, [], r"^BFS Tree has (\d+) nodes", "bfs_reached"))
    kernel("wcc", lambda: whole("cc", cc_check))
    kernel("sssp", lambda: per_source("sssp", wsg, ["-d", args.delta], r"^SSSP Tree reaches (\d+) nodes",
                                      "sssp_reached"))
    kernel("triangle_count", lambda: whole("tc", tc_check))
    kernel("betweenness", betweenness)
    result["load_end"] = loadavg()
    return result


def own_graph(gap, args):
    """GAP's kernels on its own -g <scale> graph, with bench.mk's arguments (see the module doc).
    Every binary generates the graph itself; Generate and Build times are recorded per kernel."""
    s = args.own
    result = {"tool": "gapbs", "mode": "own generator", "scale": s, "threads": args.threads,
              "gapbs": build_info(args.gapbs_dir), "arguments": {k: " ".join(v) for k, v in OWN_ARGS.items()},
              "started_unix": time.time(), "load_start": loadavg(), "kernels": {}, "build": {}}
    names = {"pr": "pagerank", "bfs": "bfs", "cc": "wcc", "sssp": "sssp", "tc": "triangle_count",
             "bc": "betweenness"}
    for binary, key in names.items():
        try:
            text, _, kib = gap.run(binary, ["-g", s] + OWN_ARGS[binary])
            trials = times(text, "Trial Time")
            if binary == "pr":
                iters = pagerank_iterations(text)
                row = figure(per_iteration(trials, iters), iterations=iters,
                             whole_solve_median_s=statistics.median(trials))
            else:
                row = figure(trials)
        except Failed as e:
            result["kernels"][key] = failed(e)
            log(f"{key}: {e.status}: {e.reason}")
            continue
        row["command"] = f"{binary} -g {s} " + " ".join(OWN_ARGS[binary])
        row["maxrss_kib"] = kib
        result["kernels"][key] = row
        result["build"][binary] = {"generate_s": (times(text, "Generate Time") or [None])[0],
                                   "build_s": (times(text, "Build Time") or [None])[0]}
        result.setdefault("gap_graph", graph_stats(text))
    result["load_end"] = loadavg()
    return result


def loadavg():
    """The 1/5/15-minute load averages: GAP's OpenMP threads slow down badly when another process
    wants the same cores, so the JSON says how busy the machine was."""
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def build_info(gapbs_dir):
    """What bench/setup.sh wrote beside the binaries (GAP commit, compiler, flags), if anything."""
    path = os.path.join(gapbs_dir, "VERSION")
    if not os.path.exists(path):
        return {"dir": gapbs_dir}
    with open(path) as f:
        return dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line) | {"dir": gapbs_dir}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--scale", type=int, help="run on bench/out/kron-<scale>.el")
    which.add_argument("--own", type=int, metavar="SCALE", help="run on GAP's own -g SCALE graph")
    p.add_argument("--runs", type=int, default=3, help="trials per kernel (-n; --own uses bench.mk's)")
    p.add_argument("--processes", type=int, default=1,
                   help="processes per kernel (--scale only): the median of their medians")
    p.add_argument("--out", default=os.path.join(HERE, "out"))
    p.add_argument("--gapbs-dir", default=os.environ.get("GAPBS_DIR", os.path.expanduser("~/.cache/gapbs")))
    p.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)), help="OMP_NUM_THREADS")
    p.add_argument("--delta", type=int, default=2, help="sssp -d (GAP's bench.mk uses 2 for kron)")
    p.add_argument("--timeout", type=float, default=float(os.environ.get("GAP_TIMEOUT", 900)),
                   help="seconds per GAP process")
    p.add_argument("--keep-graphs", action="store_true", help="keep the converted .sg/.wsg files")
    args = p.parse_args()
    missing = [b for b in ("converter", "bfs", "sssp", "pr", "pr_spmv", "cc", "bc", "tc")
               if not os.access(os.path.join(args.gapbs_dir, b), os.X_OK)]
    if missing:
        sys.exit(f"gap: {', '.join(missing)} missing in {args.gapbs_dir} (build GAP with "
                 "GAPBS_SRC=/path/to/gapbs bash bench/setup.sh)")
    gap = Gap(args.gapbs_dir, args.threads, args.timeout)
    result = same_graph(gap, args) if args.scale is not None else own_graph(gap, args)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
