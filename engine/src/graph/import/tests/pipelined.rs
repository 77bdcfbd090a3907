//! Imports of files read in many tiny blocks, so that every block's rows are added while the
//! next block is read and parsed: the result, the counters, the rejected-row logs (line numbers
//! and order) and cancellation must be those of a file read in one block.

use super::*;

/// Block sizes that cut the files below into many blocks (1 byte: one record per block).
const TINY_BLOCKS: [usize; 4] = [1, 7, 64, 300];

/// What a generated file holds: its text and the rejected rows' `(line, raw record)`.
struct Generated {
    text: String,
    rejected: Vec<(u64, String)>,
    /// Lines written so far.
    lines: u64,
}

impl Generated {
    fn new() -> Self {
        Self {
            text: String::new(),
            rejected: Vec::new(),
            lines: 0,
        }
    }

    /// Appends one record (its text may span lines) and says whether it will be rejected.
    fn row(&mut self, record: &str, rejected: bool) {
        if rejected {
            self.rejected.push((self.lines + 1, record.to_string()));
        }
        self.text.push_str(record);
        self.text.push('\n');
        self.lines += 1 + record.matches('\n').count() as u64;
    }

    fn blank(&mut self) {
        self.text.push('\n');
        self.lines += 1;
    }
}

/// 400 users (every 50th defined again near the end, with another age), bad rows, blank lines
/// and quoted names spanning two lines spread over the whole file.
fn vertices() -> Generated {
    let mut g = Generated::new();
    for i in 0..400 {
        match i % 37 {
            5 => g.row(&format!("u{i},user,U{i},F,old,1"), true),
            11 => g.row(&format!("u{i},alien"), true),
            19 => g.row(&format!("u{i},user,\"Two\nLines {i}\",M,{i},2"), false),
            _ => g.row(&format!("u{i},user,U{i},F,{i},{}", i % 7), false),
        }
        if i % 23 == 0 {
            g.blank();
        }
    }
    for i in (0..400).step_by(50) {
        g.row(&format!("u{i},user,Again{i},M,{},9", 1000 + i), false);
    }
    g
}

/// Edges between the users, with unknown endpoints, bad dates, short rows and a run of
/// parallel edges `u1 → u2` whose scores count up (their order is the file's).
fn edges() -> Generated {
    let mut g = Generated::new();
    for i in 0..600u32 {
        let (a, b) = (i % 400, (i * 7 + 3) % 400);
        let bad_vertex = |n: u32| n % 37 == 5 || n % 37 == 11;
        match i % 41 {
            3 => g.row(&format!("u{a},ghost{i},friends"), true),
            9 => g.row(&format!("u{a},u{b},rate,1,someday"), true),
            13 => g.row(&format!("u{a},u{b}"), true),
            17 => g.row(&format!("u1,u2,rate,{i},2001-01-02"), false),
            _ if i % 2 == 0 => g.row(
                &format!("u{a},u{b},friends"),
                bad_vertex(a) || bad_vertex(b),
            ),
            _ => g.row(
                &format!("u{a},u{b},rate,{i},2000-11-21 15:33:18"),
                bad_vertex(a) || bad_vertex(b),
            ),
        }
        if i % 31 == 0 {
            g.blank();
        }
    }
    g
}

/// Everything a user can see of a graph: each vertex (in index order) with its label and
/// properties, and its out-edges in order with their labels and properties.
fn describe(g: &Graph) -> Vec<String> {
    (0..g.vertex_count() as u32)
        .map(|v| {
            let edges: Vec<_> = g
                .out_edge_range(v)
                .map(|k| {
                    let dst = g.out_neighbors(v)[k - g.out_edge_range(v).start];
                    (g.vertex_name(dst), g.edge_label(k), g.edge_properties(k))
                })
                .collect();
            format!(
                "{} {} {:?} {:?}",
                g.vertex_name(v),
                g.vertex_label(v),
                g.vertex_properties(v),
                edges
            )
        })
        .collect()
}

/// The rejected-row log of report entry `i` as `(line, raw record)` pairs.
fn logged(report: &ImportReport, i: usize) -> Vec<(u64, String)> {
    let path = report.files[i].rejected_log.as_ref().unwrap();
    let mut rdr = csv::Reader::from_path(path).unwrap();
    rdr.deserialize::<(u64, String, String)>()
        .map(|r| {
            let (line, _, raw) = r.unwrap();
            (line, raw)
        })
        .collect()
}

fn import_blocks(opts: &ImportOptions, block: usize) -> (Graph, ImportReport) {
    import_in_blocks(None, opts, &JobControl::new(), block).unwrap()
}

