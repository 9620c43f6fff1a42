//! Live fan-out: many subscribers on one server instance (WebSocket, graphql-transport-ws),
//! inputs submitted through the API, and the time from sending each request to each
//! subscriber's receipt of its event. The server reads every change again per
//! subscriber (its session, then the input through the read policy), so this measures
//! that check as much as the transport.

use std::{
    collections::HashMap,
    sync::Arc,
    time::{Duration, Instant},
};

use futures_util::{SinkExt, StreamExt};
use hdrhistogram::Histogram;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde_json::{Value, json};
use tokio::sync::{Semaphore, mpsc};
use tokio_tungstenite::{
    connect_async,
    tungstenite::{Message, client::IntoClientRequest, http::HeaderValue},
};

use crate::{
    load::{Http, Workload},
    procfs, workloads,
};

const EVENTS: &str = "subscription { liveEvents { kind input { id } } }";

/// What one fan-out run measured.
#[derive(Debug, Clone, Default)]
pub struct LiveResult {
    pub subscribers: usize,
    pub events: usize,
    /// Events received, over all subscribers (`subscribers × events` when none is lost).
    pub delivered: usize,
    pub connect_seconds: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    /// The server's peak resident memory after the run.
    pub rss_mib: f64,
}

/// Opens `subscribers` live connections as the bench user, submits `events` inputs one
/// after the other (a quarter second apart) and waits for every delivery (at most 60 s).
pub async fn fan_out(
    base: &str, token: &str, pid: u32, subscribers: usize, events: usize, meetings: u64,
) -> anyhow::Result<LiveResult> {
    let url = format!("{}/graphql/ws", base.replacen("http://", "ws://", 1));
    let (received_tx, mut received) = mpsc::unbounded_channel::<(String, Instant)>();
    let (ready_tx, mut ready) = mpsc::unbounded_channel::<anyhow::Result<()>>();
    let started = Instant::now();
    // At most 64 handshakes at a time: a burst of a thousand would measure the accept queue.
    let handshakes = Arc::new(Semaphore::new(64));
    let mut tasks = vec![];
    for _ in 0..subscribers {
        let (url, token) = (url.clone(), token.to_owned());
        let (received_tx, ready_tx, handshakes) =
            (received_tx.clone(), ready_tx.clone(), handshakes.clone());
        tasks.push(tokio::spawn(async move {
            let permit = handshakes.acquire_owned().await;
            let socket = async {
                let mut request = url.into_client_request()?;
                request
                    .headers_mut()
                    .insert("sec-websocket-protocol", HeaderValue::from_static("graphql-transport-ws"));
                let (mut socket, _) = connect_async(request).await?;
                let init = json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {token}") } });
                socket.send(Message::text(init.to_string())).await?;
                let subscribe = json!({ "id": "1", "type": "subscribe", "payload": { "query": EVENTS } });
                socket.send(Message::text(subscribe.to_string())).await?;
                anyhow::Ok(socket)
            }
            .await;
            drop(permit);
            let mut socket = match socket {
                Ok(socket) => socket,
                Err(err) => {
                    let _ = ready_tx.send(Err(err));
                    return;
                }
            };
            let mut acked = false;
            while let Some(Ok(message)) = socket.next().await {
                let Message::Text(text) = message else { continue };
                let Ok(value) = serde_json::from_str::<Value>(&text) else { continue };
                match value["type"].as_str() {
                    Some("connection_ack") if !acked => {
                        acked = true;
                        let _ = ready_tx.send(Ok(()));
                    }
                    Some("next") => {
                        if let Some(id) = value.pointer("/payload/data/liveEvents/input/id").and_then(Value::as_str) {
                            let _ = received_tx.send((id.to_owned(), Instant::now()));
                        }
                    }
                    _ => {}
                }
            }
        }));
    }
    drop((received_tx, ready_tx));
    for _ in 0..subscribers {
        match tokio::time::timeout(Duration::from_secs(120), ready.recv()).await {
            Ok(Some(Ok(()))) => {}
            Ok(Some(Err(err))) => anyhow::bail!("a subscriber could not connect: {err}"),
            _ => anyhow::bail!("subscribers did not all connect within two minutes"),
        }
    }
    let connect_seconds = started.elapsed().as_secs_f64();
    // The subscribe message follows the ack; give the server a moment to set every
    // subscription up before the first change.
    tokio::time::sleep(Duration::from_secs(1)).await;

    let http = Http::new(base, token);
    let submit = workloads::Submit { meetings };
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let mut sent: HashMap<String, Instant> = HashMap::new();
    for _ in 0..events {
        let at = Instant::now();
        let answer = http.send(submit.body(&mut rng)).await?;
        let id = submit
            .acknowledged(&answer)
            .ok_or_else(|| anyhow::anyhow!("no input id in {answer}"))?;
        sent.insert(id, at);
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let mut histogram = Histogram::<u64>::new(3)?;
    let mut delivered = 0;
    let deadline = Instant::now() + Duration::from_secs(60);
    while delivered < subscribers * events {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, received.recv()).await {
            Ok(Some((id, at))) => {
                if let Some(sent_at) = sent.get(&id) {
                    delivered += 1;
                    histogram.record(at.saturating_duration_since(*sent_at).as_micros() as u64)?;
                }
            }
            _ => break,
        }
    }
    let rss_mib = procfs::peak_rss_mib(pid);
    for task in tasks {
        task.abort();
    }
    let ms = |q: f64| histogram.value_at_quantile(q) as f64 / 1000.0;
    Ok(LiveResult {
        subscribers,
        events,
        delivered,
        connect_seconds,
        p50_ms: ms(0.5),
        p99_ms: ms(0.99),
        max_ms: histogram.max() as f64 / 1000.0,
        rss_mib,
    })
}
