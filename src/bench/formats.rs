//! Reading speed per input format: the same articles written in every format newsdex reads,
//! then read back (walk, decode, parse; no analysis, no index) and timed.

use crate::ingest::format::{Format, ALL_FORMATS};
use crate::ingest::{read_articles, walk, Article, ReadLimits, SkipLog};
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

/// Items per RSS file.
const FEED_ITEMS: usize = 500;

/// Reading speed of one format.
#[derive(Debug, Clone, Serialize)]
pub struct FormatSpeed {
    /// The format (`text`, `csv`, …).
    pub format: String,
    /// Files written.
    pub files: usize,
    /// Bytes on disk.
    pub bytes: u64,
    /// Articles read back (equal to those written, unless the format drops some).
    pub articles: usize,
    /// Articles skipped while reading.
    pub skipped: usize,
    /// Median seconds of the timed reads.
    pub seconds: f64,
    /// Megabytes (10^6) on disk read per second.
    pub mb_per_s: f64,
    /// Articles read per second.
    pub articles_per_s: f64,
}

/// Writes `articles` in every format under `dir/<format>/`, reads each folder `repeats` times
/// and reports the medians.
pub fn measure(articles: &[Article], dir: &Path, repeats: usize) -> crate::Result<Vec<FormatSpeed>> {
    let mut out = Vec::new();
    for format in ALL_FORMATS {
        let folder = dir.join(format.name());
        std::fs::create_dir_all(&folder).map_err(|e| crate::Error::io(&folder, e))?;
        write_as(articles, format, &folder).map_err(|e| crate::Error::io(&folder, e))?;
        let mut times = Vec::new();
        let mut last = (0, 0, 0, 0);
        for _ in 0..repeats.max(1) {
            let started = Instant::now();
            let log = SkipLog::quiet();
            let walked = walk(&folder, None, &log);
            let mut n = 0;
            for f in &walked.files {
                n += read_articles(&f.path, &f.rel, "", f.format, ReadLimits::default(), &log, &|a| drop(a)).articles;
            }
            times.push(started.elapsed().as_secs_f64());
            last = (walked.files.len(), walked.files.iter().map(|f| f.bytes).sum::<u64>(), n, log.total());
        }
        times.sort_by(f64::total_cmp);
        let seconds = times[times.len() / 2];
        let (files, bytes, n, skipped) = last;
        out.push(FormatSpeed {
            format: format.name().to_string(),
            files,
            bytes,
            articles: n,
            skipped,
            seconds,
            mb_per_s: bytes as f64 / 1e6 / seconds.max(1e-9),
            articles_per_s: n as f64 / seconds.max(1e-9),
        });
    }
    Ok(out)
}

fn xml(s: &str) -> std::borrow::Cow<'_, str> {
    quick_xml::escape::escape(s)
}

fn date(a: &Article) -> String {
    a.date.map(|d| d.to_rfc3339()).unwrap_or_default()
}

fn text_of(a: &Article) -> String {
    let mut t = format!("{}\n", a.title);
    if let Some(by) = &a.author {
        t += &format!("By {by}\n");
    }
    if a.date.is_some() {
        t += &format!("Date: {}\n", date(a));
    }
    format!("{t}\n{}\n", a.body)
}

fn json_of(a: &Article) -> serde_json::Value {
    serde_json::json!({"id": a.id, "title": a.title, "body": a.body, "date": date(a), "url": a.url, "source": a.source, "author": a.author})
}

fn paragraphs_xml(body: &str) -> String {
    body.split("\n\n").map(|p| format!("<p>{}</p>", xml(p.trim()))).collect()
}

