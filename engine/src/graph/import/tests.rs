//! Import tests: every file is written to a temporary directory and read back through
//! [`import`], as a user import would be.

use super::*;

mod pipelined;

const SCHEMA_XML: &str = r#"<?xml version="1.0" encoding="ISO-8859-1"?>
<PMML version="3.0" xmlns="http://www.dmg.org/PMML-3-0" xmlns:xsi="http://www.w3.org/2001/XMLSchema_instance">
  <labels>
    <label name="user">
      <properties>
        <property name="Name" cardinality="single" dataType="string"/>
        <property name="Gender" cardinality="single" dataType="enum" typeNameCount="2" typeName1="F" typeName2="M"/>
        <property name="Age" cardinality="single" dataType="int"/>
        <property name="Zip-code" cardinality="single" dataType="char array" maxDataSize="12"/>
      </properties>
    </label>
    <label name="movie">
      <properties>
        <property name="Title" cardinality="single" dataType="string"/>
        <property name="Year" cardinality="single" dataType="long"/>
        <property name="Genres" cardinality="list" dataType="string"/>
        <property name="Tags" cardinality="set" dataType="string"/>
        <property name="Rating" cardinality="single" dataType="double"/>
        <property name="Color" cardinality="single" dataType="bool"/>
        <property name="Grade" cardinality="single" dataType="char"/>
        <property name="Score" cardinality="single" dataType="float"/>
      </properties>
    </label>
    <label name="rate">
      <properties>
        <property name="Score" cardinality="single" dataType="int"/>
        <property name="Datetime" cardinality="single" dataType="date"/>
      </properties>
    </label>
    <label name="friends"></label>
  </labels>
</PMML>"#;

const VERTICES: &str = "\
Vivian,user,Vivian,F,25,98133
Eric,user,Eric,M,31,10001
Lethal Weapon,movie,Lethal Weapon,1987,Action;Comedy;Action,a;b;a,7.5,true,A,0.25
\"Heat, the film\",movie,Heat,1995,,,,0,B,
";

const EDGES: &str = "\
Vivian,Eric,friends
Eric,Lethal Weapon,rate,4,2000-11-21 15:33:18
Vivian,\"Heat, the film\",rate,5,2001-01-02
";

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&path, text).unwrap();
        path
    }

    fn opts(&self, schema: &[&str], vertices: &[&str], edges: &[&str]) -> ImportOptions {
        let paths = |names: &[&str]| names.iter().map(|n| self.dir.path().join(n)).collect();
        ImportOptions {
            schema_paths: paths(schema),
            vertex_paths: paths(vertices),
            edge_paths: paths(edges),
            ..ImportOptions::default()
        }
    }

    fn movie(&self) -> ImportOptions {
        self.write("schema.xml", SCHEMA_XML);
        self.write("vertices.csv", VERTICES);
        self.write("edges.csv", EDGES);
        self.opts(&["schema.xml"], &["vertices.csv"], &["edges.csv"])
    }
}

fn run(base: Option<&Graph>, opts: &ImportOptions) -> (Graph, ImportReport) {
    import(base, opts, &JobControl::new()).unwrap()
}

fn props(g: &Graph, name: &str) -> Vec<(String, Vec<String>)> {
    g.vertex_properties(g.vertex_index(name).unwrap())
}

fn prop(g: &Graph, name: &str, key: &str) -> Vec<String> {
    props(g, name)
        .into_iter()
        .find(|(k, _)| k == key)
        .unwrap()
        .1
}

fn counts(r: &FileReport) -> (u64, u64, u64) {
    (r.total_lines, r.successful_lines, r.failed_lines)
}

