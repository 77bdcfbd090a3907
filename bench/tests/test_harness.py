"""Tests of the benchmark harness's own arithmetic: how per-process figures merge
(bench/processes.py), how a ratio is set beside its goal and which GAP file counts as the same
run (bench/report.py), and how GAP's PageRank output becomes a time per iteration (bench/gap.py).

    python3 -m unittest discover -s bench/tests

No benchmark runs here: every input is a small literal standing for what the scripts read.
"""

import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import gap  # noqa: E402
import processes  # noqa: E402
import report  # noqa: E402


def process(scale, **kernels):
    """A bench.rs-like result of one process: `kernel=median seconds` (None: the kernel failed)."""
    rows = {}
    for key, median in kernels.items():
        rows[key] = {"status": "error", "reason": "boom"} if median is None else {"median_s": median, "runs": 3}
    return {"scale": scale, "graph": {"scale": scale}, "kernels": rows}


class MergeProcesses(unittest.TestCase):
    def test_a_figure_is_the_median_of_the_process_medians(self):
        merged = processes.merge([process(18, pagerank=3.0, bfs=5.0), process(18, pagerank=1.0, bfs=4.0),
                                  process(18, pagerank=2.5, bfs=9.0)])
        self.assertEqual(merged["kernels"]["pagerank"]["median_s"], 2.5)
        self.assertEqual(merged["kernels"]["pagerank"]["process_medians_s"], [3.0, 1.0, 2.5])
        self.assertEqual(merged["kernels"]["bfs"]["median_s"], 5.0)
        self.assertEqual(merged["processes"], 3)

    def test_an_even_count_takes_the_mean_of_the_middle_two(self):
        merged = processes.merge([process(18, wcc=1.0), process(18, wcc=4.0), process(18, wcc=2.0),
                                  process(18, wcc=3.0)])
        self.assertEqual(merged["kernels"]["wcc"]["median_s"], 2.5)

    def test_a_kernel_failed_in_the_first_process_is_the_median_of_the_others(self):
        merged = processes.merge([process(18, sssp=None), process(18, sssp=30.0), process(18, sssp=34.0),
                                  process(18, sssp=31.0)])
        self.assertEqual(merged["kernels"]["sssp"]["median_s"], 31.0)
        self.assertEqual(merged["kernels"]["sssp"]["process_medians_s"], [30.0, 34.0, 31.0])

    def test_a_kernel_failed_everywhere_keeps_the_first_process_reason(self):
        merged = processes.merge([process(18, tc=None), process(18, tc=None)])
        self.assertNotIn("median_s", merged["kernels"]["tc"])
        self.assertEqual(merged["kernels"]["tc"]["reason"], "boom")

    def test_gap_takes_the_conversion_of_the_median_process_and_the_last_load(self):
        results = []
        for seconds, load in ((0.9, "1.0"), (0.5, "2.0"), (0.7, "3.0")):
            r = process(18, pagerank=0.004)
            r["import"] = {"read_build_s": seconds}
            r["memory"] = {"converter_kib": int(seconds * 1000)}
            r["load_end"] = load
            results.append(r)
        merged = processes.merge_gap(results)
        self.assertEqual(merged["import"]["read_build_s"], 0.7)
        self.assertEqual(merged["memory"]["converter_kib"], 700)
        self.assertEqual(merged["load_end"], "3.0")


class Against(unittest.TestCase):
    def test_meets_and_misses_at_two_decimals(self):
        self.assertEqual(report.against(0.79, 0.8), "0.79× (meets ≤ 0.8×)")
        self.assertEqual(report.against(0.8, 0.8), "0.80× (meets ≤ 0.8×)")
        self.assertEqual(report.against(1.05, 1.0), "1.05× (misses ≤ 1.0×)")

    def test_a_ratio_just_over_its_goal_never_prints_as_the_goal(self):
        self.assertEqual(report.against(0.8002, 0.8), "0.8002× (misses ≤ 0.8×)")
        self.assertEqual(report.against(1.004, 1.0), "1.004× (misses ≤ 1.0×)")

    def test_a_ratio_just_under_its_goal_keeps_two_decimals(self):
        self.assertEqual(report.against(0.7999, 0.8), "0.80× (meets ≤ 0.8×)")


class SameRunGap(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.out = self.dir.name
        self.el = os.path.join(self.out, "kron-18.el")
        with open(self.el, "w") as f:
            f.write("0 1\n")
        self.machine = {"started_unix": 100, "ended_unix": 200}
        self.rust = {"graph": {"scale": 18, "edges": 1}}

    def tearDown(self):
        self.dir.cleanup()

    def write_gap(self, **over):
        data = {"graph": {"scale": 18, "edges": 1}, "started_unix": 150,
                "edge_list": {"path": self.el, "mtime_ns": os.stat(self.el).st_mtime_ns}}
        data.update(over)
        with open(os.path.join(self.out, "gap-18.json"), "w") as f:
            json.dump(data, f)

    def test_gap_of_this_run_on_this_graph_counts(self):
        self.write_gap()
        got, why = report.same_run_gap(self.out, 18, self.rust, self.machine)
        self.assertIsNone(why)
        self.assertEqual(got["started_unix"], 150)

    def test_no_gap_file_reads_not_measured(self):
        got, why = report.same_run_gap(self.out, 18, self.rust, self.machine)
        self.assertIsNone(got)
        self.assertIn("no gap-18.json", why)

    def test_gap_from_another_run_or_graph_is_refused(self):
        self.write_gap(started_unix=50)
        self.assertIn("outside the run", report.same_run_gap(self.out, 18, self.rust, self.machine)[1])
        self.write_gap(graph={"scale": 18, "edges": 2})
        self.assertIn("another graph", report.same_run_gap(self.out, 18, self.rust, self.machine)[1])

    def test_gap_read_from_an_edge_list_rewritten_since_is_refused(self):
        self.write_gap()
        stat = os.stat(self.el)
        os.utime(self.el, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        got, why = report.same_run_gap(self.out, 18, self.rust, self.machine)
        self.assertIsNone(got)
        self.assertIn("rewritten", why)


class GapPageRank(unittest.TestCase):
    OUTPUT = "\n".join([
        "Generate Time:       0.1",
        " 0    0.5", " 1    0.25", " 2    0.125", "Trial Time:          0.030",
        " 0    0.5", " 1    0.25", "Trial Time:          0.010",
    ])

    def test_each_trial_is_divided_by_its_own_iteration_count(self):
        iterations = gap.pagerank_iterations(self.OUTPUT)
        self.assertEqual(iterations, [3, 2])
        trials = gap.times(self.OUTPUT, "Trial Time")
        self.assertEqual(trials, [0.030, 0.010])
        self.assertEqual([round(t, 6) for t in gap.per_iteration(trials, iterations)], [0.01, 0.005])

    def test_trials_without_iteration_lines_are_an_error_not_a_figure(self):
        with self.assertRaises(gap.Failed):
            gap.per_iteration([0.03], [])
        with self.assertRaises(gap.Failed):
            gap.per_iteration([0.03, 0.01], [3, 0])


if __name__ == "__main__":
    unittest.main()
