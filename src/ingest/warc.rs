//! WARC web archives (Common Crawl's CC-News and others): the HTML pages of response (and
//! resource) records, through the same HTML extraction as `.html` files.

use super::article::Article;
use super::decode::decode_text;
use super::html::parse_html;
use super::reader::ReadLimits;
use super::skips::{Skip, SkipLog, SkipReason};
use super::source::Source;
use std::io::Read;
use warc::{RecordType, WarcHeader, WarcReader};

/// Streams the records of a WARC file (gzipped per record or whole, or plain): each HTML page
/// becomes an article with the record's id as its id, the target URI as its URL, and the
/// record's date when the page gives none. Returns the number of records passed over as no
/// articles (warcinfo, request, metadata, non-HTML responses, redirects). A record too large
/// is skipped; a broken one (a truncated end) ends the file with a skip naming the record.
pub(crate) fn read_warc(src: &Source, limits: ReadLimits, log: &SkipLog, emit: &dyn Fn(Article, usize)) -> usize {
    let path = src.path();
    let mut reader = match src.open() {
        Ok(r) => WarcReader::new(r),
        Err(skip) => {
            log.skip(skip);
            return 0;
        }
    };
    let mut records = reader.stream_records();
    let mut other = 0;
    let mut number = 0;
    loop {
        number += 1;
        // The crate's parser is contained: a record that makes it panic ends the file as a skip.
        let it = &mut records;
        let next = match crate::util::contain::contained(move || warc::StreamingIter::next_item(it)) {
            Ok(None) => break,
            Ok(Some(next)) => next,
            Err(e) => {
                let detail = format!("record {number}: the WARC reader failed ({e}); the rest of the file is not read");
                log.skip(Skip::file(path, SkipReason::Malformed, detail));
                break;
            }
        };
        let mut record = match next {
            Ok(r) => r,
            Err(e) => {
                let detail = format!("record {number}: {e}; the rest of the file is not read");
                log.skip(Skip::file(path, SkipReason::Malformed, detail));
                break;
            }
        };
        if !matches!(record.warc_type(), RecordType::Response | RecordType::Resource) {
            other += 1;
            continue;
        }
        let length = record.content_length();
        if length > limits.max_line_bytes {
            let detail = format!("record {number} of {length} bytes is over the limit");
            log.skip(Skip::file(path, SkipReason::TooLarge, detail));
            continue;
        }
        let mut block = Vec::with_capacity(length as usize);
        if let Err(e) = (&mut record).take(length).read_to_end(&mut block) {
            log.skip(Skip::file(path, SkipReason::Unreadable, format!("record {number}: {e}")));
            break;
        }
        if (block.len() as u64) < length {
            let detail = format!("record {number} ends after {} of its {length} bytes (a truncated file)", block.len());
            log.skip(Skip::file(path, SkipReason::Malformed, detail));
            break;
        }
        // The crate's header lookup panics on a value that is not UTF-8: contained, it is none.
        let header =
            |h: WarcHeader| crate::util::contain::contained(|| record.header(h).map(|v| v.into_owned())).ok().flatten();
        let (content_type, target) = (header(WarcHeader::ContentType), header(WarcHeader::TargetURI));
        let payload = match record.warc_type() {
            RecordType::Response => http_html_payload(&block),
            _ => content_type.filter(|t| t.contains("html")).map(|_| block.as_slice()),
        };
        let Some(payload) = payload else {
            other += 1;
            continue;
        };
        let mut a = parse_html(&decode_text(payload).text);
        if a.is_empty() {
            log.skip(Skip::file(path, SkipReason::Empty, format!("record {number}: no title or body found")));
            continue;
        }
        a.id = record.warc_id().trim_matches(['<', '>']).to_string();
        let target = target.map(|u| u.trim_matches(['<', '>']).to_string());
        if a.source.is_none() {
            a.source = target.as_deref().and_then(super::text::source_of_url);
        }
        a.url = target.or(a.url);
        a.date = a.date.or(Some(*record.date()));
        emit(a, number);
    }
    other
}

/// The body of an HTTP response that is a successful HTML page, else `None`.
fn http_html_payload(block: &[u8]) -> Option<&[u8]> {
    let mut headers = [httparse::EMPTY_HEADER; 96];
    let mut response = httparse::Response::new(&mut headers);
    let httparse::Status::Complete(offset) = response.parse(block).ok()? else { return None };
    if response.code != Some(200) {
        return None;
    }
    let header = |name: &str| response.headers.iter().find(|h| h.name.eq_ignore_ascii_case(name)).map(|h| h.value);
    let html = header("content-type").is_some_and(|t| String::from_utf8_lossy(t).to_ascii_lowercase().contains("html"));
    let encoded = header("content-encoding").is_some_and(|e| !e.eq_ignore_ascii_case(b"identity"));
    (html && !encoded).then(|| &block[offset..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    fn record(kind: &str, id: u32, uri: &str, block: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{id:012}>\r\n\
             WARC-Date: 2025-06-01T12:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
    }

    fn page(body: &str) -> String {
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{body}")
    }

    #[test]
    fn html_responses_are_articles_and_a_truncated_end_is_reported() {
        let mut warc = record("warcinfo", 1, "", "software: us");
        warc += &record("request", 2, "https://www.valleypost.example/a", "GET /a HTTP/1.1\r\n\r\n");
        warc += &record(
            "response",
            3,
            "https://www.valleypost.example/a",
            &page("<html><body><h1>Bridge</h1><p>It opened.</p></body></html>"),
        );
        warc += &record(
            "response",
            4,
            "https://x.example/logo.png",
            "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG",
        );
        warc += &record("response", 5, "https://x.example/old", "HTTP/1.1 301 Moved\r\nLocation: /new\r\n\r\n");
        let last = record("response", 6, "https://x.example/b", &page("<p>cut</p>"));
        warc += &last[..last.len() - 10];
        let src = Source::Member { path: "t.warc".into(), bytes: warc.into_bytes() };
        let log = SkipLog::quiet();
        let got = Mutex::new(Vec::new());
        let other = read_warc(&src, ReadLimits::default(), &log, &|a, n| got.lock().unwrap().push((a, n)));
        let got = got.into_inner().unwrap();
        assert_eq!(got.len(), 1);
        let (a, n) = &got[0];
        assert_eq!((a.title.as_str(), a.body.as_str(), *n), ("Bridge", "It opened.", 3));
        assert_eq!(a.id, "urn:uuid:00000000-0000-0000-0000-000000000003");
        assert_eq!(a.url.as_deref(), Some("https://www.valleypost.example/a"));
        assert_eq!(a.date.unwrap().to_rfc3339(), "2025-06-01T12:00:00+00:00");
        assert_eq!(other, 4, "warcinfo, request, image, redirect");
        assert_eq!(log.counts().get("malformed"), Some(&1), "{:?}", log.messages());
    }
}