#[test]
fn imports_every_type_list_and_set() {
    let fx = Fixture::new();
    let ctl = JobControl::new();
    let (g, report) = import(None, &fx.movie(), &ctl).unwrap();
    assert_eq!((g.vertex_count(), g.edge_count()), (4, 3));
    assert_eq!(ctl.percent(), Some(100));
    let kinds: Vec<_> = report.files.iter().map(|f| (f.kind, counts(f))).collect();
    assert_eq!(
        kinds,
        [
            (FileKind::Schema, (4, 4, 0)),
            (FileKind::Vertex, (4, 4, 0)),
            (FileKind::Edge, (3, 3, 0))
        ]
    );
    assert!(
        report
            .files
            .iter()
            .all(|f| f.start_us <= f.end_us && f.start_us > 0)
    );

    let vivian = props(&g, "Vivian");
    let want = [
        ("Name", "Vivian"),
        ("Gender", "F"),
        ("Age", "25"),
        ("Zip-code", "98133"),
    ];
    assert_eq!(
        vivian,
        want.map(|(k, v)| (k.to_string(), vec![v.to_string()]))
            .to_vec()
    );
    assert_eq!(g.vertex_label(g.vertex_index("Vivian").unwrap()), "user");
    assert_eq!(
        prop(&g, "Lethal Weapon", "Genres"),
        ["Action", "Comedy", "Action"]
    );
    assert_eq!(prop(&g, "Lethal Weapon", "Tags"), ["a", "b"]);
    assert_eq!(prop(&g, "Lethal Weapon", "Year"), ["1987"]);
    assert_eq!(prop(&g, "Lethal Weapon", "Rating"), ["7.5"]);
    assert_eq!(prop(&g, "Lethal Weapon", "Color"), ["true"]);
    assert_eq!(prop(&g, "Lethal Weapon", "Grade"), ["A"]);
    assert_eq!(prop(&g, "Lethal Weapon", "Score"), ["0.25"]);
    // A quoted id keeps its comma; empty fields are absent values.
    assert_eq!(prop(&g, "Heat, the film", "Genres"), Vec::<String>::new());
    assert_eq!(prop(&g, "Heat, the film", "Color"), ["false"]);
    assert!(prop(&g, "Heat, the film", "Score").is_empty());

    let eric = g.vertex_index("Eric").unwrap();
    let k = g.out_edge_range(eric).start;
    assert_eq!(g.edge_label(k), "rate");
    assert_eq!(g.edge_weight(k, "Score"), Some(4.0));
    assert_eq!(
        g.edge_properties(k),
        [
            ("Score".to_string(), vec!["4".to_string()]),
            (
                "Datetime".to_string(),
                vec!["2000-11-21 15:33:18".to_string()]
            )
        ]
    );
    let vivian = g.vertex_index("Vivian").unwrap();
    let heat = g.vertex_index("Heat, the film").unwrap();
    let mut want = vec![eric, heat];
    want.sort_unstable();
    assert_eq!(g.out_neighbors(vivian), want);
}