#[test]
fn many_blocks_import_as_one_block_does() {
    let fx = Fixture::new();
    let (v, e) = (vertices(), edges());
    fx.write("schema.xml", SCHEMA_XML);
    fx.write("vertices.csv", &v.text);
    fx.write("edges.csv", &e.text);
    let mut opts = fx.opts(&["schema.xml"], &["vertices.csv"], &["edges.csv"]);
    let (whole, whole_report) = {
        opts.log_dir = Some(fx.dir.path().join("logs-whole"));
        import_blocks(&opts, BLOCK)
    };
    assert!(v.rejected.len() > 10 && e.rejected.len() > 30);
    assert_eq!(logged(&whole_report, 1), v.rejected);
    assert_eq!(logged(&whole_report, 2), e.rejected);
    let want = describe(&whole);
    for block in TINY_BLOCKS {
        opts.log_dir = Some(fx.dir.path().join(format!("logs-{block}")));
        let (g, report) = import_blocks(&opts, block);
        let counts_of = |r: &ImportReport| r.files.iter().map(counts).collect::<Vec<_>>();
        assert_eq!(
            counts_of(&report),
            counts_of(&whole_report),
            "block {block}"
        );
        assert_eq!(logged(&report, 1), v.rejected, "block {block}");
        assert_eq!(logged(&report, 2), e.rejected, "block {block}");
        assert_eq!(describe(&g), want, "block {block}");
    }
    // The rows' order is the file's: a redefined vertex has its last row, parallel edges
    // keep their order.
    assert_eq!(prop(&whole, "u50", "Age"), ["1050"]);
    assert_eq!(prop(&whole, "u19", "Name"), ["Two\nLines 19"]);
    let (u1, u2) = (
        whole.vertex_index("u1").unwrap(),
        whole.vertex_index("u2").unwrap(),
    );
    let scores: Vec<f64> = whole
        .out_edge_range(u1)
        .filter(|&k| whole.out_neighbors(u1)[k - whole.out_edge_range(u1).start] == u2)
        .filter_map(|k| whole.edge_weight(k, "Score"))
        .collect();
    let want_scores: Vec<f64> = (0..600).filter(|i| i % 41 == 17).map(f64::from).collect();
    assert_eq!(scores, want_scores);
}

#[test]
fn parallel_edge_rules_follow_file_order_across_blocks() {
    let fx = Fixture::new();
    fx.write("schema.xml", SCHEMA_XML);
    fx.write("vertices.csv", "a,user,A,F,1,1\nb,user,B,M,2,2\n");
    let rows: String = (0..50)
        .map(|i| format!("a,b,rate,{i},2001-01-02\n"))
        .collect();
    fx.write("edges.csv", &rows);
    let mut opts = fx.opts(&["schema.xml"], &["vertices.csv"], &["edges.csv"]);
    for (rule, want) in [
        (ParallelEdge::Ignore { ignore_label: true }, 0.0),
        (ParallelEdge::Override { ignore_label: true }, 49.0),
    ] {
        opts.parallel_edge = rule;
        for block in TINY_BLOCKS {
            let (g, _) = import_blocks(&opts, block);
            let a = g.vertex_index("a").unwrap();
            let k = g.out_edge_range(a);
            assert_eq!(k.len(), 1, "{rule:?} block {block}");
            assert_eq!(g.edge_weight(k.start, "Score"), Some(want), "{rule:?}");
        }
    }
}

#[test]
fn cancellation_stops_a_file_of_many_blocks() {
    let fx = Fixture::new();
    let mut opts = fx.movie();
    fx.write("vertices.csv", &many_vertices());
    opts.log_dir = Some(fx.dir.path().join("logs"));
    let ctl = JobControl::new();
    let handle = cancel_once_started(&ctl);
    assert!(matches!(
        import_in_blocks(None, &opts, &ctl, 4096),
        Err(ImportError::Cancelled)
    ));
    handle.join().unwrap();
}

#[test]
fn a_log_that_cannot_be_written_stops_a_file_of_many_blocks() {
    let fx = Fixture::new();
    let mut opts = fx.movie();
    let v = vertices();
    fx.write("vertices.csv", &v.text);
    // The log directory is a file: the first rejected row's log cannot be created.
    opts.log_dir = Some(fx.write("not-a-dir", "x"));
    for block in TINY_BLOCKS {
        let err = import_in_blocks(None, &opts, &JobControl::new(), block).unwrap_err();
        assert!(
            matches!(&err, ImportError::Io { path, .. } if path.ends_with("vertices.csv.rejected.csv")),
            "block {block}: {err}"
        );
    }
}
