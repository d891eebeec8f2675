//! Latency statistics of a list of timings.

use serde::Serialize;
use std::time::Duration;

/// Percentiles and throughput of one run.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Latency {
    /// Queries timed.
    pub queries: usize,
    /// Median, µs.
    pub p50_us: f64,
    /// 95th percentile, µs.
    pub p95_us: f64,
    /// 99th percentile, µs.
    pub p99_us: f64,
    /// Mean, µs.
    pub mean_us: f64,
    /// Queries per second over the whole run (all clients).
    pub qps: f64,
}

impl Latency {
    /// Statistics of per-query timings, with `wall` the wall-clock time of the whole run.
    pub fn of(timings: &[Duration], wall: Duration) -> Self {
        if timings.is_empty() {
            return Latency::default();
        }
        let mut us: Vec<f64> = timings.iter().map(|d| d.as_secs_f64() * 1e6).collect();
        us.sort_by(f64::total_cmp);
        let pct = |p: f64| us[((p / 100.0) * (us.len() - 1) as f64).round() as usize];
        Latency {
            queries: us.len(),
            p50_us: pct(50.0),
            p95_us: pct(95.0),
            p99_us: pct(99.0),
            mean_us: us.iter().sum::<f64>() / us.len() as f64,
            qps: us.len() as f64 / wall.as_secs_f64().max(1e-9),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_of_one_to_hundred() {
        let t: Vec<Duration> = (1..=100).map(Duration::from_micros).collect();
        let l = Latency::of(&t, Duration::from_millis(10));
        assert_eq!((l.p50_us.round(), l.p99_us.round()), (51.0, 99.0));
        assert_eq!(l.qps.round(), 10_000.0);
    }
}
