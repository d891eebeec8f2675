//! Archives as they come: a folder of every format newsdex reads — extensionless wire files,
//! CSV/TSV, feeds, NITF/NewsML, WARC, Parquet, zip and tar.gz — indexed in one run, each
//! article with its title, date, source and URL. The text fixtures live in
//! `tests/fixtures/formats/`; the binary ones are written here.

use crate::util::{copy_dir, Env};
use std::io::Write;
use std::path::Path;

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

fn warc_record(kind: &str, n: u32, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:6c1f7a10-0000-4000-8000-{n:012}>\r\n\
         WARC-Date: 2025-03-12T10:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

/// A crawl: warcinfo, a request, an HTML page, an image, and a last page cut short; each record
/// gzipped on its own as Common Crawl does.
fn warc_gz() -> Vec<u8> {
    let page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n\
        <html><head><title>Quay | Coast Times</title><meta property=\"og:site_name\" content=\"Coast Times\">\
        <meta property=\"article:published_time\" content=\"2025-03-12T08:00:00Z\"></head>\
        <body><article><h1>Quay wall repaired</h1><p>Masons finished the quay wall on Wednesday.</p></article></body></html>";
    let mut out = Vec::new();
    out.extend(gzip(&warc_record("warcinfo", 1, "", b"software: newsdex tests\r\n")));
    out.extend(gzip(&warc_record("request", 2, "https://coasttimes.example/quay", b"GET /quay HTTP/1.1\r\n\r\n")));
    out.extend(gzip(&warc_record("response", 3, "https://coasttimes.example/quay", page)));
    let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n\x00\x00";
    out.extend(gzip(&warc_record("response", 4, "https://coasttimes.example/logo.png", image)));
    let cut = warc_record("response", 5, "https://coasttimes.example/cut", page);
    out.extend(gzip(&cut[..cut.len() / 2]));
    out
}

/// Rows with null columns: a row without a date, one without anything but a URL.
fn parquet() -> Vec<u8> {
    use parquet::data_type::{ByteArray, ByteArrayType};
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    let schema = "message article { OPTIONAL BYTE_ARRAY title (UTF8); OPTIONAL BYTE_ARRAY text (UTF8); \
                  OPTIONAL BYTE_ARRAY date (UTF8); OPTIONAL BYTE_ARRAY url (UTF8); OPTIONAL BYTE_ARRAY authors (UTF8); }";
    let schema = std::sync::Arc::new(parquet::schema::parser::parse_message_type(schema).unwrap());
    let rows: [[Option<&str>; 5]; 3] = [
        [
            Some("Seawall funding approved"),
            Some("The state approved money for the seawall."),
            Some("2025-03-13"),
            Some("https://coasttimes.example/seawall"),
            Some("Lee Park"),
        ],
        [
            Some("Dunes replanted"),
            Some("Volunteers replanted the dunes."),
            None,
            Some("https://coasttimes.example/dunes"),
            None,
        ],
        [None, None, None, Some("https://coasttimes.example/nothing"), None],
    ];
    let mut buf = Vec::new();
    let mut writer = SerializedFileWriter::new(&mut buf, schema, Default::default()).unwrap();
    let _: WriterProperties = WriterProperties::default();
    let mut group = writer.next_row_group().unwrap();
    let mut column = 0;
    while let Some(mut col) = group.next_column().unwrap() {
        let values: Vec<ByteArray> = rows.iter().filter_map(|r| r[column]).map(ByteArray::from).collect();
        let levels: Vec<i16> = rows.iter().map(|r| i16::from(r[column].is_some())).collect();
        col.typed::<ByteArrayType>().write_batch(&values, Some(&levels), None).unwrap();
        col.close().unwrap();
        column += 1;
    }
    group.close().unwrap();
    writer.close().unwrap();
    buf
}

/// A tar.gz of a nested folder, a CSV member and a binary member.
fn tar_gz() -> Vec<u8> {
    let mut builder = tar::Builder::new(flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default()));
    let mut add = |name: &str, data: &[u8]| {
        let mut header = tar::Header::new_gnu();
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder.append_data(&mut header, name, data).unwrap();
    };
    add("day/monday/tides.txt", b"Spring tides expected\n\nThe highest tides of the year arrive on Monday.\n");
    add("day/index.csv", b"title,text,date\nHarbor fees rise,Fees for moorings rise by five percent.,2025-03-14\n");
    add("day/photo", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    builder.into_inner().unwrap().finish().unwrap()
}

/// A zip of a text file in a folder and a JSON Lines file.
fn zip() -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("week/friday.txt", options).unwrap();
    zip.write_all(b"Market hall reopens\n\nThe market hall reopened after its roof was mended.\n").unwrap();
    zip.start_file("week/wire.jsonl", options).unwrap();
    zip.write_all(
        b"{\"id\": \"wire-77\", \"title\": \"Ferry strike averted\", \"body\": \"Crews accepted the offer.\"}\n",
    )
    .unwrap();
    zip.finish().unwrap().into_inner()
}

fn mixed_folder() -> Env {
    let env = Env::new();
    copy_dir(&fixtures(), &env.path("archive"));
    env.write("archive/crawl/coast.warc.gz", warc_gz());
    env.write("archive/datasets/coast.parquet", parquet());
    env.write("archive/bundles/day.tar.gz", tar_gz());
    env.write("archive/bundles/week.zip", zip());
    env
}

