//! The load generator: HTTP/1.1 keep-alive clients on loopback, either closed-loop
//! (N connections, each sending its next request when the last one answered: maximum
//! throughput) or open-loop at a fixed rate (latency measured from each request's
//! scheduled start, so a slow answer cannot hide the requests queued behind it).

use std::{
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use hdrhistogram::Histogram;
use http_body_util::{BodyExt, Full};
use hyper::{Request, body::Bytes};
use hyper_util::{
    client::legacy::{Client, connect::HttpConnector},
    rt::TokioExecutor,
};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

/// One kind of request: builds a body per request and judges the answer.
pub trait Workload: Send + Sync {
    fn body(&self, rng: &mut ChaCha8Rng) -> Bytes;
    /// The id the server acknowledged, for mutations.
    fn acknowledged(&self, _answer: &Value) -> Option<String> {
        None
    }
}

#[derive(Clone)]
pub struct Http {
    client: Client<HttpConnector, Full<Bytes>>,
    url: String,
    token: Arc<String>,
}

impl Http {
    pub fn new(base: &str, token: &str) -> Self {
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        let client =
            Client::builder(TokioExecutor::new()).pool_max_idle_per_host(64).build(connector);
        Self { client, url: format!("{base}/graphql"), token: Arc::new(token.to_owned()) }
    }

    /// Sends one GraphQL request; an answer with `errors` is an error.
    pub async fn send(&self, body: Bytes) -> anyhow::Result<Value> {
        let mut request = Request::post(&self.url)
            .header("content-type", "application/json")
            .body(Full::new(body))?;
        if !self.token.is_empty() {
            request
                .headers_mut()
                .insert("authorization", format!("Bearer {}", self.token).parse()?);
        }
        let response = self.client.request(request).await?;
        let status = response.status();
        let bytes = response.into_body().collect().await?.to_bytes();
        let value: Value = serde_json::from_slice(&bytes)?;
        anyhow::ensure!(status.is_success() && value.get("errors").is_none(), "{status}: {value}");
        Ok(value)
    }
}

/// What a closed-loop run measured.
#[derive(Debug, Default, Clone)]
pub struct Throughput {
    pub ok: u64,
    pub errors: u64,
    pub seconds: f64,
    pub acknowledged: Vec<String>,
    pub first_error: Option<String>,
}

impl Throughput {
    pub fn per_second(&self) -> f64 {
        self.ok as f64 / self.seconds.max(1e-9)
    }
}

/// `connections` clients send requests back to back for `duration`.
pub async fn closed_loop(
    http: &Http, workload: Arc<dyn Workload>, connections: usize, duration: Duration, seed: u64,
) -> Throughput {
    let ok = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    let acknowledged = Arc::new(Mutex::new(vec![]));
    let first_error = Arc::new(Mutex::new(None));
    let start = Instant::now();
    let deadline = start + duration;
    let mut tasks = vec![];
    for c in 0..connections {
        let (http, workload, ok, errors, acknowledged, first_error) = (
            http.clone(),
            Arc::clone(&workload),
            Arc::clone(&ok),
            Arc::clone(&errors),
            Arc::clone(&acknowledged),
            Arc::clone(&first_error),
        );
        tasks.push(tokio::spawn(async move {
            let mut rng = ChaCha8Rng::seed_from_u64(seed * 1000 + c as u64);
            while Instant::now() < deadline {
                match http.send(workload.body(&mut rng)).await {
                    Ok(answer) => {
                        ok.fetch_add(1, Ordering::Relaxed);
                        if let Some(id) = workload.acknowledged(&answer)
                            && let Ok(mut ids) = acknowledged.lock()
                        {
                            ids.push(id);
                        }
                    }
                    Err(err) => {
                        errors.fetch_add(1, Ordering::Relaxed);
                        if let Ok(mut first) = first_error.lock() {
                            first.get_or_insert_with(|| err.to_string());
                        }
                    }
                }
            }
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    let seconds = start.elapsed().as_secs_f64();
    let acknowledged = acknowledged.lock().map(|ids| ids.clone()).unwrap_or_default();
    let first_error = first_error.lock().ok().and_then(|e| e.clone());
    Throughput {
        ok: ok.load(Ordering::Relaxed),
        errors: errors.load(Ordering::Relaxed),
        seconds,
        acknowledged,
        first_error,
    }
}

/// Latency percentiles in milliseconds.
#[derive(Debug, Default, Clone, Copy)]
pub struct Latency {
    pub rate: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub samples: u64,
    pub errors: u64,
}

pub fn latency_of(histogram: &Histogram<u64>, rate: f64, errors: u64) -> Latency {
    Latency {
        rate,
        p50_ms: histogram.value_at_quantile(0.5) as f64 / 1000.0,
        p99_ms: histogram.value_at_quantile(0.99) as f64 / 1000.0,
        samples: histogram.len(),
        errors,
    }
}

/// Sends `rate` requests per second for `duration`, each at its scheduled time.
pub async fn fixed_rate(
    http: &Http, workload: Arc<dyn Workload>, rate: f64, duration: Duration, seed: u64,
) -> anyhow::Result<Latency> {
    let histogram = Arc::new(Mutex::new(Histogram::<u64>::new_with_bounds(1, 60_000_000, 3)?));
    let errors = Arc::new(AtomicU64::new(0));
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let start = tokio::time::Instant::now();
    let count = (rate * duration.as_secs_f64()).round() as u64;
    let mut tasks = Vec::with_capacity(count as usize);
    for i in 0..count {
        let scheduled = start + Duration::from_secs_f64(i as f64 / rate);
        tokio::time::sleep_until(scheduled).await;
        let (http, body, histogram, errors) =
            (http.clone(), workload.body(&mut rng), Arc::clone(&histogram), Arc::clone(&errors));
        tasks.push(tokio::spawn(async move {
            let result = http.send(body).await;
            let micros = scheduled.elapsed().as_micros() as u64;
            match result {
                Ok(_) => {
                    if let Ok(mut h) = histogram.lock() {
                        let _ = h.record(micros.max(1));
                    }
                }
                Err(_) => {
                    errors.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    let histogram = histogram.lock().map_err(|_| anyhow::anyhow!("histogram lock"))?.clone();
    Ok(latency_of(&histogram, rate, errors.load(Ordering::Relaxed)))
}
