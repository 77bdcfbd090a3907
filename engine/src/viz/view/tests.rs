use super::*;

fn file(name: &str, text: &str) -> (String, Vec<u8>) {
    (name.into(), text.as_bytes().to_vec())
}

const MANIFEST: &str = r#"{"format":"graphjobs-dump/1","complete":true,"jobId":"j1"}"#;

#[test]
fn a_metric_dump_gives_a_histogram_and_the_top_rows() {
    let csv = "id,pagerank\na,0.1\nb,0.4\nc,0.2\nd,0.3\ne,0.1\n";
    let view = build(&[file("manifest.json", MANIFEST), file("vertices.csv", csv)]).unwrap();
    let VizView::Metric {
        metric,
        rows,
        min,
        max,
        histogram,
        top,
        job_id,
        ..
    } = view
    else {
        panic!("{view:?}")
    };
    assert_eq!(
        (job_id.as_str(), metric.as_str(), rows),
        ("j1", "pagerank", 5)
    );
    assert_eq!((min, max), (0.1, 0.4));
    assert_eq!(histogram.len(), BINS);
    assert_eq!(histogram.iter().map(|b| b.count).sum::<u64>(), 5);
    assert_eq!(histogram[0].count, 2);
    assert_eq!(histogram[BINS - 1].count, 1);
    assert_eq!(top[0], ("b".to_string(), 0.4));
    assert_eq!(top[1], ("d".to_string(), 0.3));
}

#[test]
fn community_columns_give_sizes_largest_first() {
    let csv = "id,community\na,1\nb,1\nc,2\nd,1\ne,3\nf,2\n";
    let view = build(&[file("manifest.json", MANIFEST), file("vertices.csv", csv)]).unwrap();
    assert_eq!(
        view,
        VizView::Communities {
            job_id: "j1".into(),
            metric: "community".into(),
            rows: 6,
            communities: 3,
            sizes: vec![("1".into(), 3), ("2".into(), 2), ("3".into(), 1)],
        }
    );
}

#[test]
fn edge_rows_are_named_by_their_ends_and_paths_are_split() {
    let csv = "source,target,index,edge_betweenness\na,b,0,2.5\nb,c,0,1\n";
    let view = build(&[file("manifest.json", MANIFEST), file("edges.csv", csv)]).unwrap();
    let VizView::Metric { top, .. } = view else {
        panic!()
    };
    assert_eq!(top[0].0, "a→b");
    let view = build(&[
        file("manifest.json", MANIFEST),
        file("paths.txt", "a,b,c\nc d\n"),
    ])
    .unwrap();
    assert_eq!(
        view,
        VizView::Paths {
            job_id: "j1".into(),
            total: 2,
            paths: vec![
                vec!["a".into(), "b".into(), "c".into()],
                vec!["c".into(), "d".into()]
            ],
        }
    );
}

#[test]
fn unknown_content_is_refused_with_what_was_found() {
    let e = build(&[file("notes.md", "hi"), file("model.bin", "x")]).unwrap_err();
    assert!(e.contains("model.bin, notes.md"), "{e}");
    assert!(build(&[]).unwrap_err().contains("nothing found"));
    // A dump without its manifest (half-written) is not shown.
    let e = build(&[file("vertices.csv", "id,pagerank\na,1\n")]).unwrap_err();
    assert!(e.contains("manifest.json"), "{e}");
}