#[test]
fn a_folder_of_every_format_is_read_with_counts_per_format() {
    let env = mixed_folder();
    let s = env.index("archive", &[]);
    let formats = &s["formats"];
    let articles = |f: &str| formats[f]["articles"].as_u64().unwrap_or(0);
    assert_eq!(
        [articles("text"), articles("csv"), articles("tsv"), articles("feed"), articles("news-xml")],
        [1, 2, 1, 3, 3],
        "{s}"
    );
    assert_eq!([articles("warc"), articles("parquet"), articles("tar"), articles("zip")], [1, 2, 2, 2], "{s}");
    assert_eq!(formats["warc"]["other_records"], 3, "warcinfo, request and image: {s}");
    assert_eq!(s["articles"], 17, "{s}");
    // Skipped and counted: the CSV row and Parquet row without text, the cut WARC record.
    assert_eq!(s["skipped_by_reason"], serde_json::json!({"empty": 2, "malformed": 1}), "{s}");
    assert_eq!(s["ignored_by_reason"], serde_json::json!({"binary": 1}), "the tar's photo: {s}");
}

#[test]
fn every_article_has_its_title_date_source_and_url() {
    let env = mixed_folder();
    env.index("archive", &[]);
    let show = |id: &str| env.json(&["show", id, "--json"]);
    let check = |id: &str, title: &str, date: &str, source: Option<&str>, url: Option<&str>| {
        let a = show(id);
        assert_eq!(a["title"], title, "{id}: {a}");
        assert!(a["date"].as_str().unwrap_or("").starts_with(date), "{id}: {a}");
        assert_eq!(a["source"].as_str(), source, "{id}: {a}");
        assert_eq!(a["url"].as_str(), url, "{id}: {a}");
        a
    };
    let wire = check(
        "archive/wire/2025-03-04/us-harbor-dredging-idUSL0412",
        "Harbor City finishes dredging the ship channel",
        "2025-03-04T14:30",
        Some("Harborledger"),
        Some("http://www.harborledger.example/article/2025/03/04/us-harbor-dredging-idUSL0412"),
    );
    assert!(wire["body"].as_str().unwrap().starts_with("HARBOR CITY, March 4"), "{wire}");
    let ferry = check(
        "archive/datasets/ledger.csv#2",
        "Ferry timetable, revised",
        "2025-03-02",
        Some("Harbor Ledger"),
        Some("https://ledger.example/ferry"),
    );
    assert!(ferry["body"].as_str().unwrap().contains("\"to match the trains\""), "{ferry}");
    assert_eq!(ferry["publisher_tags"], serde_json::json!(["subject:LOCAL"]));
    check(
        "archive/datasets/valley.tsv#2",
        "Orchard frost warning",
        "2025-03-05T06:00",
        Some("Valley Post"),
        Some("https://valleypost.example/frost"),
    );
    let light = check(
        "ledger-lighthouse-2025",
        "Lighthouse keeper\u{2019}s cottage opens to visitors",
        "2025-03-06T07:45",
        Some("Harbor Ledger"),
        Some("https://ledger.example/lighthouse"),
    );
    assert_eq!(
        light["body"],
        "The restored cottage at the north light opens on Saturday.\n\nTickets cost \u{20ac}4 & children go free."
    );
    check(
        "urn:valleypost:mill",
        "Mill reopens after fire",
        "2025-03-08T09:00",
        Some("Valley Post"),
        Some("https://valleypost.example/mill"),
    );
    let nitf = check(
        "ledger-2025-0309-channel",
        "Pilots praise the deeper channel",
        "2025-03-09",
        Some("Harbor Ledger"),
        Some("https://ledger.example/2025/03/09/channel"),
    );
    assert_eq!(nitf["author"], "Lee Park");
    assert!(
        nitf["publisher_tags"].as_array().unwrap().contains(&serde_json::json!("org:Harbor City Port Authority")),
        "{nitf}"
    );
    check(
        "urn:valleywire:council-budget",
        "Valley council passes budget",
        "2025-03-10T07:30",
        Some("Valley Wire"),
        None,
    );
    check("rcv1-9001", "Sawmill output rises in the valley", "2025-03-11", Some("Valley Wire"), None);
    let page = check(
        "urn:uuid:6c1f7a10-0000-4000-8000-000000000003",
        "Quay wall repaired",
        "2025-03-12T08:00",
        Some("Coast Times"),
        Some("https://coasttimes.example/quay"),
    );
    assert_eq!(page["path"], "crawl/coast.warc.gz");
    check(
        "archive/datasets/coast.parquet#1",
        "Seawall funding approved",
        "2025-03-13",
        None,
        Some("https://coasttimes.example/seawall"),
    );
    assert!(show("archive/datasets/coast.parquet#2")["date"].is_null());
    check("archive/bundles/day.tar.gz/day/monday/tides.txt", "Spring tides expected", "", None, None);
    check("archive/bundles/day.tar.gz/day/index.csv#2", "Harbor fees rise", "2025-03-14", None, None);
    let friday = check("archive/bundles/week.zip/week/friday.txt", "Market hall reopens", "", None, None);
    assert_eq!(friday["path"], "bundles/week.zip/week/friday.txt");
    check("wire-77", "Ferry strike averted", "", None, None);
}

#[test]
fn a_second_run_finds_every_archived_article_unchanged_and_a_removed_member_deleted() {
    let env = mixed_folder();
    env.index("archive", &[]);
    let s = env.index("archive", &[]);
    assert_eq!(
        (s["unchanged"].as_u64(), s["added"].as_u64(), s["deleted"].as_u64()),
        (Some(17), Some(0), Some(0)),
        "{s}"
    );
    std::fs::remove_file(env.path("archive/bundles/week.zip")).unwrap();
    let s = env.index("archive", &[]);
    assert_eq!((s["deleted"].as_u64(), s["articles"].as_u64()), (Some(2), Some(15)), "{s}");
}