/// Writes the articles as `format` into `folder`.
pub fn write_as(articles: &[Article], format: Format, folder: &Path) -> std::io::Result<()> {
    let create = |name: &str| std::fs::File::create(folder.join(name)).map(std::io::BufWriter::new);
    match format {
        Format::Text => {
            for (i, a) in articles.iter().enumerate() {
                std::fs::write(folder.join(format!("{i:07}.txt")), text_of(a))?;
            }
        }
        Format::Json => {
            for (i, a) in articles.iter().enumerate() {
                std::fs::write(folder.join(format!("{i:07}.json")), json_of(a).to_string())?;
            }
        }
        Format::JsonLines => {
            let mut f = create("articles.jsonl")?;
            for a in articles {
                writeln!(f, "{}", json_of(a))?;
            }
        }
        Format::Html => {
            for (i, a) in articles.iter().enumerate() {
                let page = format!(
                    "<!DOCTYPE html><html><head><title>{t}</title><meta property=\"article:published_time\" content=\"{d}\">\
                     </head><body><nav><p>Home</p></nav><article><h1>{t}</h1>{p}</article></body></html>",
                    t = xml(&a.title),
                    d = date(a),
                    p = paragraphs_xml(&a.body)
                );
                std::fs::write(folder.join(format!("{i:07}.html")), page)?;
            }
        }
        Format::Csv | Format::Tsv => {
            let (name, delimiter) =
                if format == Format::Csv { ("articles.csv", b',') } else { ("articles.tsv", b'\t') };
            let mut w = csv::WriterBuilder::new().delimiter(delimiter).from_writer(create(name)?);
            w.write_record(["id", "title", "date", "url", "source", "text"])?;
            for a in articles {
                let (url, source) = (a.url.as_deref().unwrap_or(""), a.source.as_deref().unwrap_or(""));
                w.write_record([a.id.as_str(), &a.title, &date(a), url, source, &a.body])?;
            }
            w.flush()?;
        }
        Format::Warc => {
            let mut f = create("articles.warc.gz")?;
            for (i, a) in articles.iter().enumerate() {
                let page = format!(
                    "<html><head><meta property=\"article:published_time\" content=\"{}\"></head>\
                     <body><article><h1>{}</h1>{}</article></body></html>",
                    date(a),
                    xml(&a.title),
                    paragraphs_xml(&a.body)
                );
                let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}");
                let record = format!(
                    "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{i:012}>\r\n\
                     WARC-Date: 2025-01-01T00:00:00Z\r\nWARC-Target-URI: https://example.org/{i}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
                    block.len()
                );
                let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                gz.write_all(record.as_bytes())?;
                f.write_all(&gz.finish()?)?;
            }
        }
        Format::Feed => {
            for (n, chunk) in articles.chunks(FEED_ITEMS).enumerate() {
                let mut f = create(&format!("feed-{n:04}.rss"))?;
                write!(f, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Bench</title>")?;
                for a in chunk {
                    let pub_date = a.date.map(|d| d.to_rfc2822()).unwrap_or_default();
                    write!(
                        f,
                        "<item><title>{}</title><guid>{}</guid><pubDate>{pub_date}</pubDate><description>{}</description></item>",
                        xml(&a.title),
                        xml(&a.id),
                        xml(&paragraphs_xml(&a.body))
                    )?;
                }
                write!(f, "</channel></rss>")?;
            }
        }
        Format::NewsXml => {
            for (i, a) in articles.iter().enumerate() {
                let norm = a.date.map(|d| d.format("%Y%m%dT%H%M%S").to_string()).unwrap_or_default();
                let doc = format!(
                    "<?xml version=\"1.0\"?><nitf><head><docdata><doc-id id-string=\"{}\"/><date.issue norm=\"{norm}\"/></docdata></head>\
                     <body><body.head><hedline><hl1>{}</hl1></hedline></body.head><body.content>{}</body.content></body></nitf>",
                    xml(&a.id),
                    xml(&a.title),
                    paragraphs_xml(&a.body)
                );
                std::fs::write(folder.join(format!("{i:07}.nitf")), doc)?;
            }
        }
        Format::Parquet => write_parquet(articles, &folder.join("articles.parquet"))?,
        Format::Zip => {
            let mut zip = zip::ZipWriter::new(std::fs::File::create(folder.join("articles.zip"))?);
            for (i, a) in articles.iter().enumerate() {
                zip.start_file(format!("{i:07}.txt"), zip::write::SimpleFileOptions::default())?;
                zip.write_all(text_of(a).as_bytes())?;
            }
            zip.finish()?;
        }
        Format::Tar => {
            let gz = flate2::write::GzEncoder::new(create("articles.tar.gz")?, flate2::Compression::fast());
            let mut tar = tar::Builder::new(gz);
            for (i, a) in articles.iter().enumerate() {
                let text = text_of(a);
                let mut header = tar::Header::new_gnu();
                header.set_size(text.len() as u64);
                header.set_mode(0o644);
                header.set_cksum();
                tar.append_data(&mut header, format!("{i:07}.txt"), text.as_bytes())?;
            }
            tar.into_inner()?.finish()?.flush()?;
        }
    }
    Ok(())
}

