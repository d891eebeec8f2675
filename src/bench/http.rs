//! `newsdex bench-http`: N keep-alive clients send searches to a running server for a fixed time;
//! QPS, latency percentiles, errors, and (given the server's pid) its memory over the run.

use super::latency::Latency;
use crate::error::{Error, Result};
use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A load run.
#[derive(Debug, Clone)]
pub struct HttpBenchOptions {
    /// The server, e.g. `http://127.0.0.1:7700`.
    pub base: String,
    /// Queries, sent in turn (each client starts at another one).
    pub queries: Vec<String>,
    /// Concurrent keep-alive clients.
    pub clients: usize,
    /// How long to send.
    pub duration: Duration,
    /// Extra query-string parameters for every search (`facets=10&collapse=true`).
    pub extra: String,
    /// The server's process id, to sample its resident memory once a second.
    pub server_pid: Option<u32>,
}

/// Resident memory of the server over the run (after the first tenth, the warm-up).
#[derive(Debug, Clone, Serialize)]
pub struct RssReport {
    /// First sample after warm-up, MB.
    pub first_mb: f64,
    /// Last sample, MB.
    pub last_mb: f64,
    /// Smallest and largest after warm-up, MB.
    pub min_mb: f64,
    /// Largest after warm-up, MB.
    pub max_mb: f64,
    /// Samples taken.
    pub samples: usize,
}

/// What a load run measured.
#[derive(Debug, Clone, Serialize)]
pub struct HttpBenchReport {
    /// Clients.
    pub clients: usize,
    /// Seconds of sending.
    pub seconds: f64,
    /// Answered with 200.
    pub ok: usize,
    /// Answered otherwise, or not at all.
    pub errors: usize,
    /// The first few error descriptions.
    pub error_samples: Vec<String>,
    /// Latency of the answered requests (`qps` counts them over the run).
    pub latency: Latency,
    /// The server's memory, when its pid was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rss: Option<RssReport>,
    /// The anonymous part of it (the heap: what the server allocated, without the index files
    /// it maps, which the kernel may drop at will).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rss_anon: Option<RssReport>,
}

/// Seconds since the start, resident and anonymous memory (MB).
type MemorySample = (f64, (f64, f64));

/// Resident memory of a process and its anonymous part, MB.
fn rss_mb(pid: u32) -> Option<(f64, f64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| -> Option<f64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb / 1024.0)
    };
    Some((field("VmRSS:")?, field("RssAnon:")?))
}

impl RssReport {
    /// The report of the samples, if any.
    fn of(samples: &[f64]) -> Option<Self> {
        Some(RssReport {
            first_mb: *samples.first()?,
            last_mb: *samples.last()?,
            min_mb: samples.iter().copied().fold(f64::MAX, f64::min),
            max_mb: samples.iter().copied().fold(0.0, f64::max),
            samples: samples.len(),
        })
    }
}

/// Runs the load and reports it.
pub fn run_http_bench(opts: &HttpBenchOptions) -> Result<HttpBenchReport> {
    if opts.queries.is_empty() {
        return Err(Error::user("No queries to send.", "Put one query per line in the --queries file."));
    }
    let stop = Arc::new(AtomicBool::new(false));
    let samples: Arc<Mutex<Vec<MemorySample>>> = Arc::default();
    let sampler = opts.server_pid.map(|pid| {
        let (stop, samples) = (stop.clone(), samples.clone());
        std::thread::spawn(move || {
            let started = Instant::now();
            while !stop.load(Ordering::Relaxed) {
                if let Some(mb) = rss_mb(pid) {
                    samples.lock().expect("poisoned").push((started.elapsed().as_secs_f64(), mb));
                }
                std::thread::sleep(Duration::from_secs(1));
            }
        })
    });
    let started = Instant::now();
    let deadline = started + opts.duration;
    let results: Vec<(Vec<Duration>, usize, Vec<String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..opts.clients.max(1))
            .map(|client| {
                scope.spawn(move || {
                    let config = ureq::Agent::config_builder()
                        .http_status_as_error(false)
                        .timeout_global(Some(Duration::from_secs(30)))
                        .build();
                    let agent: ureq::Agent = config.into();
                    let (mut times, mut errors, mut samples) = (Vec::new(), 0, Vec::new());
                    let mut i = client * 7919;
                    while Instant::now() < deadline {
                        let q = &opts.queries[i % opts.queries.len()];
                        i += 1;
                        let encoded: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
                        let url =
                            format!("{}/api/v1/search?q={encoded}{}", opts.base.trim_end_matches('/'), opts.extra);
                        let t = Instant::now();
                        let outcome = agent.get(&url).call().map_err(|e| e.to_string()).and_then(|mut r| {
                            let status = r.status().as_u16();
                            let body = r.body_mut().read_to_string().map_err(|e| e.to_string())?;
                            if status == 200 {
                                Ok(())
                            } else {
                                Err(format!("{status}: {}", body.chars().take(200).collect::<String>()))
                            }
                        });
                        match outcome {
                            Ok(()) => times.push(t.elapsed()),
                            Err(e) => {
                                errors += 1;
                                if samples.len() < 5 {
                                    samples.push(e);
                                }
                            }
                        }
                    }
                    (times, errors, samples)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("client thread")).collect()
    });
    let wall = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    if let Some(s) = sampler {
        let _ = s.join();
    }
    let times: Vec<Duration> = results.iter().flat_map(|r| r.0.iter().copied()).collect();
    let errors = results.iter().map(|r| r.1).sum();
    let error_samples = results.iter().flat_map(|r| r.2.iter().cloned()).take(5).collect();
    let warm = wall.as_secs_f64() / 10.0;
    let after: Vec<(f64, f64)> =
        samples.lock().expect("poisoned").iter().filter(|(t, _)| *t >= warm).map(|s| s.1).collect();
    let rss = RssReport::of(&after.iter().map(|s| s.0).collect::<Vec<_>>());
    let rss_anon = RssReport::of(&after.iter().map(|s| s.1).collect::<Vec<_>>());
    Ok(HttpBenchReport {
        clients: opts.clients.max(1),
        seconds: wall.as_secs_f64(),
        ok: times.len(),
        errors,
        error_samples,
        latency: Latency::of(&times, wall),
        rss,
        rss_anon,
    })
}
