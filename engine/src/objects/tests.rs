use super::*;
use crate::obs::PART_SIZE;

#[test]
fn urls_parse_or_name_the_accepted_forms() {
    assert_eq!(
        ObjectStoreUrl::parse("file:///srv/objects").unwrap(),
        ObjectStoreUrl::Dir("/srv/objects".into())
    );
    assert_eq!(
        ObjectStoreUrl::parse("s3://graphs/prod/").unwrap(),
        ObjectStoreUrl::S3 {
            bucket: "graphs".into(),
            prefix: "prod".into()
        }
    );
    assert_eq!(
        ObjectStoreUrl::parse("s3://graphs").unwrap().to_string(),
        "s3://graphs"
    );
    for bad in [
        "gs://b/p",
        "file://relative",
        "file:///a/../b",
        "s3://A_B",
        "s3://b/x/../y",
        "/srv/objects",
    ] {
        let e = ObjectStoreUrl::parse(bad).unwrap_err();
        assert!(e.contains(ACCEPTED_FORMS) && e.contains(bad), "{bad}: {e}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_directory_store_round_trips_files_ranges_and_prefixes() {
    let data = tempfile::tempdir().unwrap();
    let shared = tempfile::tempdir().unwrap();
    let url = ObjectStoreUrl::Dir(shared.path().to_owned());
    let objects = Objects::open(&url, data.path(), &ObsConfig::default())
        .await
        .unwrap();
    assert!(objects.is_remote());
    let src = data.path().join("big.bin");
    let body: Vec<u8> = (0..(PART_SIZE + 1000)).map(|i| (i % 251) as u8).collect();
    std::fs::write(&src, &body).unwrap();
    let back = data.path().join("copy/back.bin");
    tokio::task::spawn_blocking(move || {
        objects.upload_file("graphs/p/g/v1.bin", &src).unwrap();
        objects.put("results/j/meta.json", b"{}".to_vec()).unwrap();
        assert_eq!(
            objects.get_range("graphs/p/g/v1.bin", 10..20).unwrap()[..],
            body[10..20]
        );
        assert!(objects.download_file("graphs/p/g/v1.bin", &back).unwrap());
        // Read window by window: two ranged reads here, the same bytes.
        let client = objects.client(Path::new("/nowhere")).unwrap();
        let mut reader = client.reader("graphs/p/g/v1.bin").unwrap();
        assert_eq!(reader.size(), body.len() as u64);
        let mut streamed = Vec::new();
        std::io::Read::read_to_end(&mut reader, &mut streamed).unwrap();
        assert!(streamed == body, "the streamed bytes differ");
        assert!(client.reader("graphs/p/g/v9.bin").is_err());
        assert_eq!(std::fs::read(&back).unwrap(), body);
        assert!(!objects.download_file("graphs/p/g/v9.bin", &back).unwrap());
        assert_eq!(objects.list("graphs/p").unwrap(), ["graphs/p/g/v1.bin"]);
        objects.delete_prefix("graphs/p/g").unwrap();
        assert!(objects.get("graphs/p/g/v1.bin").unwrap().is_none());
        assert_eq!(
            objects.get("results/j/meta.json").unwrap().unwrap()[..],
            b"{}"[..]
        );
    })
    .await
    .unwrap();
    assert!(shared.path().join("results/j/meta.json").exists());
}

#[tokio::test]
async fn the_data_dir_named_as_a_file_url_is_the_data_dir() {
    let data = tempfile::tempdir().unwrap();
    let url = ObjectStoreUrl::parse(&format!("file://{}", data.path().display())).unwrap();
    let objects = Objects::open(&url, data.path(), &ObsConfig::default())
        .await
        .unwrap();
    assert!(!objects.is_remote());
}
