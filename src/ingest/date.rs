//! Date parsing for the formats news dumps use.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// Naive date-time layouts tried after RFC 3339 and RFC 2822, read as UTC.
const NAIVE_LAYOUTS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%d-%b-%Y %H:%M:%S%.f",
    "%d-%b-%Y %H:%M:%S",
    "%a %b %d, %Y %I:%M%p",
    "%b %d, %Y %I:%M %p",
    "%Y%m%dT%H%M%S",
];

/// Layouts with a numeric zone (Parquet timestamps as text, NITF's compact form).
const ZONED_LAYOUTS: &[&str] = &["%Y-%m-%d %H:%M:%S%.f %:z", "%Y-%m-%d %H:%M:%S%.f %z", "%Y%m%dT%H%M%S%z"];

/// Date-only layouts, read as midnight UTC.
const DATE_LAYOUTS: &[&str] = &["%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%d-%b-%Y", "%Y%m%d"];

/// Parses a date string: RFC 3339, RFC 2822, `YYYY-MM-DD`, Reuters `26-FEB-1987 15:01:01.79`, and a few
/// common variants. Returns `None` when nothing fits.
///
/// ```
/// use newsdex::ingest::date::parse_date;
/// assert_eq!(parse_date("26-FEB-1987 15:01:01.79").unwrap().to_rfc3339(), "1987-02-26T15:01:01.790+00:00");
/// assert!(parse_date("2025-03-16").is_some());
/// assert_eq!(parse_date("20250412T093000").unwrap().to_rfc3339(), "2025-04-12T09:30:00+00:00");
/// assert_eq!(parse_date("2025-03-02 08:00:00 +01:00").unwrap().to_rfc3339(), "2025-03-02T07:00:00+00:00");
/// assert!(parse_date("not a date").is_none());
/// ```
pub fn parse_date(raw: &str) -> Option<DateTime<Utc>> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.with_timezone(&Utc));
    }
    for layout in ZONED_LAYOUTS {
        if let Ok(d) = DateTime::parse_from_str(s, layout) {
            return Some(d.with_timezone(&Utc));
        }
    }
    // Trailing zone names such as "EDT" are common in wire dumps.
    let (s, offset_hours) = match s.rsplit_once(' ').and_then(|(head, tail)| zone_offset(tail).map(|o| (head, o))) {
        Some((head, o)) => (head, o),
        None => (s, 0),
    };
    // Reuters writes month names in capitals ("FEB"); chrono wants "Feb".
    let fixed = title_case_months(s);
    for layout in NAIVE_LAYOUTS {
        if let Ok(d) = NaiveDateTime::parse_from_str(&fixed, layout) {
            return Some(Utc.from_utc_datetime(&d) - chrono::Duration::hours(offset_hours));
        }
    }
    for layout in DATE_LAYOUTS {
        if let Ok(d) = NaiveDate::parse_from_str(&fixed, layout) {
            return d.and_hms_opt(0, 0, 0).map(|d| Utc.from_utc_datetime(&d));
        }
    }
    None
}

/// UTC offset in hours of the zone abbreviations wire dumps use.
fn zone_offset(abbr: &str) -> Option<i64> {
    Some(match abbr {
        "UTC" | "GMT" | "Z" => 0,
        "BST" | "CET" => 1,
        "CEST" => 2,
        "EDT" => -4,
        "EST" | "CDT" => -5,
        "CST" | "MDT" => -6,
        "MST" | "PDT" => -7,
        "PST" => -8,
        _ => return None,
    })
}

/// Turns all-capital words ("FEB") into title case ("Feb") so month names parse.
fn title_case_months(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_alpha = false;
    for c in s.chars() {
        if c.is_ascii_alphabetic() {
            out.push(if prev_alpha { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() });
            prev_alpha = true;
        } else {
            out.push(c);
            prev_alpha = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_formats_news_dumps_use() {
        let cases = [
            ("2025-03-16T10:00:00Z", "2025-03-16T10:00:00+00:00"),
            ("2025-03-16T10:00:00-05:00", "2025-03-16T15:00:00+00:00"),
            ("Sun, 16 Mar 2025 10:00:00 +0000", "2025-03-16T10:00:00+00:00"),
            ("2025-03-16", "2025-03-16T00:00:00+00:00"),
            ("26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01.790+00:00"),
            ("1987-02-26T15:01:01.790", "1987-02-26T15:01:01.790+00:00"),
            ("Fri Oct 20, 2006 6:15pm EDT", "2006-10-20T22:15:00+00:00"),
            ("March 16, 2025", "2025-03-16T00:00:00+00:00"),
        ];
        for (raw, want) in cases {
            assert_eq!(parse_date(raw).map(|d| d.to_rfc3339()).as_deref(), Some(want), "{raw}");
        }
    }

    #[test]
    fn rejects_garbage() {
        for raw in ["", "yesterday", "31-MAR-1987 605:12:19.12", "By Jane Doe"] {
            assert_eq!(parse_date(raw), None, "{raw}");
        }
    }
}