fn write_parquet(articles: &[Article], path: &Path) -> std::io::Result<()> {
    use parquet::data_type::{ByteArray, ByteArrayType};
    use parquet::file::writer::SerializedFileWriter;
    let err = |e: parquet::errors::ParquetError| std::io::Error::other(e.to_string());
    let schema = "message article { REQUIRED BYTE_ARRAY id (UTF8); REQUIRED BYTE_ARRAY title (UTF8); \
                  REQUIRED BYTE_ARRAY date (UTF8); REQUIRED BYTE_ARRAY text (UTF8); }";
    let schema = std::sync::Arc::new(parquet::schema::parser::parse_message_type(schema).map_err(err)?);
    let mut writer =
        SerializedFileWriter::new(std::fs::File::create(path)?, schema, Default::default()).map_err(err)?;
    for chunk in articles.chunks(10_000) {
        let columns: [Vec<ByteArray>; 4] = [
            chunk.iter().map(|a| ByteArray::from(a.id.as_str())).collect(),
            chunk.iter().map(|a| ByteArray::from(a.title.as_str())).collect(),
            chunk.iter().map(|a| ByteArray::from(date(a).as_str())).collect(),
            chunk.iter().map(|a| ByteArray::from(a.body.as_str())).collect(),
        ];
        let mut group = writer.next_row_group().map_err(err)?;
        let mut i = 0;
        while let Some(mut col) = group.next_column().map_err(err)? {
            col.typed::<ByteArrayType>().write_batch(&columns[i], None, None).map_err(err)?;
            col.close().map_err(err)?;
            i += 1;
        }
        group.close().map_err(err)?;
    }
    writer.close().map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_reads_back_what_was_written() {
        let articles: Vec<Article> = (0..7)
            .map(|i| Article {
                id: format!("a{i}"),
                title: format!("Story {i} & more"),
                body: format!("First paragraph {i}.\n\nSecond \"quoted\" <paragraph>, {i}."),
                date: chrono::DateTime::from_timestamp(1_700_000_000 + i * 86_400, 0),
                ..Article::default()
            })
            .collect();
        let dir = tempfile::tempdir().unwrap();
        for speed in measure(&articles, dir.path(), 1).unwrap() {
            assert_eq!((speed.articles, speed.skipped), (7, 0), "{speed:?}");
            let folder = dir.path().join(&speed.format);
            let log = SkipLog::quiet();
            let read = std::sync::Mutex::new(Vec::new());
            for f in walk(&folder, None, &log).files {
                read_articles(&f.path, &f.rel, "", f.format, ReadLimits::default(), &log, &|a| {
                    read.lock().unwrap().push((a.title, a.body, a.date))
                });
            }
            let mut read = read.into_inner().unwrap();
            read.sort_by(|a, b| a.0.cmp(&b.0));
            let want: Vec<_> = articles.iter().map(|a| (a.title.clone(), a.body.clone(), a.date)).collect();
            assert_eq!(read, want, "{}", speed.format);
        }
    }
}