#[test]
fn bad_rows_are_counted_and_logged_never_fatal() {
    let fx = Fixture::new();
    let mut opts = fx.movie();
    fx.write(
        "vertices.csv",
        &format!(
            "{VERTICES}\
,user,Nobody,F,20,1
Bob,alien
Carl,user,Carl,X,20,1
Dina,user,Dina,F,twenty,1
Eve,user,Eve,F,20,1,extra

Fred,user,Fred,M,20,1234567890123
Gina,user,\"Gina,F,20,1
"
        ),
    );
    fx.write(
        "edges.csv",
        &format!("{EDGES}Vivian,Ghost,friends\nEric,Vivian,rate,5,yesterday\nEric,Vivian\n"),
    );
    opts.log_dir = Some(fx.dir.path().join("logs"));
    let (g, report) = run(None, &opts);
    assert_eq!(g.vertex_count(), 4);
    assert_eq!(g.edge_count(), 3);
    assert_eq!(
        counts(&report.files[1]),
        (11, 4, 7),
        "the blank line is not counted"
    );
    assert_eq!(counts(&report.files[2]), (6, 3, 3));
    assert_eq!(report.failed_lines(), 10);

    let log_path = report.files[1].rejected_log.clone().unwrap();
    assert_eq!(
        log_path,
        fx.dir.path().join("logs/vertices.csv.rejected.csv")
    );
    let mut rdr = csv::Reader::from_path(&log_path).unwrap();
    let rows: Vec<(String, String, String)> = rdr.deserialize().map(Result::unwrap).collect();
    let want = [
        ("5", "empty vertex id", ",user,Nobody,F,20,1"),
        ("6", "unknown label [alien]", "Bob,alien"),
        (
            "7",
            "property [Gender]: invalid enum value [X]",
            "Carl,user,Carl,X,20,1",
        ),
        (
            "8",
            "property [Age]: invalid int value [twenty]",
            "Dina,user,Dina,F,twenty,1",
        ),
        (
            "9",
            "label [user] expects 6 columns (id,label and 4 properties), got 7",
            "Eve,user,Eve,F,20,1,extra",
        ),
        (
            "11",
            "property [Zip-code]: char array value [1234567890123] is longer than maxDataSize 12",
            "Fred,user,Fred,M,20,1234567890123",
        ),
        ("12", "unterminated quoted field", "Gina,user,\"Gina,F,20,1"),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(rows, want);

    let edge_log = fs::read_to_string(report.files[2].rejected_log.as_ref().unwrap()).unwrap();
    assert_eq!(
        edge_log,
        "line,reason,row\n\
         4,target vertex [Ghost] does not exist,\"Vivian,Ghost,friends\"\n\
         5,property [Datetime]: invalid date value [yesterday],\"Eric,Vivian,rate,5,yesterday\"\n\
         6,\"expected at least 3 columns (source,target,label), got 2\",\"Eric,Vivian\"\n"
    );
    // No log for the file without rejected rows.
    assert!(report.files[0].rejected_log.is_none());
}

#[test]
fn rows_rejected_without_log_dir_are_only_counted() {
    let fx = Fixture::new();
    let opts = fx.movie();
    fx.write("vertices.csv", "Vivian,user,Vivian,F,25,98133\nBob,alien\n");
    let (g, report) = run(None, &opts);
    assert_eq!(g.vertex_count(), 1);
    assert_eq!(counts(&report.files[1]), (2, 1, 1));
    assert!(report.files[1].rejected_log.is_none());
}

#[test]
fn quoted_fields_may_span_lines_and_line_numbers_follow_the_file() {
    let fx = Fixture::new();
    let mut opts = fx.movie();
    fx.write(
        "vertices.csv",
        "m1,movie,\"Two\nLines\",2000,,,,,,\nbad,alien\nVivian,user,Vivian,F,25,98133\n",
    );
    opts.log_dir = Some(fx.dir.path().join("logs"));
    let (g, report) = run(None, &opts);
    assert_eq!(prop(&g, "m1", "Title"), ["Two\nLines"]);
    assert_eq!(counts(&report.files[1]), (3, 2, 1));
    let log = fs::read_to_string(report.files[1].rejected_log.as_ref().unwrap()).unwrap();
    assert!(
        log.contains("\n3,unknown label [alien],\"bad,alien\"\n"),
        "{log}"
    );
}

#[test]
fn custom_delimiter_and_quote() {
    let fx = Fixture::new();
    let mut opts = fx.movie();
    fx.write(
        "vertices.csv",
        "'Vivian|x'|user|Vivian|F|25|98133\nEric|user|Eric|M|31|1\n",
    );
    fx.write("edges.csv", "'Vivian|x'|Eric|friends\n");
    opts.delimiter = b'|';
    opts.trim_quote = Some(b'\'');
    let (g, report) = run(None, &opts);
    assert_eq!(report.failed_lines(), 0);
    assert_eq!(
        g.out_neighbors(g.vertex_index("Vivian|x").unwrap()),
        [g.vertex_index("Eric").unwrap()]
    );
    opts.trim_quote = Some(b'|');
    assert!(matches!(
        import(None, &opts, &JobControl::new()),
        Err(ImportError::InvalidOption(_))
    ));
}

#[test]
fn incremental_import_keeps_base_and_updates_vertices() {
    let fx = Fixture::new();
    let (base, _) = run(None, &fx.movie());
    fx.write(
        "more/vertices.csv",
        "Vivian,user,Vivian,F,26,98133\nNana,user,Nana,F,40,2\n",
    );
    fx.write(
        "more/edges.csv",
        "Nana,Vivian,friends\nNana,Lethal Weapon,rate,3,2020-01-01\n",
    );
    let opts = fx.opts(&[], &["more/vertices.csv"], &["more/edges.csv"]);
    let (g, report) = run(Some(&base), &opts);
    assert_eq!(report.failed_lines(), 0);
    assert_eq!((g.vertex_count(), g.edge_count()), (5, 5));
    assert_eq!(prop(&g, "Vivian", "Age"), ["26"]);
    assert_eq!(prop(&g, "Eric", "Age"), ["31"]);
    assert_eq!(
        prop(&g, "Lethal Weapon", "Genres"),
        ["Action", "Comedy", "Action"]
    );
    let eric = g.vertex_index("Eric").unwrap();
    let k = g.out_edge_range(eric).start;
    assert_eq!(
        g.edge_weight(k, "Score"),
        Some(4.0),
        "existing edge properties survive"
    );
    let nana = g.vertex_index("Nana").unwrap();
    let lw = g.vertex_index("Lethal Weapon").unwrap();
    assert_eq!(g.in_neighbors(lw), [eric, nana]);
    // The base graph is untouched.
    assert_eq!((base.vertex_count(), base.edge_count()), (4, 3));
    assert_eq!(prop(&base, "Vivian", "Age"), ["25"]);
    assert_eq!(base.vertex_index("Nana"), None);
}

#[test]
fn incremental_schema_adds_labels_and_rejects_conflicts() {
    let fx = Fixture::new();
    let (base, _) = run(None, &fx.movie());
    fx.write(
        "extra.json",
        r#"{"ges_metadata":{"labels":[{"name":"genre","properties":[
            {"name":"Name","dataType":"string","cardinality":"single"}]}]}}"#,
    );
    fx.write("genres.csv", "Action,genre,Action\n");
    fx.write("has.csv", "Lethal Weapon,Action,hasGenre\n");
    let opts = fx.opts(&["extra.json"], &["genres.csv"], &["has.csv"]);
    let (g, report) = run(Some(&base), &opts);
    assert_eq!(counts(&report.files[0]), (1, 1, 0));
    assert_eq!(prop(&g, "Action", "Name"), ["Action"]);
    assert_eq!(
        counts(&report.files[2]),
        (1, 0, 1),
        "hasGenre is not a label"
    );

    fx.write(
        "conflict.json",
        r#"{"ges_metadata":{"labels":[{"name":"friends","properties":[
            {"name":"Since","dataType":"date","cardinality":"single"}]}]}}"#,
    );
    let err = import(
        Some(&base),
        &fx.opts(&["conflict.json"], &[], &[]),
        &JobControl::new(),
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, ImportError::Schema(_)));
    assert!(
        msg.contains("conflict.json") && msg.contains("label [friends] conflicts"),
        "{msg}"
    );
}

