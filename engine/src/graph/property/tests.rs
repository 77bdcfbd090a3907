//! Property storage tests: every type, list/set semantics, compaction.

use super::super::schema::PropertyDef;
use super::*;

fn label(props: &[(&str, DataType, Cardinality)]) -> Label {
    Label {
        name: "l".into(),
        properties: props
            .iter()
            .map(|(n, t, c)| PropertyDef {
                name: n.to_string(),
                data_type: t.clone(),
                cardinality: *c,
            })
            .collect(),
    }
}

#[test]
fn every_type_parses_and_renders() {
    use Cardinality::Single as S;
    let l = label(&[
        ("i", DataType::Int, S),
        ("l", DataType::Long, S),
        ("f", DataType::Float, S),
        ("d", DataType::Double, S),
        ("b", DataType::Bool, S),
        ("t", DataType::Date, S),
        ("e", DataType::Enum(vec!["F".into(), "M".into()]), S),
        ("c", DataType::Char, S),
        ("a", DataType::CharArray { max_data_size: 5 }, S),
        ("s", DataType::String, S),
    ]);
    let fields = [
        "-7",
        "9000000000",
        "1.5",
        "2.25",
        "1",
        "2000-11-21 15:33:18",
        "M",
        "x",
        "98133",
        "a;b",
    ];
    let row = RowValues::parse(&l, &fields).unwrap();
    let mut t = Table::new(&l);
    assert_eq!(t.push_row(&row), 0);
    let rendered: Vec<_> = l
        .properties
        .iter()
        .enumerate()
        .map(|(c, p)| t.render(0, c, &p.data_type).join("|"))
        .collect();
    assert_eq!(
        rendered,
        [
            "-7",
            "9000000000",
            "1.5",
            "2.25",
            "true",
            "2000-11-21 15:33:18",
            "M",
            "x",
            "98133",
            "a;b"
        ]
    );
    assert_eq!(t.number(0, 0), Some(-7.0));
    assert_eq!(t.number(0, 3), Some(2.25));
    assert_eq!(t.number(0, 9), None);
}

#[test]
fn bad_values_name_the_property() {
    use Cardinality::Single as S;
    let cases = [
        (
            DataType::Int,
            "4.5",
            "property [p]: invalid int value [4.5]",
        ),
        (
            DataType::Int,
            "99999999999",
            "property [p]: invalid int value [99999999999]",
        ),
        (
            DataType::Float,
            "abc",
            "property [p]: invalid float value [abc]",
        ),
        (
            DataType::Bool,
            "yes",
            "property [p]: invalid bool value [yes]",
        ),
        (
            DataType::Date,
            "2000-13-01",
            "property [p]: invalid date value [2000-13-01]",
        ),
        (
            DataType::Date,
            "2000-2-1",
            "property [p]: invalid date value [2000-2-1]",
        ),
        (
            DataType::Enum(vec!["F".into()]),
            "X",
            "property [p]: invalid enum value [X]",
        ),
        (
            DataType::Char,
            "ab",
            "property [p]: invalid char value [ab] (exactly one character)",
        ),
    ];
    for (dt, text, want) in cases {
        let l = label(&[("p", dt, S)]);
        assert_eq!(RowValues::parse(&l, &[text]).unwrap_err(), want);
    }
    let l = label(&[("p", DataType::CharArray { max_data_size: 3 }, S)]);
    assert!(
        RowValues::parse(&l, &["abcd"])
            .unwrap_err()
            .contains("longer than maxDataSize 3")
    );
}

#[test]
fn lists_keep_duplicates_sets_drop_them_single_keeps_semicolons() {
    let l = label(&[
        ("list", DataType::Int, Cardinality::List),
        ("set", DataType::String, Cardinality::Set),
        ("one", DataType::String, Cardinality::Single),
        ("absent", DataType::Int, Cardinality::Single),
    ]);
    let row = RowValues::parse(&l, &["3;1;3", "b;a;b;;a", "x;y", ""]).unwrap();
    let mut t = Table::new(&l);
    t.push_row(&row);
    assert_eq!(t.render(0, 0, &DataType::Int), ["3", "1", "3"]);
    assert_eq!(t.render(0, 1, &DataType::String), ["b", "a"]);
    assert_eq!(t.render(0, 2, &DataType::String), ["x;y"]);
    assert!(t.render(0, 3, &DataType::Int).is_empty());
}

#[test]
fn gather_reorders_and_drops_rows() {
    let l = label(&[("v", DataType::String, Cardinality::List)]);
    let mut t = Table::new(&l);
    for f in ["a", "b;c", "", "d"] {
        t.push_row(&RowValues::parse(&l, &[f]).unwrap());
    }
    let g = t.gather(&[3, 1, 2]);
    assert_eq!(g.rows(), 3);
    let all: Vec<_> = (0..3).map(|r| g.render(r, 0, &DataType::String)).collect();
    assert_eq!(
        all,
        [vec!["d".to_string()], vec!["b".into(), "c".into()], vec![]]
    );
}

#[test]
fn one_value_per_row_stays_implicit_until_a_row_breaks_it() {
    let l = label(&[("w", DataType::Int, Cardinality::Single)]);
    let ints = |t: &Table| -> Vec<Vec<String>> {
        (0..t.rows())
            .map(|r| t.render(r, 0, &DataType::Int))
            .collect()
    };
    let mut t = Table::new(&l);
    for f in ["1", "2"] {
        t.push_fields(&l, &[f]).unwrap();
    }
    // A bad value is rolled back and leaves the column as it was.
    assert!(t.push_fields(&l, &["x"]).is_err());
    let mut piece = Table::new(&l);
    piece.push_fields(&l, &["3"]).unwrap();
    assert_eq!(t.append(&piece), 2);
    assert!(t.is_implicit());
    assert_eq!(t.memory_bytes(), t.columns[0].values.memory_bytes());
    // An absent value: explicit, nothing lost.
    piece.clear();
    piece.push_fields(&l, &[""]).unwrap();
    piece.push_fields(&l, &["5"]).unwrap();
    assert!(!piece.is_implicit());
    t.append(&piece);
    assert!(!t.is_implicit());
    let want = |v: &[&[&str]]| -> Vec<Vec<String>> {
        v.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect()
    };
    assert_eq!(ints(&t), want(&[&["1"], &["2"], &["3"], &[], &["5"]]));
    assert_eq!((t.number(3, 0), t.number(4, 0)), (None, Some(5.0)));
    // Gathering only rows with one value each is implicit again; with the absent one, not.
    let g = t.gather(&[4, 0]);
    assert!(g.is_implicit());
    assert_eq!(ints(&g), want(&[&["5"], &["1"]]));
    let g = t.gather(&[3, 1]);
    assert!(!g.is_implicit());
    assert_eq!(ints(&g), want(&[&[], &["2"]]));
    // A cleared piece starts implicit again.
    piece.clear();
    assert!(piece.is_implicit());
}
