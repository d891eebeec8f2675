//! Prometheus text metrics: requests and a latency histogram per route and status.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;

/// Upper bounds of the latency buckets, in seconds.
pub const BUCKETS: [f64; 12] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0];

#[derive(Debug, Default, Clone)]
struct Series {
    count: u64,
    sum: f64,
    buckets: [u64; BUCKETS.len()],
}

/// Counts per (method, route, status).
#[derive(Debug, Default)]
pub struct Metrics {
    series: Mutex<BTreeMap<(String, String, u16), Series>>,
}

impl Metrics {
    /// Records one answered request.
    pub fn record(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let mut all = self.series.lock().expect("metrics poisoned");
        let s = all.entry((method.to_string(), route.to_string(), status)).or_default();
        s.count += 1;
        s.sum += seconds;
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                s.buckets[i] += 1;
            }
        }
    }

    /// The exposition text, with the index's article count and generation.
    pub fn render(&self, articles: Option<u64>, generation: Option<u64>) -> String {
        let mut out = String::new();
        out.push_str(
            "# HELP newsdex_http_requests_total Requests answered.\n# TYPE newsdex_http_requests_total counter\n",
        );
        let all = self.series.lock().expect("metrics poisoned").clone();
        for ((method, route, status), s) in &all {
            let _ = writeln!(
                out,
                "newsdex_http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} {}",
                s.count
            );
        }
        out.push_str(
            "# HELP newsdex_http_request_seconds Time to answer.\n# TYPE newsdex_http_request_seconds histogram\n",
        );
        for ((method, route, status), s) in &all {
            let labels = format!("method=\"{method}\",route=\"{route}\",status=\"{status}\"");
            for (bound, n) in BUCKETS.iter().zip(s.buckets) {
                let _ = writeln!(out, "newsdex_http_request_seconds_bucket{{{labels},le=\"{bound}\"}} {n}");
            }
            let _ = writeln!(out, "newsdex_http_request_seconds_bucket{{{labels},le=\"+Inf\"}} {}", s.count);
            let _ = writeln!(out, "newsdex_http_request_seconds_sum{{{labels}}} {}", s.sum);
            let _ = writeln!(out, "newsdex_http_request_seconds_count{{{labels}}} {}", s.count);
        }
        if let Some(n) = articles {
            let _ = writeln!(
                out,
                "# HELP newsdex_articles Articles in the index.\n# TYPE newsdex_articles gauge\nnewsdex_articles {n}"
            );
        }
        if let Some(g) = generation {
            let _ = writeln!(
                out,
                "# HELP newsdex_generation Committed generation served.\n# TYPE newsdex_generation gauge\nnewsdex_generation {g}"
            );
        }
        out
    }
}