#[test]
fn parallel_edge_rules_apply_across_imports() {
    let fx = Fixture::new();
    let (base, _) = run(None, &fx.movie());
    fx.write(
        "dup.csv",
        "Eric,Lethal Weapon,rate,1,2001-01-01\nEric,Lethal Weapon,friends\n",
    );
    let mut opts = fx.opts(&[], &[], &["dup.csv"]);
    let eric = base.vertex_index("Eric").unwrap();
    let edges = |g: &Graph| -> Vec<(String, Option<f64>)> {
        g.out_edge_range(eric)
            .map(|k| (g.edge_label(k).to_string(), g.edge_weight(k, "Score")))
            .collect()
    };
    let rate = |s: f64| ("rate".to_string(), Some(s));
    let friends = ("friends".to_string(), None);

    opts.parallel_edge = ParallelEdge::Allow;
    assert_eq!(
        edges(&run(Some(&base), &opts).0),
        [rate(4.0), rate(1.0), friends.clone()]
    );
    opts.parallel_edge = ParallelEdge::Ignore { ignore_label: true };
    assert_eq!(edges(&run(Some(&base), &opts).0), [rate(4.0)]);
    opts.parallel_edge = ParallelEdge::Ignore {
        ignore_label: false,
    };
    assert_eq!(
        edges(&run(Some(&base), &opts).0),
        [rate(4.0), friends.clone()]
    );
    opts.parallel_edge = ParallelEdge::Override { ignore_label: true };
    assert_eq!(
        edges(&run(Some(&base), &opts).0),
        std::slice::from_ref(&friends)
    );
    opts.parallel_edge = ParallelEdge::Override {
        ignore_label: false,
    };
    assert_eq!(edges(&run(Some(&base), &opts).0), [rate(1.0), friends]);
    // Duplicates are reported as imported rows, not failures.
    let (_, report) = run(Some(&base), &opts);
    assert_eq!(counts(&report.files[0]), (2, 2, 0));
}

#[test]
fn directories_are_read_in_name_order() {
    let fx = Fixture::new();
    fx.write("schema/a.xml", SCHEMA_XML);
    fx.write("v/2.csv", "Eric,user,Eric,M,31,1\n");
    fx.write(
        "v/1.csv",
        "Eric,user,Eric,M,30,1\nVivian,user,Vivian,F,25,2\n",
    );
    fx.write("v/sub/ignored.csv", "Nope,user,Nope,M,1,1\n");
    fx.write("e/edges.csv", "Vivian,Eric,friends\n");
    let opts = fx.opts(&["schema"], &["v"], &["e"]);
    let (g, report) = run(None, &opts);
    let paths: Vec<_> = report
        .files
        .iter()
        .map(|f| Path::new(&f.path).file_name().unwrap().to_owned())
        .collect();
    assert_eq!(paths, ["a.xml", "1.csv", "2.csv", "edges.csv"]);
    assert_eq!(g.vertex_count(), 2, "subdirectories are not read");
    assert_eq!(prop(&g, "Eric", "Age"), ["31"], "2.csv is read after 1.csv");
}

#[test]
fn schema_errors_and_missing_files_abort() {
    let fx = Fixture::new();
    fx.write(
        "bad.xml",
        r#"<PMML><labels><label name="user"><properties>
           <property name="Age" cardinality="single" dataType="integer"/>
           </properties></label></labels></PMML>"#,
    );
    let err = import(None, &fx.opts(&["bad.xml"], &[], &[]), &JobControl::new()).unwrap_err();
    assert!(
        err.to_string()
            .contains("label [user] property [Age]: unknown dataType [integer]"),
        "{err}"
    );
    let err = import(
        None,
        &fx.opts(&[], &["missing.csv"], &[]),
        &JobControl::new(),
    )
    .unwrap_err();
    assert!(
        matches!(&err, ImportError::Io { path, .. } if path.ends_with("missing.csv")),
        "{err}"
    );
}

#[test]
fn cancellation_stops_the_import() {
    let fx = Fixture::new();
    let opts = fx.movie();
    let ctl = JobControl::new();
    ctl.cancel();
    assert!(matches!(
        import(None, &opts, &ctl),
        Err(ImportError::Cancelled)
    ));

    // Mid-file: cancelled from another thread while a large file is read.
    fx.write("vertices.csv", &many_vertices());
    let ctl = JobControl::new();
    let handle = cancel_once_started(&ctl);
    assert!(matches!(
        import(None, &opts, &ctl),
        Err(ImportError::Cancelled)
    ));
    handle.join().unwrap();
}

/// A vertex file of 200,000 rows (a few MiB: long enough to cancel while it is read).
fn many_vertices() -> String {
    (0..200_000)
        .map(|i| format!("v{i},user,n,F,1,1\n"))
        .collect()
}

/// Cancels `ctl` from another thread as soon as it reports progress.
fn cancel_once_started(ctl: &JobControl) -> std::thread::JoinHandle<()> {
    let ctl = ctl.clone();
    std::thread::spawn(move || {
        while ctl.percent().unwrap_or(0) == 0 {
            std::thread::yield_now();
        }
        ctl.cancel();
    })
}

#[test]
fn imported_graph_survives_a_snapshot() {
    let fx = Fixture::new();
    let (g, _) = run(None, &fx.movie());
    let path = fx.dir.path().join("movie.graph");
    g.save(&path).unwrap();
    let h = Graph::load(&path).unwrap();
    for v in 0..g.vertex_count() as u32 {
        assert_eq!(h.vertex_name(v), g.vertex_name(v));
        assert_eq!(h.vertex_properties(v), g.vertex_properties(v));
        assert_eq!(h.out_neighbors(v), g.out_neighbors(v));
        assert_eq!(h.in_neighbors(v), g.in_neighbors(v));
    }
    for k in 0..g.edge_count() {
        assert_eq!(h.edge_properties(k), g.edge_properties(k));
    }
    assert_eq!(h.schema(), g.schema());
}

/// The shipped demo graph (demo/movie, generated by scripts/data/gen_demo_graph.py) imports cleanly.
#[test]
fn demo_movie_graph_imports_without_rejected_rows() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../demo/movie");
    let opts = ImportOptions {
        schema_paths: vec![demo.join("schema.xml")],
        vertex_paths: vec![demo.join("vertices.csv")],
        edge_paths: vec![demo.join("edges.csv")],
        ..ImportOptions::default()
    };
    let (g, report) = run(None, &opts);
    assert_eq!(report.failed_lines(), 0);
    let stats = g.stats();
    let labels = |v: &[(String, u64)]| {
        v.iter()
            .map(|(l, n)| format!("{l}={n}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        labels(&stats.vertex_labels),
        "user=2000 movie=1000 actor=800 director=200 genre=18"
    );
    assert_eq!(
        labels(&stats.edge_labels),
        "rate=24000 friends=6000 hasActor=4000 hasDirector=1000 hasGenre=1803"
    );
    assert_eq!(prop(&g, "David Cox", "Age"), ["18-24"]);
    assert_eq!(
        prop(&g, "The Lighthouse and the Stranger", "Genres"),
        ["Thriller", "War", "Horror"]
    );
    assert_eq!(prop(&g, "Storm, Restless Lighthouse", "Year"), ["1990"]);
}
